import { availableParallelism } from 'node:os';
import { CR, LF, QUOTE } from './csv-row.js';
import { open, type FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Questionnaire } from '../core/questionnaire/model.js';
import type { CellProblem } from '../core/scoring/read-answers.js';
import { IdSet, type IdSetParts } from '../core/scoring/id-set.js';
import { fromPartial, mergePartials, type ScoringPartial } from '../core/scoring/partial.js';
import { failedScoring, type ScoreOptions, type ScoringState } from '../core/scoring/scorer.js';
import { sniffEncoding } from './decode.js';
import type { ReadOptions } from './score-files.js';

/*
 * Scoring one large file on several worker threads. The main thread finds split points at record
 * boundaries (a line break outside quotes: an even number of `"` before it), each worker scores its
 * byte range after a copy of the header, and the shards merge in file order.
 *
 * A file the split does not suit (stdin, several files, another encoding, lone-CR line breaks, too
 * small) is read on one thread, and the caller is told why (`OneThread`), so `--threads` is never
 * ignored in silence. Bad input found by a shard (a syntax error, too many segments) is read again
 * on one thread, which reports exactly the error it always reports. A worker that fails for any
 * other reason is a bug, reported as one (exit 3), never retried.
 */

/** Why this run is read on one thread, for a note to the user; null: to report a shard's bad input exactly (the error says enough). */
export interface OneThread {
  oneThread: string | null;
}

/** Below this size one thread is as fast as starting workers. */
const MIN_THREADED_BYTES = 8 * 1024 * 1024;
/** A range smaller than this is not worth a worker. */
const MIN_RANGE_BYTES = 1024 * 1024;
const CHUNK = 4 * 1024 * 1024;

/** What the main thread tells a worker. */
export interface ShardTask {
  questionnaire: Questionnaire;
  options: { groupBy: string[]; skipInvalid: boolean };
  file: string;
  header: Uint8Array;
  start: number;
  end: number;
  lineOffset: number;
}

/** What a worker answers: a partial, or the invalid cells found (the run fails), or an error (fall back). */
export type ShardReply =
  | {
      ok: true;
      partial: ScoringPartial | null;
      /** The shard's exact respondent ids, transferred rather than listed in the partial (null once a filter). */
      exactIds: IdSetParts | null;
      invalidCells: number;
      problems: CellProblem[];
      tooManySegments: string | null;
      rows: number;
    }
  /** `badInput`: the shard found an error in the file (one thread reads it again to report it exactly). */
  | { ok: false; badInput: boolean; message: string };

/**
 * A pass over the file's bytes that counts quotes (their parity says whether a position is inside a
 * quoted field) and line breaks as the CSV scanner counts them (LF, and a CR not followed by LF).
 */
class BytePass {
  quotes = 0;
  breaks = 0;
  /** A CR was the last byte of the previous chunk: a line break unless this chunk starts with LF. */
  private pendingCr = false;

  constructor(private readonly crlf: boolean) {}

  /** Counts bytes [from, to) of `b` (a whole chunk, so a CR at its end waits for the next). */
  count(b: Buffer, from: number, to: number): void {
    if (from >= to) return;
    if (this.pendingCr) {
      if (b[from] !== LF) this.breaks++;
      this.pendingCr = false;
    }
    for (let i = b.indexOf(QUOTE, from); i >= 0 && i < to; i = b.indexOf(QUOTE, i + 1)) this.quotes++;
    for (let i = b.indexOf(LF, from); i >= 0 && i < to; i = b.indexOf(LF, i + 1)) this.breaks++;
    for (let i = b.indexOf(CR, from); i >= 0 && i < to; i = b.indexOf(CR, i + 1)) {
      if (i + 1 < to) {
        if (b[i + 1] !== LF) this.breaks++;
      } else if (to === b.length) {
        this.pendingCr = true;
      } else if (b[i + 1] !== LF) {
        this.breaks++;
      }
    }
  }

