import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AnswerValue } from '../core/audit/steps.js';

/**
 * The audit journal: one JSON line per event, appended and fsynced before the next question is
 * asked, so a crash, a kill -9 or a power cut loses nothing already answered. It lives beside the
 * responses file (`responses.csv.journal`) until the respondent's row is safely in that file.
 */

export interface JournalStart {
  type: 'start';
  version: 1;
  questionnaire: string;
  respondent?: string;
  segments: Record<string, string>;
  startedAt: string;
}

export type JournalEntry =
  | JournalStart
  | { type: 'answer'; key: string; value: AnswerValue; at: string }
  | { type: 'complete'; completedAt: string };

export interface SavedAudit {
  start: JournalStart;
  answers: Map<string, AnswerValue>;
  completedAt: string | null;
  lastAt: string;
}

export function journalPath(out: string): string {
  return `${out}.journal`;
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
  private constructor(readonly file: string) {}

  /** Starts a new journal (replacing none: the caller has moved any old one aside). */
  static create(file: string, start: JournalStart): Journal {
    const journal = new Journal(file);
    journal.append(start, 'wx');
    syncDirectory(file);
    return journal;
  }

  static reopen(file: string): Journal {
    return new Journal(file);
  }

  /** Appends one entry and waits until it is on disk. */
  append(entry: JournalEntry, flags = 'a'): void {
    const fd = openSync(this.file, flags);
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  remove(): void {
    unlinkSync(this.file);
    syncDirectory(this.file);
  }

  /** Moves the journal aside (never deletes answers), returning the new name. */
  setAside(suffix: string): string {
    const target = `${this.file}.${suffix}`;
    renameSync(this.file, target);
    return target;
  }
}

/**
 * Reads a journal, or null when there is none. A last line cut short by a crash is ignored;
 * the latest answer to a question wins (going back and changing an answer appends a new line).
 */
export function readJournal(file: string): SavedAudit | null {
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  let start: JournalStart | null = null;
  const answers = new Map<string, AnswerValue>();
  let completedAt: string | null = null;
  let lastAt = '';
  for (const line of lines) {
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      continue;
    }
    if (entry.type === 'start') {
      start = entry;
      lastAt = entry.startedAt;
    } else if (entry.type === 'answer') {
      answers.set(entry.key, entry.value);
      lastAt = entry.at;
    } else if (entry.type === 'complete') {
      completedAt = entry.completedAt;
    }
  }
  return start ? { start, answers, completedAt, lastAt } : null;
}
