import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { toPartial } from '../core/scoring/partial.js';
import { startScoring } from '../core/scoring/scorer.js';
import { scoreOneFile } from './score-files.js';
import type { ShardReply, ShardTask } from './score-threads.js';

/*
 * One shard of `--threads`: scores the byte range [start, end) of the file after a copy of its
 * header, with lines numbered as in the whole file, and answers with the partial result.
 */

async function* withHeader(header: Uint8Array, file: string, start: number, end: number): AsyncGenerator<Buffer> {
  yield Buffer.from(header.buffer, header.byteOffset, header.byteLength);
  yield* createReadStream(file, { start, end: end - 1, highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
}

async function scoreShard(task: ShardTask): Promise<ShardReply> {
  const state = startScoring(task.questionnaire, task.options);
  const input = Readable.from(withHeader(task.header, task.file, task.start, task.end));
  await scoreOneFile(state, task.file, input, { lineOffset: task.lineOffset, allowNoRows: true });
  const fine = state.invalidCells === 0 && state.tooManySegments === null;
  return {
    ok: true,
    partial: fine ? toPartial(state) : null,
    invalidCells: state.invalidCells,
    problems: state.problems,
    tooManySegments: state.tooManySegments,
    rows: state.rows,
  };
}

scoreShard(workerData as ShardTask).then(
  (reply) => parentPort?.postMessage(reply),
  (error: unknown) => parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ShardReply),
);