  /**
   * From `from`, the position just after the first record delimiter outside quotes (LF, or CRLF
   * when `crlf`), counting the bytes passed; -1 when the chunk ends first (all of it counted).
   */
  seek(b: Buffer, from: number, previous: number): number {
    for (let i = b.indexOf(LF, from); i >= 0; i = b.indexOf(LF, i + 1)) {
      // Count up to the LF (so the parity is that of the bytes before it).
      this.count(b, from, i);
      from = i;
      const before = i > 0 ? b[i - 1] : previous;
      if (this.quotes % 2 === 0 && (!this.crlf || before === CR)) {
        this.count(b, i, i + 1);
        return i + 1;
      }
    }
    this.count(b, from, b.length);
    return -1;
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

interface Plan {
  header: Uint8Array;
  crlf: boolean;
  /** Range boundaries: header end, split points, file size; and the line breaks before each. */
  bounds: number[];
  breaks: number[];
}

/** The header and split points of `file` for `threads` ranges, or why one thread reads it. */
async function planSplits(file: string, threads: number): Promise<Plan | string> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return 'it cannot be opened here (the single-threaded read says why)';
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return 'it is not a regular file';
    if (info.size < MIN_THREADED_BYTES) return `it is smaller than ${MIN_THREADED_BYTES / 1024 / 1024} MB`;
    const size = info.size;
    const first = await readAt(handle, 0, Math.min(size, CHUNK));
    if (sniffEncoding(first.subarray(0, 256)) !== 'utf-8') return 'it is UTF-16, re-coded on the way in';
    const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
    // A blank first line, or a CR before the header's end outside a CRLF: leave those to one thread.
    if (first[bom] === LF || first[bom] === CR) return 'its first line is blank';
    const headerPass = new BytePass(false);
    const headerEnd = headerPass.seek(first, 0, -1);
    if (headerEnd < 0) return `its header does not end within the first ${CHUNK / 1024 / 1024} MB`;
    const crlf = headerEnd >= 2 && first[headerEnd - 2] === CR;
    const headerCr = first.subarray(0, crlf ? headerEnd - 2 : headerEnd).indexOf(CR);
    if (headerCr >= 0) return 'its lines end with a lone CR';
    const ranges = Math.max(1, Math.min(threads, Math.floor((size - headerEnd) / MIN_RANGE_BYTES)));
    if (ranges < 2) return `it has less than ${(2 * MIN_RANGE_BYTES) / 1024 / 1024} MB of rows`;
    const pass = new BytePass(crlf);
    pass.count(first, 0, headerEnd);
    const bounds = [headerEnd];
    const breaks = [pass.breaks];
    let position = headerEnd;
    let chunk = first;
    let chunkStart = 0;
    let previous = -1;
    for (let r = 1; r < ranges; r++) {
      const target = Math.max(position, headerEnd + Math.floor(((size - headerEnd) * r) / ranges));
      // Count up to the target, then seek the next record delimiter outside quotes.
      for (;;) {
        const chunkEnd = chunkStart + chunk.length;
        if (target < chunkEnd || chunkEnd >= size) {
          pass.count(chunk, position - chunkStart, Math.max(position, Math.min(target, chunkEnd)) - chunkStart);
          position = Math.max(position, Math.min(target, chunkEnd));
          break;
        }
        pass.count(chunk, position - chunkStart, chunk.length);
        previous = chunk[chunk.length - 1] as number;
        chunkStart = chunkEnd;
        position = chunkEnd;
        chunk = await readAt(handle, chunkStart, Math.min(CHUNK, size - chunkStart));
        if (chunk.length === 0) return 'it got shorter while being read';
      }
      let found = -1;
      for (;;) {
        const at = pass.seek(
          chunk,
          position - chunkStart,
          position > chunkStart ? (chunk[position - chunkStart - 1] as number) : previous,
        );
        if (at >= 0) {
          found = chunkStart + at;
          position = found;
          break;
        }
        if (chunkStart + chunk.length >= size) break;
        previous = chunk[chunk.length - 1] as number;
        chunkStart += chunk.length;
        position = chunkStart;
        chunk = await readAt(handle, chunkStart, Math.min(CHUNK, size - chunkStart));
        if (chunk.length === 0) break;
      }
      if (found < 0 || found >= size) break;
      bounds.push(found);
      breaks.push(pass.breaks);
    }
    bounds.push(size);
    if (bounds.length < 3) return 'no line break outside quotes was found to split it at';
    return { header: new Uint8Array(first.subarray(0, headerEnd)), crlf, bounds, breaks };
  } finally {
    await handle.close();
  }
}

function runShard(task: ShardTask): { reply: Promise<ShardReply>; stop: () => void } {
  const worker = new Worker(new URL('./score-worker.js', import.meta.url), { workerData: task });
  const reply = new Promise<ShardReply>((resolve) => {
    worker.once('message', (message: ShardReply) => resolve(message));
    worker.once('error', (error) => resolve({ ok: false, badInput: false, message: error.message }));
    worker.once('exit', (code) => resolve({ ok: false, badInput: false, message: `it exited with code ${code}` }));
  });
  return { reply, stop: () => void worker.terminate() };
}

