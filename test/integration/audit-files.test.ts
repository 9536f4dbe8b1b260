import { hostname } from 'node:os';
import { existsSync, utimesSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isClaimed,
  Journal,
  journalPath,
  legacyJournalPath,
  listJournals,
  newInterviewId,
  readJournalText,
} from '../../src/io/audit-journal.js';
import { appendCsvRow, csvLockPath, readCsvTable } from '../../src/io/csv-append.js';
import { appendWhole, isHeld, tryLock, withLock } from '../../src/io/lock-file.js';
import { parseLockOwner } from '../../src/core/audit/lock-owner.js';
import { UserError } from '../../src/errors.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'servqual-audit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const start = {
  type: 'start' as const,
  version: 1 as const,
  questionnaire: 'T',
  respondent: 'R1',
  segments: { branch: 'N' },
  startedAt: 't0',
};

describe('audit journal files', () => {
  it('appends fsynced lines, one journal per interview, named after the responses file', () => {
    const out = join(dir, 'r.csv');
    const a = Journal.create(journalPath(out, newInterviewId()), start);
    const b = Journal.create(journalPath(out, newInterviewId()), { ...start, respondent: 'R2' });
    a.append({ type: 'answer', key: 'item:T1:expectation', value: 7, at: 't1' });
    b.append({ type: 'answer', key: 'item:T1:expectation', value: 3, at: 't1' });
    expect(listJournals(out)).toEqual([a.file, b.file].sort());
    expect(
      readJournalText(a.file)
        ?.split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).respondent ?? JSON.parse(line).value),
    ).toEqual(['R1', 7]);
    expect(
      readJournalText(b.file)
        ?.split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).respondent ?? JSON.parse(line).value),
    ).toEqual(['R2', 3]);
  });

  it('a running interview is claimed: another audit cannot claim it until it is released', () => {
    const out = join(dir, 'r.csv');
    const journal = Journal.create(journalPath(out, newInterviewId()), start);
    expect(isClaimed(journal.file)).toBe(true);
    expect(Journal.claim(journal.file)).toBeNull();
    journal.release();
    expect(isClaimed(journal.file)).toBe(false);
    const again = Journal.claim(journal.file);
    expect(again).not.toBeNull();
    expect(Journal.claim(journal.file)).toBeNull();
    again?.release();
  });

  it('a claim left by a process that died (kill -9) is taken over', () => {
    const out = join(dir, 'r.csv');
    const file = journalPath(out, newInterviewId());
    writeFileSync(file, `${JSON.stringify(start)}\n`);
    // A pid that cannot be running: above the kernel's pid_max.
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), nonce: 'dead', at: 't' }));
    expect(isClaimed(file)).toBe(false);
    const journal = Journal.claim(file);
    expect(journal).not.toBeNull();
    expect(isClaimed(file)).toBe(true);
    journal?.release();
  });

  it('mends a cut-off last line before appending, and sets a journal aside instead of deleting it', () => {
    const out = join(dir, 'r.csv');
    const file = journalPath(out, 'x');
    const text = `${JSON.stringify(start)}\n{"type":"answer","key":"item:T1:exp`;
    writeFileSync(file, text);
    const journal = Journal.claim(file);
    if (!journal) throw new Error('not claimed');
    journal.repair(text, { keepChars: text.indexOf('\n') + 1 });
    journal.append({ type: 'answer', key: 'item:T1:expectation', value: 7, at: 't1' });
    expect(readFileSync(file, 'utf8')).toBe(
      `${JSON.stringify(start)}\n${JSON.stringify({ type: 'answer', key: 'item:T1:expectation', value: 7, at: 't1' })}\n`,
    );
    const aside = journal.setAside('discarded-1');
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(aside, 'utf8')).toContain('"R1"');
    expect(listJournals(out)).toEqual([]);
  });

  it('finds the single journal of older versions too', () => {
    const out = join(dir, 'r.csv');
    writeFileSync(legacyJournalPath(out), `${JSON.stringify(start)}\n`);
    writeFileSync(`${out}.journal.discarded-1`, '');
    expect(listJournals(out)).toEqual([legacyJournalPath(out)]);
  });
});

