import { parentPort, workerData } from 'node:worker_threads';
import { toPartial } from '../core/scoring/partial.js';
import { UserError } from '../errors.js';
import { startScoring } from '../core/scoring/scorer.js';
import { openChunks } from './open-input.js';
import { scoreOneFile } from './score-files.js';
import type { ShardReply, ShardTask } from './score-threads.js';

/*
 * One shard of `--threads`: scores the byte range [start, end) of the file after a copy of its
 * header, with lines numbered as in the whole file, and answers with the partial result.
 */

async function* withHeader(header: Uint8Array, chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield Buffer.from(header.buffer, header.byteOffset, header.byteLength);
  yield* chunks;
}

async function scoreShard(task: ShardTask): Promise<ShardReply> {
  const state = startScoring(task.questionnaire, task.options);
  // The scanner copies every chunk, so the range is read into reused buffers, as one thread reads a file.
  const input = await openChunks(task.file, process.stdin, true, { start: task.start, end: task.end });
  try {
    await scoreOneFile(state, task.file, withHeader(task.header, input.chunks), {
      lineOffset: task.lineOffset,
      allowNoRows: true,
    });
  } finally {
    await input.close();
  }
  const fine = state.invalidCells === 0 && state.tooManySegments === null;
  // The exact ids go as the set's own buffers (transferred), not as a list of strings to re-hash.
  const exact = fine ? state.ids.exact : null;
  return {
    ok: true,
    partial: fine ? toPartial(state, { exactIdsApart: exact !== null }) : null,
    exactIds: exact?.toParts() ?? null,
    invalidCells: state.invalidCells,
    problems: state.problems,
    tooManySegments: state.tooManySegments,
    rows: state.rows,
  };
}

scoreShard(workerData as ShardTask).then(
  (reply) => {
    const ids = reply.ok ? reply.exactIds : null;
    parentPort?.postMessage(
      reply,
      ids ? [ids.units.buffer, ids.starts.buffer, ids.slots.buffer].map((b) => b as ArrayBuffer) : [],
    );
  },
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      // A user error (a CSV syntax error in this range) is bad input; anything else is a bug.
      badInput: error instanceof UserError,
      message: error instanceof Error ? error.message : String(error),
    } satisfies ShardReply),
);