/** The worker threads `--threads N` asks for: 0 means one per core. */
function threadCount(threads: number): number {
  return threads === 0 ? availableParallelism() : threads;
}

/** Read on one thread, for the reason given (told to the user), or to report bad input exactly (not told: the error is). */
const oneThread = (reason: string): OneThread => ({ oneThread: reason });
const AGAIN_FOR_THE_ERROR: OneThread = { oneThread: null };

/**
 * Scores one large file across worker threads: the merged state (with `invalidCells` and the
 * first problems in file order when cells are invalid), or why it is read on one thread instead
 * (null: one thread reads it again to report a shard's bad input exactly). Throws when
 * a worker fails for another reason: that is a bug, and the run stops there.
 */
export async function scoreFileThreaded(
  q: Questionnaire,
  files: readonly string[],
  options: ScoreOptions & ReadOptions,
): Promise<ScoringState | OneThread> {
  const threads = threadCount(options.threads ?? 1);
  if (threads < 2) return oneThread('this machine has one core');
  if (files.length !== 1) return oneThread(`it splits one file, and ${files.length} were given`);
  const file = files[0] as string;
  // The caller sends only generic CSVs from regular files here; stdin cannot be split.
  if (file === '-') return oneThread('standard input cannot be split');
  // Another encoding is re-coded on the way in: one thread reads it.
  const encoding = options.encoding;
  if (encoding !== undefined && encoding !== 'auto' && encoding !== 'utf-8') {
    return oneThread(`--encoding ${encoding} re-codes it on the way in`);
  }
  const plan = await planSplits(file, threads);
  if (typeof plan === 'string') return oneThread(plan);
  const headerBreaks = plan.breaks[0] as number;
  const shardOptions = { groupBy: [...(options.groupBy ?? [])], skipInvalid: options.skipInvalid === true };
  const shards = plan.bounds.slice(0, -1).map((start, i) =>
    runShard({
      questionnaire: q,
      options: shardOptions,
      file,
      header: plan.header,
      start,
      end: plan.bounds[i + 1] as number,
      lineOffset: (plan.breaks[i] as number) - headerBreaks,
    }),
  );
  let replies: ShardReply[];
  try {
    let done = 0;
    let rows = 0;
    const totalBytes = plan.bounds[plan.bounds.length - 1] as number;
    replies = await Promise.all(
      shards.map(async (shard, i) => {
        const reply = await shard.reply;
        done += (plan.bounds[i + 1] as number) - (plan.bounds[i] as number);
        rows += reply.ok ? reply.rows : 0;
        options.progress?.update({ bytes: done, totalBytes, rows });
        // A failed shard means the single-threaded read decides: stop the others early.
        if (!reply.ok) for (const other of shards) other.stop();
        return reply;
      }),
    );
  } finally {
    for (const shard of shards) shard.stop();
  }
  const crashed = replies.findIndex((r) => !r.ok && !r.badInput);
  if (crashed >= 0) {
    const reply = replies[crashed] as Extract<ShardReply, { ok: false }>;
    throw new Error(
      `--threads: the worker thread for bytes ${plan.bounds[crashed]}-${plan.bounds[crashed + 1]} of ${file} failed: ${reply.message}`,
    );
  }
  const oks = replies.filter((r): r is Extract<ShardReply, { ok: true }> => r.ok);
  if (oks.length !== replies.length || oks.some((r) => r.tooManySegments !== null)) return AGAIN_FOR_THE_ERROR;
  if (oks.reduce((n, r) => n + r.rows, 0) === 0) return AGAIN_FOR_THE_ERROR;
  const invalid = oks.reduce((n, r) => n + r.invalidCells, 0);
  if (invalid > 0) {
    return failedScoring(
      q,
      options,
      invalid,
      oks.flatMap((r) => r.problems),
    );
  }
  const states: ScoringState[] = [];
  for (const reply of oks) {
    const exactIds = reply.exactIds ? IdSet.fromParts(reply.exactIds) : undefined;
    const { state, problems } = fromPartial(reply.partial, q, exactIds ? { exactIds } : {});
    // A worker's own partial that does not read back is a bug, not bad input.
    if (state === null)
      throw new Error(`--threads: a shard's partial result does not read back: ${problems[0]?.message}`);
    states.push(state);
  }
  const merged = mergePartials(states, options);
  // The single-threaded read names the column that overflowed first: let it.
  return merged.tooManySegments !== null ? AGAIN_FOR_THE_ERROR : merged;
}