describe('appendCsvRow', () => {
  const header = ['respondent', 'T1_E', 'T1_P', 'comment'];

  it('creates the file with its header, then appends rows with quoting', async () => {
    const file = join(dir, 'r.csv');
    await appendCsvRow(file, header, { respondent: 'R1', T1_E: '7', T1_P: '5', comment: 'slow, but "kind"\nreally' });
    await appendCsvRow(file, header, { respondent: 'R2', T1_E: '6', T1_P: '', comment: '' });
    const records = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(records).toEqual([
      { respondent: 'R1', T1_E: '7', T1_P: '5', comment: 'slow, but "kind"\nreally' },
      { respondent: 'R2', T1_E: '6', T1_P: '', comment: '' },
    ]);
    expect(readdirSync(dir)).toEqual(['r.csv']);
  });

  it("keeps an existing file's column order, delimiter, line endings and extra columns", async () => {
    const file = join(dir, 'r.csv');
    writeFileSync(file, 'comment;T1_P;respondent;T1_E;note\r\nold;4;R0;5;x');
    await appendCsvRow(file, header, { respondent: 'R1', T1_E: '7', T1_P: '5', comment: 'new' });
    expect(readFileSync(file, 'utf8')).toBe('comment;T1_P;respondent;T1_E;note\r\nold;4;R0;5;x\r\nnew;5;R1;7;\r\n');
    expect(readCsvTable(file)?.records).toHaveLength(2);
  });

  it('refuses a file whose header lacks a column the audit writes, leaving it untouched', async () => {
    const file = join(dir, 'r.csv');
    writeFileSync(file, 'respondent,T1_E\nR0,5\n');
    const error = await appendCsvRow(file, header, { respondent: 'R1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/r\.csv:1: the existing header lacks columns "T1_P", "comment"/);
    expect(readFileSync(file, 'utf8')).toBe('respondent,T1_E\nR0,5\n');
  });

  it('creates the file with one header when several rows arrive at once, and never writes a row twice', async () => {
    const file = join(dir, 'r.csv');
    const rows = Array.from({ length: 8 }, (_, i) => ({
      respondent: `R${i}`,
      T1_E: '7',
      T1_P: String((i % 7) + 1),
      comment: '',
    }));
    const results = await Promise.all(rows.map((row) => appendCsvRow(file, header, row, ['respondent'])));
    expect(results.every((r) => r.written)).toBe(true);
    expect([...results.map((r) => r.rows)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const again = await appendCsvRow(file, header, rows[3] as Record<string, string>, ['respondent']);
    expect(again).toEqual({ written: false, rows: 8 });
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n').filter((line) => line.startsWith('respondent,'))).toHaveLength(1);
    expect((parse(text, { columns: true }) as Record<string, string>[]).map((r) => r.respondent).sort()).toEqual(
      rows.map((r) => r.respondent),
    );
    expect(readdirSync(dir)).toEqual(['r.csv']);
  });

  it('a last row cut off mid-write is moved aside before the next row is appended; nothing is deleted', async () => {
    const file = join(dir, 'r.csv');
    writeFileSync(file, 'respondent,T1_E,T1_P,comment\nR0,5,4,ok\nR1,6,"half a co');
    const appended = await appendCsvRow(file, header, { respondent: 'R2', T1_E: '7', T1_P: '5', comment: '' });
    expect(appended.written).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('respondent,T1_E,T1_P,comment\nR0,5,4,ok\nR2,7,5,\n');
    expect(readFileSync(appended.cutOff as string, 'utf8')).toBe('R1,6,"half a co');
    // A whole last row that merely lacks its line end is kept as it is.
    writeFileSync(file, 'respondent,T1_E,T1_P,comment\nR0,5,4,ok');
    const kept = await appendCsvRow(file, header, { respondent: 'R3', T1_E: '1', T1_P: '2', comment: '' });
    expect(kept.cutOff).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('respondent,T1_E,T1_P,comment\nR0,5,4,ok\nR3,1,2,\n');
  });

  it('takes over a lock left by a process that died, and waits for a live one', async () => {
    const file = join(dir, 'r.csv');
    writeFileSync(csvLockPath(file), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), nonce: 'dead', at: 't' }));
    await appendCsvRow(file, header, { respondent: 'R1', T1_E: '7', T1_P: '5', comment: '' });
    expect(existsSync(csvLockPath(file))).toBe(false);
    // A live holder (this very process, by another nonce): the append waits until it lets go.
    writeFileSync(csvLockPath(file), JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'live', at: 't' }));
    let done = false;
    const pending = appendCsvRow(file, header, { respondent: 'R2', T1_E: '7', T1_P: '5', comment: '' }).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done).toBe(false);
    rmSync(csvLockPath(file));
    await pending;
    expect(readCsvTable(file)?.records.map((r) => r[0])).toEqual(['R1', 'R2']);
  });
});

describe('lock files', () => {
  const dead = (nonce: string) => JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), nonce, at: 't' });

  it('a stale lock is broken only under the breaker lock, and a breaker left by a dead process is cleared', () => {
    const path = join(dir, 'x.lock');
    writeFileSync(path, dead('old'));
    writeFileSync(`${path}.break`, dead('breaker'));
    const lock = tryLock(path, 30_000);
    expect(lock).not.toBeNull();
    expect(parseLockOwner(readFileSync(path, 'utf8'))?.pid).toBe(process.pid);
    expect(existsSync(`${path}.break`)).toBe(false);
    // Held by a live process (this one): not taken, and releasing only removes one's own lock.
    expect(tryLock(path, 30_000)).toBeNull();
    expect(isHeld(path, 30_000)).toBe(true);
    lock?.release();
    expect(existsSync(path)).toBe(false);
  });

  it('a lock from another host counts as live until it has not been touched for the stale time', () => {
    const path = join(dir, 'y.lock');
    writeFileSync(path, JSON.stringify({ pid: 1, host: 'another-host', nonce: 'n', at: 't' }));
    expect(tryLock(path, 60_000)).toBeNull();
    const old = new Date(Date.now() - 120_000);
    utimesSync(path, old, old);
    const lock = tryLock(path, 60_000);
    expect(lock).not.toBeNull();
    lock?.release();
  });

  it('a full disk is a user error naming the file, and leaves no half line behind', () => {
    const error = (() => {
      try {
        appendWhole('/dev/full', 'a line\n');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('/dev/full: cannot write it: no space left on the device');
    const file = join(dir, 'j');
    writeFileSync(file, 'kept\n');
    appendWhole(file, 'more\n');
    expect(readFileSync(file, 'utf8')).toBe('kept\nmore\n');
  });

  it('a lock held past the wait is a user error naming its holder and how to clear it; the body never runs', async () => {
    const path = join(dir, 'r.csv.lock');
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: 'host\u001b]0;x', nonce: 'live', at: 't' }));
    let ran = false;
    const error = await withLock(
      path,
      () => {
        ran = true;
      },
      { staleAfterMs: 60_000, timeoutMs: 100, file: 'r.csv' },
    ).catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('locked');
    expect((error as UserError).message).toMatch(
      /^r\.csv: stayed locked by pid \d+ on host\\u001b\]0;x for 0 s\n {2}hint: if no other audit is writing to it, remove .*r\.csv\.lock/,
    );
  });
});
