import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { decodeUtf8Text } from './decode.js';

/** Largest text file (questionnaire, saved result) read whole; CSVs are streamed instead. */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;
/** A questionnaire is a few tens of kilobytes; anything this big is not one. */
export const MAX_QUESTIONNAIRE_BYTES = 4 * 1024 * 1024;

/** Turns a file-system error into the user error that names the file. */
export function fileError(error: unknown, file: string): UserError | unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'is a directory, not a file',
    ENOTDIR: 'a part of the path is not a directory',
  };
  const reason = code ? reasons[code] : undefined;
  return reason ? new UserError({ code: `file-${code?.toLowerCase()}`, file, message: reason }) : error;
}

/** Reads a whole UTF-8 text file (BOM stripped), naming the file in any error. */
export async function readTextFile(file: string, limit = MAX_TEXT_BYTES): Promise<string> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    throw fileError(error, file);
  }
  if (buffer.length > limit) {
    throw new UserError({ code: 'file-too-large', file, message: `the file is larger than ${limit / 1024 / 1024} MB` });
  }
  return decodeUtf8Text(buffer, file);
}
