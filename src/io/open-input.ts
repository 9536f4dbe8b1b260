import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { fileError } from './read-text.js';

/** How much one read of a response file takes. */
const CHUNK_BYTES = 256 * 1024;

/** How messages name an input: `-` is stdin. */
const STDIN_NAME = '<stdin>';
export const inputName = (file: string): string => (file === '-' ? STDIN_NAME : file);

/**
 * Opens a file for reading, refusing a directory, naming the file in any error. `seekable` is false
 * for a named pipe, `<(zcat x.csv.gz)` (/dev/fd/63) or a device: those are read in order, like stdin.
 */
async function openFile(file: string): Promise<{ handle: FileHandle; seekable: boolean }> {
  try {
    const handle = await open(file, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    }
    return { handle, seekable: info.isFile() };
  } catch (error) {
    throw fileError(error, file);
  }
}

/** A file's (or stdin's) bytes as chunks, and how to let go of the file when reading stops early. */
export interface InputChunks {
  chunks: AsyncGenerator<Buffer>;
  close(): Promise<void>;
}

/**
 * Opens a file (or stdin for `-`), or the byte range [start, end) of a file, as chunks read on demand. With `reuse`, every chunk of a file is
 * the same buffer, refilled on the next pull, so the consumer must copy what it keeps first (the
 * CSV scanner appends each chunk to its own buffer). Why: a fresh 256 KB buffer per read is
 * external memory that V8 frees only at its next collection, and a scan that makes almost no
 * garbage collects rarely: tens of MB of dead chunks were held at once.
 */
export async function openChunks(
  file: string,
  stdin: Readable,
  reuse: boolean,
  range?: { start: number; end: number },
): Promise<InputChunks> {
  if (file === '-') {
    const chunks = (async function* () {
      for await (const chunk of stdin as AsyncIterable<Buffer | string>)
        yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    })();
    return { chunks, close: async () => {} };
  }
  const { handle, seekable } = await openFile(file);
  // Reads from `start` up to `end` (a shard of the file, see score-threads.ts), or the whole file.
  // A pipe has no positions (a positioned read fails with ESPIPE): it is read from where it is.
  let position = range?.start ?? 0;
  const end = range?.end ?? Infinity;
  // Two buffers, so the next read runs while the consumer works on this chunk; the consumer has
  // asked for the next chunk (so is done with this one) before this buffer is read into again.
  const pair = reuse ? [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)] : null;
  const bufferFor = (k: number) => (pair ? (pair[k % 2] as Buffer) : Buffer.allocUnsafe(CHUNK_BYTES));
  const chunks = (async function* () {
    // A read the consumer never waits for (it stopped early) must not fail unhandled.
    const read = (into: Buffer) => {
      const length = Math.min(CHUNK_BYTES, end - position);
      const pending =
        length > 0
          ? handle.read(into, 0, length, seekable ? position : null)
          : Promise.resolve({ bytesRead: 0, buffer: into });
      const done = pending.then(
        (result) => {
          position += result.bytesRead;
          return result;
        },
        (error: unknown) => Promise.reject(fileError(error, file)),
      );
      done.catch(() => {});
      return done;
    };
    let buffer = bufferFor(0);
    let reading = read(buffer);
    for (let k = 1; ; k++) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) return;
      const current = buffer;
      buffer = bufferFor(k);
      reading = read(buffer);
      yield current.subarray(0, bytesRead);
    }
  })();
  let closed = false;
  return {
    chunks,
    close: async () => {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}
