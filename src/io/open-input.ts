import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { fileError } from './read-text.js';

/** Opens a file for streaming, or stdin for `-`, naming the file in any error. */
export async function openInput(file: string, stdin: Readable): Promise<Readable> {
  if (file === '-') return stdin;
  try {
    const handle = await open(file, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    }
    return createReadStream('', { fd: handle, highWaterMark: 256 * 1024 });
  } catch (error) {
    throw fileError(error, file);
  }
}
