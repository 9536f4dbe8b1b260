import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  truncateSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { JournalEntry, JournalStart, RecoveredJournal } from '../core/audit/journal.js';
import { appendWhole, isHeld, tryLock, type HeldLock } from './lock-file.js';

/**
 * The audit journals: one file per interview beside the responses file
 * (`responses.csv.<interview id>.journal`), one JSON line per event, appended and fsynced before
 * the next question is asked, so a crash, a kill -9 or a power cut loses nothing already answered.
 * A running audit holds its interview's claim (`<journal>.lock`), so another audit on the same
 * responses file never offers, resumes or removes it.
 */

/** How long a claim from another machine may go without its heartbeat before it counts as dead. */
const CLAIM_STALE_MS = 120_000;
const CLAIM_HEARTBEAT_MS = 20_000;

/** A new interview id: the time it began, then random digits so that two audits never share one. */
export function newInterviewId(now: Date = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

export function journalPath(out: string, interview: string): string {
  return `${out}.${interview}.journal`;
}

/** The single journal of versions before per-interview journals; still found and resumed. */
export function legacyJournalPath(out: string): string {
  return `${out}.journal`;
}

function claimPath(journal: string): string {
  return `${journal}.lock`;
}

/** Every journal of the responses file `out`, in name order. */
export function listJournals(out: string): string[] {
  const base = basename(out);
  const directory = dirname(out);
  const own = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:[0-9TZ]+-[0-9a-f]+\\.)?journal$`);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names
    .filter((name) => own.test(name))
    .sort()
    .map((name) => join(directory, name));
}

/** The journal's text, or null when it has gone (another audit finished it meanwhile). */
export function readJournalText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Whether a running audit holds this interview (a claim whose holder is alive). */
export function isClaimed(journal: string): boolean {
  return isHeld(claimPath(journal), CLAIM_STALE_MS);
}

/** Makes a new directory entry durable, so the journal file itself survives a power cut. */
function syncDirectory(file: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dirname(file), 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a directory; the file's own fsync still holds its content.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export class Journal {
  private constructor(
    readonly file: string,
    private readonly claim: HeldLock,
  ) {}

  /** Starts a new interview's journal, claimed by this audit. */
  static create(file: string, start: JournalStart): Journal {
    const claim = tryLock(claimPath(file), CLAIM_STALE_MS);
    if (!claim) throw new Error(`interview ${file} is already claimed`);
    const journal = new Journal(file, claim.keepAlive(CLAIM_HEARTBEAT_MS));
    journal.append(start, 'wx');
    syncDirectory(file);
    return journal;
  }

  /**
   * Claims an interrupted interview for this audit, atomically: null when another audit has just
   * claimed it (or finished it) first.
   */
  static claim(file: string): Journal | null {
    const claim = tryLock(claimPath(file), CLAIM_STALE_MS);
    if (!claim) return null;
    if (!existsSync(file)) {
      claim.release();
      return null;
    }
    return new Journal(file, claim.keepAlive(CLAIM_HEARTBEAT_MS));
  }

  /** Mends the end of the file as `recoverJournal` found it, before anything is appended. */
  repair(text: string, repair: RecoveredJournal['repair']): void {
    if (!repair) return;
    if ('keepChars' in repair) truncateSync(this.file, Buffer.byteLength(text.slice(0, repair.keepChars), 'utf8'));
    else this.write('\n', 'a');
  }

  /** Appends one entry and waits until it is on disk. */
  append(entry: JournalEntry, flags = 'a'): void {
    this.write(`${JSON.stringify(entry)}\n`, flags);
  }

  private write(text: string, flags: string): void {
    appendWhole(this.file, text, flags);
  }

  /** Lets another audit take this interview over (after Ctrl-C, or when it was not chosen). */
  release(): void {
    this.claim.release();
  }

  remove(): void {
    unlinkSync(this.file);
    syncDirectory(this.file);
    this.claim.release();
  }

  /** Moves the journal aside (never deletes answers), returning the new name. */
  setAside(suffix: string): string {
    const target = `${this.file}.${suffix}`;
    renameSync(this.file, target);
    this.claim.release();
    return target;
  }
}
