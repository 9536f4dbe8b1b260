import { lstat, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { fileError } from './read-text.js';

/**
 * Where an output goes. `replace`: a regular file (new or existing) replaced atomically at `path`,
 * its real path (so a symlink keeps pointing at it and a symlinked directory is followed).
 * `through`: a pipe, a character device or an already open descriptor, written in place: renaming a
 * regular file over `/dev/null` or a FIFO would break the machine or the reader.
 */
export type OutputTarget =
  | { kind: 'replace'; path: string; existing: Stats | null }
  | { kind: 'through'; path: string; existing: Stats };

/** Names of descriptors the process already holds: written through even when they are files. */
const DESCRIPTOR_PATH = /^\/(?:dev\/(?:stdout|stderr|fd\/\d+)|proc\/(?:self|thread-self|\d+)\/fd\/\d+)$/;

/** Works out what `file` names, refusing what servqual must never write over. */
export async function resolveOutputTarget(file: string): Promise<OutputTarget> {
  // resolve() drops a trailing slash: `--output reports/` would otherwise become a file named reports.
  if (file.endsWith('/'))
    throw new UserError({ code: 'file-eisdir', file, message: 'names a directory (it ends with /), not a file' });
  const given = resolve(file);
  let existing: Stats;
  try {
    existing = await stat(given);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(error, file);
    const link = await lstat(given).catch(() => null);
    if (link?.isSymbolicLink()) {
      throw new UserError({
        code: 'output-dangling-link',
        file,
        message: 'is a symbolic link to a file that does not exist',
        hint: 'remove the link, or create its target first',
      });
    }
    return { kind: 'replace', path: join(await realDirectory(given, file), basename(given)), existing: null };
  }
  if (existing.isDirectory()) throw new UserError({ code: 'file-eisdir', file, message: 'is a directory, not a file' });
  if (DESCRIPTOR_PATH.test(given) || existing.isFIFO() || existing.isCharacterDevice())
    return { kind: 'through', path: given, existing };
  if (!existing.isFile()) {
    const what = existing.isBlockDevice() ? 'a block device' : existing.isSocket() ? 'a socket' : 'not a regular file';
    throw new UserError({
      code: 'output-special',
      file,
      message: `is ${what}: servqual writes to regular files, pipes and character devices only`,
    });
  }
  try {
    return { kind: 'replace', path: await realpath(given), existing };
  } catch (error) {
    throw fileError(error, file);
  }
}

/** The real path of the directory a new file goes into: a missing one is an error, not created. */
async function realDirectory(path: string, file: string): Promise<string> {
  try {
    const directory = await realpath(dirname(path));
    if (!(await stat(directory)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    return directory;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError({
        code: 'no-directory',
        file,
        message: `directory ${dirname(file)} does not exist`,
        hint: `create it first: mkdir -p ${dirname(file)}`,
      });
    }
    throw fileError(error, file);
  }
}

/**
 * Refuses an output that is one of the inputs, by device and inode rather than by name, so that
 * `..`, symlinked directories, `/proc/self/cwd` and hard links are all seen through.
 */
export async function refuseInputAsOutput(
  target: OutputTarget,
  inputs: readonly string[],
  file: string,
): Promise<void> {
  const out = target.existing;
  if (out === null) return;
  for (const input of inputs) {
    if (input === '-') continue;
    const info = await stat(input).catch(() => null);
    if (info !== null && info.dev === out.dev && info.ino === out.ino) {
      const named = resolve(input) === resolve(file) ? '' : ` (it is ${input})`;
      throw new UserError({
        code: 'output-is-input',
        file,
        message: `refusing to overwrite an input file with the output${named}`,
      });
    }
  }
}
