import { fileErrnoCode } from '../core/problem.js';
import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { decodeUtf8Text } from './decode.js';

/** Largest text file (questionnaire, saved result) read whole; CSVs are streamed instead. */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;
/** A questionnaire is a few tens of kilobytes; anything this big is not one. */
export const MAX_QUESTIONNAIRE_BYTES = 4 * 1024 * 1024;
/** One read of a text file. */
const CHUNK_BYTES = 1024 * 1024;

/** What a file-system error means, for the person who named the file (reading or writing it). */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'the file name is too long',
  ELOOP: 'too many levels of symbolic links',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  EFBIG: 'the file is too large for the file system',
  EIO: 'an input/output error on the device',
  ETXTBSY: 'the file is busy',
  EBUSY: 'the file or device is busy',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
};

/** Turns a file-system error into the user error that names the file; anything else is returned as it is. */
export function fileError(error: unknown, file: string): UserError | unknown {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason = typeof code === 'string' ? REASONS[code] : undefined;
  return reason && code ? new UserError({ code: fileErrnoCode(code), file, message: reason }) : error;
}

const tooLarge = (file: string, limit: number) =>
  new UserError({ code: 'file-too-large', file, message: `the file is larger than ${limit / 1024 / 1024} MB` });

/**
 * Reads a whole UTF-8 text file (BOM stripped), naming the file in any error. A file larger than
 * `limit` is refused by its size before a byte is read (a sparse multi-GB file costs nothing); a pipe
 * or a device, whose size says nothing (`/dev/zero` reports 0), is read in pieces and refused as
 * soon as it passes the limit. Reads are sequential, so `<(zcat q.yaml.gz)` works like a file.
 */
export async function readTextFile(file: string, limit = MAX_TEXT_BYTES): Promise<string> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (info.size > limit) throw tooLarge(file, limit);
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw tooLarge(file, limit);
      parts.push(buffer.subarray(0, bytesRead));
    }
    return decodeUtf8Text(Buffer.concat(parts, total), file);
  } catch (error) {
    throw fileError(error, file);
  } finally {
    await handle?.close();
  }
}
