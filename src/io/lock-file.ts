import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { isStaleLock, parseLockOwner, type LockOwner, type LockSeen } from '../core/audit/lock-owner.js';
import { shownText } from '../core/audit/resume.js';
import { UserError } from '../errors.js';
import { writeError } from './atomic-write.js';

/**
 * Lock files made with O_EXCL (atomic on local file systems and on NFS v3+ and SMB shares), each
 * holding its owner's pid, host and a nonce. Node has no flock, and the lock libraries on npm break
 * a stale lock by deleting it, which races when two waiters judge the same lock stale at once (the
 * second deletes the first's fresh lock). Here breaking a stale lock is itself done under a
 * second O_EXCL lock, and only when the lock file still holds the very owner judged stale.
 */

const BREAK_STALE_MS = 5_000;

/**
 * Appends `text` to `file` whole, flushed to disk: writes until every byte is out (a write may be
 * short when the disk fills), and on a failure cuts the file back to its size before, so that no
 * half line or half row is left.
 */
export function appendWhole(file: string, text: string, flags = 'a'): void {
  let fd: number;
  try {
    fd = openSync(file, flags);
  } catch (error) {
    throw writeError(error, file);
  }
  const before = fstatSync(fd).size;
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } catch (error) {
    try {
      ftruncateSync(fd, before);
    } catch {
      // the file keeps a cut-off tail, which the next run repairs
    }
    throw writeError(error, file);
  } finally {
    closeSync(fd);
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

function newOwner(): LockOwner {
  return { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex'), at: new Date().toISOString() };
}

/** The lock file's text and what it says about its holder, or null when there is no lock file. */
function lookAt(path: string): { text: string; seen: LockSeen } | null {
  try {
    const text = readFileSync(path, 'utf8');
    const ageMs = Date.now() - statSync(path).mtimeMs;
    const owner = parseLockOwner(text);
    const host = hostname();
    return {
      text,
      seen: { owner, host, ownerAlive: owner && owner.host === host ? pidAlive(owner.pid) : null, ageMs },
    };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Creates `path` exclusively with our owner in it, or returns null when it exists. */
function create(path: string): LockOwner | null {
  const owner = newOwner();
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return null;
    throw writeError(error, path);
  }
  try {
    writeSync(fd, JSON.stringify(owner));
    fsyncSync(fd);
  } catch (error) {
    // A lock without its owner would look held until it ages: remove it.
    closeSync(fd);
    fd = -1;
    unlinkSync(path);
    throw writeError(error, path);
  } finally {
    if (fd !== -1) closeSync(fd);
  }
  return owner;
}

/** Removes the lock file at `path` if it still holds `staleText`, under the `.break` lock. */
function breakStale(path: string, staleText: string): void {
  const breaker = `${path}.break`;
  if (!create(breaker)) {
    // Another process is breaking it now; a breaker left by a process killed mid-break is removed.
    const other = lookAt(breaker);
    if (other && isStaleLock(other.seen, BREAK_STALE_MS)) {
      try {
        unlinkSync(breaker);
      } catch {
        // someone else removed it first
      }
    }
    return;
  }
  try {
    const now = lookAt(path);
    if (now && now.text === staleText) unlinkSync(path);
  } finally {
    unlinkSync(breaker);
  }
}

export class HeldLock {
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    readonly owner: LockOwner,
  ) {}

  /** Refreshes the lock's time every `ms`, so a process on another machine sees it is alive. */
  keepAlive(ms: number): this {
    this.heartbeat = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(this.path, now, now);
      } catch {
        // a lost heartbeat only makes the lock look older to another machine
      }
    }, ms);
    this.heartbeat.unref();
    return this;
  }

  /** Removes the lock file, if it is still ours. */
  release(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    const now = lookAt(this.path);
    if (now && parseLockOwner(now.text)?.nonce === this.owner.nonce) {
      try {
        unlinkSync(this.path);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    }
  }
}

/**
 * Takes the lock at `path` at once, or returns null when a live holder has it. A stale lock (see
 * `isStaleLock`) is broken and taken.
 */
export function tryLock(path: string, staleAfterMs: number): HeldLock | null {
  for (let attempt = 0; attempt < 3; attempt++) {
    const owner = create(path);
    if (owner) return new HeldLock(path, owner);
    const found = lookAt(path);
    if (!found) continue;
    if (!isStaleLock(found.seen, staleAfterMs)) return null;
    breakStale(path, found.text);
  }
  return null;
}

/** Whether a live holder has the lock at `path` (without taking it). */
export function isHeld(path: string, staleAfterMs: number): boolean {
  const found = lookAt(path);
  return found !== null && !isStaleLock(found.seen, staleAfterMs);
}

/** Who holds the lock at `path`, for messages. */
function lockHolder(path: string): string {
  const owner = lookAt(path)?.seen.owner;
  return owner ? `pid ${owner.pid} on ${shownText(owner.host)}` : 'another process';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `body` holding the lock at `path`, waiting for it as long as `timeoutMs`. The wait is
 * jittered so that several waiters do not retry in step.
 */
export async function withLock<T>(
  path: string,
  body: () => T | Promise<T>,
  options: { staleAfterMs: number; timeoutMs: number; file: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lock = tryLock(path, options.staleAfterMs);
  while (!lock) {
    if (Date.now() > deadline) {
      throw new UserError({
        code: 'locked',
        file: options.file,
        message: `stayed locked by ${lockHolder(path)} for ${Math.round(options.timeoutMs / 1000)} s`,
        hint: `if no other audit is writing to it, remove ${path}; the answers are kept, run the same command again to save them`,
      });
    }
    await sleep(5 + Math.floor(Math.random() * 20));
    lock = tryLock(path, options.staleAfterMs);
  }
  try {
    return await body();
  } finally {
    lock.release();
  }
}
