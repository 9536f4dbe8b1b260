import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, journalPath, readJournal } from '../../src/io/audit-journal.js';
import { appendCsvRow, readCsvTable } from '../../src/io/csv-append.js';
import { UserError } from '../../src/errors.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'servqual-audit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const start = { type: 'start' as const, version: 1 as const, questionnaire: 'T', respondent: 'R1', segments: { branch: 'N' }, startedAt: 't0' };

describe('audit journal', () => {
  it('keeps every answer, the latest one winning, and ignores a line cut short by a crash', () => {
    const file = journalPath(join(dir, 'r.csv'));
    const journal = Journal.create(file, start);
    journal.append({ type: 'answer', key: 'item:T1:expectation', value: 7, at: 't1' });
    journal.append({ type: 'answer', key: 'item:T1:perception', value: 5, at: 't2' });
    journal.append({ type: 'answer', key: 'item:T1:perception', value: 6, at: 't3' });
    journal.append({ type: 'answer', key: 'weights', value: { tangibles: 100 }, at: 't4' });
    appendFileSync(file, '{"type":"answer","key":"item:R1:exp');
    const saved = readJournal(file);
    expect(saved?.start).toEqual(start);
    expect([...(saved?.answers ?? [])]).toEqual([
      ['item:T1:expectation', 7],
      ['item:T1:perception', 6],
      ['weights', { tangibles: 100 }],
    ]);
    expect(saved?.lastAt).toBe('t4');
    expect(saved?.completedAt).toBeNull();
  });

  it('refuses to start over an existing journal, and sets one aside instead of deleting it', () => {
    const file = journalPath(join(dir, 'r.csv'));
    Journal.create(file, start);
    expect(() => Journal.create(file, start)).toThrow();
    const aside = Journal.reopen(file).setAside('discarded-1');
    expect(existsSync(file)).toBe(false);
    expect(readJournal(aside)?.start.respondent).toBe('R1');
  });

  it('has nothing to resume when there is no journal', () => {
    expect(readJournal(join(dir, 'none.journal'))).toBeNull();
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
});
