import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { fileError } from './read-text.js';

export interface AtomicWriteOptions {
  /** Refuse to replace an existing file (init without --force). */
  overwrite?: boolean;
  /** Files that must never be written (the inputs of the command). */
  inputs?: readonly string[];
}

/** Checks that the directory of `file` exists and can be written, naming it in the error. Returns it. */
export async function checkWritableDirectory(file: string): Promise<string> {
  const directory = dirname(resolve(file));
  try {
    const info = await stat(directory);
    if (!info.isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    await access(directory, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError({ code: 'no-directory', file, message: `directory ${dirname(file)} does not exist`, hint: `create it first: mkdir -p ${dirname(file)}` });
    }
    throw fileError(error, dirname(file));
  }
  return directory;
}

/**
 * Writes a whole file atomically: a temporary file beside the target, flushed to disk, then renamed
 * over it, so a reader never sees half a file and a crash leaves the old one intact.
 */
export async function writeFileAtomic(file: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  const target = resolve(file);
  if (options.inputs?.some((input) => input !== '-' && resolve(input) === target)) {
    throw new UserError({ code: 'output-is-input', file, message: 'refusing to overwrite an input file with the output' });
  }
  const directory = await checkWritableDirectory(file);
  const temporary = join(directory, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite === false) {
      // link fails when the target exists, so there is no window in which another writer is clobbered
      await link(temporary, target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') {
          throw new UserError({ code: 'file-exists', file, message: 'file already exists', hint: 'use --force to overwrite it' });
        }
        throw error;
      });
      await unlink(temporary);
    } else {
      await rename(temporary, target);
    }
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw fileError(error, file);
  }
}
