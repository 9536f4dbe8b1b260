/** Reading partial files: every refusal is a UserError naming the file, and where in it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPartial } from '../../../src/core/scoring/partial.js';
import {
  addRecord,
  beginTable,
  finishScoring,
  startScoring,
  type ScoreOptions,
  type ScoringState,
} from '../../../src/core/scoring/scorer.js';
import { formatDiagnostic, UserError } from '../../../src/errors.js';
import { readAndMergePartials, readPartial } from '../../../src/io/read-partial.js';
import { generateRows, makeQuestionnaire } from '../scoring/support.js';

const q = makeQuestionnaire({
  format: 'two-column',
  items: { tangibles: ['T1', 'T2'] },
  kpis: [{ id: 'nps', type: 'nps' }],
});
const dir = mkdtempSync(join(tmpdir(), 'servqual-partial-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = generateRows(q, { n: 90, seed: 4, branches: ['north', 'south'] });
const header = [...new Set(rows.flatMap((row) => Object.keys(row)))];

function scoreSlice(from: number, to: number, options: ScoreOptions = { groupBy: ['branch'] }): ScoringState {
  const state = startScoring(q, options);
  const { table } = beginTable(state, header);
  rows.slice(from, to).forEach((row, i) => {
    addRecord(
      state,
      table,
      header.map((h) => String(row[h] ?? '')),
      from + i + 2,
    );
  });
  return state;
}

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The error's lines as the CLI prints them. */
async function failure(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const u = error as UserError;
  return [...u.diagnostics.map(formatDiagnostic), ...u.trailer];
}

describe('reading and merging partial files', () => {
  it('merges files into the one-pass result', async () => {
    const files = [
      write('a.json', renderPartial(scoreSlice(0, 30))),
      write('b.json', renderPartial(scoreSlice(30, 31))),
      write('c.json', renderPartial(scoreSlice(31, 90))),
    ];
    const merged = finishScoring(await readAndMergePartials(files, q));
    const whole = finishScoring(scoreSlice(0, 90));
    expect(merged.respondents).toEqual(whole.respondents);
    expect(merged.overall.weighted.mean).toBeCloseTo(whole.overall.weighted.mean as number, 12);
    expect(merged.warnings.map((w) => [w.code, w.count, w.examples])).toEqual(
      whole.warnings.map((w) => [w.code, w.count, w.examples]),
    );
  });

  it('says where the JSON breaks', async () => {
    const file = write('broken.json', '{"kind": "servqual-partial",\n  "version": 1,,\n}');
    expect(await failure(readPartial(file, q))).toEqual([`${file}:2:16: not valid JSON: property name expected`]);
  });

  it('names a missing file', async () => {
    const file = join(dir, 'nope.json');
    expect(await failure(readPartial(file, q))).toEqual([`${file}: no such file`]);
  });

  it('refuses a saved result with a hint', async () => {
    const file = write('result.json', JSON.stringify(finishScoring(scoreSlice(0, 5)), null, 2));
    const lines = await failure(readPartial(file, q));
    expect(lines[0]).toBe(
      `${file}:1:1: not a servqual partial result (expected "kind": "servqual-partial"): found a servqual result, not a partial result\n` +
        '  hint: write partial results with: servqual score QUESTIONNAIRE RESPONSES... --partial --output part.json',
    );
    expect(lines.join('\n')).toContain(
      'hint: write partial results with: servqual score QUESTIONNAIRE RESPONSES... --partial --output part.json',
    );
  });

  it('refuses a partial of another questionnaire, at its fingerprint', async () => {
    const file = write('other.json', JSON.stringify(JSON.parse(renderPartial(scoreSlice(0, 5))), null, 2));
    const other = makeQuestionnaire({
      format: 'two-column',
      items: { tangibles: ['T1', 'T2'] },
      kpis: [{ id: 'nps', type: 'nps' }],
      reverse: ['T2'],
    });
    const lines = await failure(readPartial(file, other));
    expect(lines[0]).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: scored with a different questionnaire \\("Test audit"\\) than "Test audit"`,
      ),
    );
  });

  it('locates each problem of a damaged partial, and counts those past the first 20', async () => {
    type Lists = Record<string, unknown[]>;
    const p = JSON.parse(renderPartial(scoreSlice(0, 20))) as {
      overall: { item: { n: unknown[]; sum: Lists; squares: Lists } };
    };
    const { item } = p.overall;
    item.n = item.n.map(() => 1.5);
    for (const key of Object.keys(item.sum)) item.sum[key] = (item.sum[key] ?? []).map(() => null);
    for (const key of Object.keys(item.squares)) item.squares[key] = (item.squares[key] ?? []).map(() => -1);
    const text = JSON.stringify(p, null, 1);
    const file = write('damaged.json', text);
    const lines = await failure(readPartial(file, q));
    expect(lines).toHaveLength(21);
    // The first problem is the first 1.5 of the indented file: overall.item.n[0].
    const before = text.slice(0, text.indexOf('1.5')).split('\n');
    expect(lines[0]).toBe(
      `${file}:${before.length}:${(before.at(-1) ?? '').length + 1}: overall.item.n[0]: expected a whole number >= 0, found 1.5`,
    );
    // Six items (makeQuestionnaire fills the other dimensions): 6 counts, 6 x 6 sums, 6 x 6 sums of squares.
    expect(lines[20]).toBe('... and 58 more problems (78 in all)');
  });

  it('refuses partials grouped differently, naming both', async () => {
    const a = write('by-branch.json', renderPartial(scoreSlice(0, 10)));
    const b = write('ungrouped.json', renderPartial(scoreSlice(10, 20, {})));
    const lines = await failure(readAndMergePartials([a, b], q));
    expect(lines[0]).toBe(
      `${b}: scored with no --group-by, but ${a} with --group-by branch\n  hint: score every shard with the same --group-by columns, in the same order`,
    );
  });
});
