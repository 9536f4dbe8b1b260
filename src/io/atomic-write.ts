import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import * as fs from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { refuseInputAsOutput, resolveOutputTarget, type OutputTarget } from './output-target.js';
import { fileError } from './read-text.js';

export interface AtomicWriteOptions {
  /** Refuse to replace an existing file (init without --force). */
  overwrite?: boolean;
  /** Files that must never be written (the inputs of the command). */
  inputs?: readonly string[];
}

/**
 * The file-system calls a write makes, in one object so that a test can make one of them fail
 * (ENOSPC, EROFS, EACCES as root) and see what the user would: `vi.spyOn(writeCalls, 'sync')`.
 */
export const writeCalls = {
  open: (path: string, flags: string | number, mode?: number) => fs.open(path, flags, mode),
  write: (handle: fs.FileHandle, content: string | Uint8Array) => handle.writeFile(content, 'utf8'),
  sync: (handle: fs.FileHandle) => handle.sync(),
  rename: (from: string, to: string) => fs.rename(from, to),
  link: (from: string, to: string) => fs.link(from, to),
};

/**
 * Temporary files are `.servqual-HOST-PID-RANDOM.tmp`: a fixed length whatever the target's name
 * (a 255-byte name stays legal), and enough to tell whose they are after a `kill -9`.
 */
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 4);
const TEMPORARY = /^\.servqual-([0-9a-f]{4})-(\d+)-[0-9a-f]{8}\.tmp$/;
/** A temporary file this old is stale whoever made it (another machine on a shared drive, a reused pid). */
const STALE_AFTER_MS = 60 * 60 * 1000;

export const temporaryName = () => `.servqual-${HOST}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files that killed servqual runs left in `directory`: those of a process
 * of this machine that is gone, and any older than an hour. Best effort: a failure changes nothing.
 */
async function removeStaleTemporaries(directory: string): Promise<void> {
  const names = await fs.readdir(directory).catch(() => [] as string[]);
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match) continue;
    const path = join(directory, name);
    const gone = match[1] === HOST && !alive(Number(match[2]));
    if (!gone) {
      const info = await fs.lstat(path).catch(() => null);
      if (info === null || Date.now() - info.mtimeMs < STALE_AFTER_MS) continue;
    }
    await fs.unlink(path).catch(() => undefined);
  }
}

/** A file-system error while writing `file`, as a one-line user error (any errno: the machine's state, not a bug). */
export function writeError(error: unknown, file: string): unknown {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return error;
  const known = fileError(error, file);
  // An errno without a sentence of ours: the system's own words, without the paths it repeats.
  const system = /^E[A-Z0-9]+: ([^,]+)/.exec((error as Error).message ?? '')?.[1];
  const reason =
    known instanceof UserError ? (known.diagnostics[0]?.message ?? code) : `${system ?? 'error'} (${code})`;
  return new UserError({
    code: known instanceof UserError ? known.code : 'file-write',
    file,
    message: `cannot write it: ${reason}`,
  });
}

/** Checks that the directory of `file` exists and can be written, naming it in the error. Returns it. */
export async function checkWritableDirectory(file: string): Promise<string> {
  const directory = dirname(resolve(file));
  try {
    const info = await fs.stat(directory);
    if (!info.isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    await fs.access(directory, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError({
        code: 'no-directory',
        file,
        message: `directory ${dirname(file)} does not exist`,
        hint: `create it first: mkdir -p ${dirname(file)}`,
      });
    }
    throw fileError(error, dirname(file));
  }
  return directory;
}

/** Writes into a pipe, a device or an open descriptor as it is: never created, truncated or replaced. */
async function writeThrough(
  target: Extract<OutputTarget, { kind: 'through' }>,
  content: string | Uint8Array,
): Promise<void> {
  // O_APPEND: `--output /dev/stdout` with `>> log` must not truncate the log.
  const handle = await writeCalls.open(target.path, constants.O_WRONLY | constants.O_APPEND | constants.O_NOCTTY);
  try {
    await writeCalls.write(handle, content);
  } finally {
    await handle.close();
  }
}

/** Makes a rename durable: the directory entry is on disk too. Some file systems refuse; then the rename stands. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await fs.open(directory, 'r').catch(() => null);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

/**
 * Checks, before any work, that `file` can be an output: the same refusals `writeFileAtomic` makes
 * (a missing directory, a directory, a dangling link, a special file, an input of the command), so
 * a long scoring run does not end in an error it could have started with.
 */
export async function checkOutput(file: string, inputs: readonly string[]): Promise<void> {
  const target = await resolveOutputTarget(file).catch((error: unknown) => Promise.reject(writeError(error, file)));
  await refuseInputAsOutput(target, inputs, file);
}

/**
 * Writes a whole file atomically: a temporary file beside the target, flushed to disk, then renamed
 * over it, so a reader never sees half a file and a crash or a full disk leaves the old one intact.
 * A symlink is followed (its target is replaced, the link stays); a pipe or a device is written
 * through (see output-target.ts); an input of the command is refused whatever path names it.
 */
export async function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const target = await resolveOutputTarget(file).catch((error: unknown) => Promise.reject(writeError(error, file)));
  await refuseInputAsOutput(target, options.inputs ?? [], file);
  if (target.kind === 'through') {
    await writeThrough(target, content).catch((error: unknown) => Promise.reject(writeError(error, file)));
    return;
  }
  if (options.overwrite === false && target.existing !== null) {
    throw new UserError({
      code: 'file-exists',
      file,
      message: 'file already exists',
      hint: 'use --force to overwrite it',
    });
  }
  const directory = dirname(target.path);
  await removeStaleTemporaries(directory);
  const temporary = join(directory, temporaryName());
  try {
    const handle = await writeCalls.open(temporary, 'wx', 0o644);
    try {
      // A replaced file keeps its permissions (not set-id bits: the content is new).
      if (target.existing !== null) await handle.chmod(target.existing.mode & 0o777);
      await writeCalls.write(handle, content);
      await writeCalls.sync(handle);
    } finally {
      await handle.close();
    }
    if (options.overwrite === false) {
      // link fails when the target exists, so there is no window in which another writer is clobbered
      await writeCalls.link(temporary, target.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') {
          throw new UserError({
            code: 'file-exists',
            file,
            message: 'file already exists',
            hint: 'use --force to overwrite it',
          });
        }
        throw error;
      });
      await fs.unlink(temporary);
    } else {
      await writeCalls.rename(temporary, target.path);
    }
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    throw writeError(error, file);
  }
  await syncDirectory(directory);
}
