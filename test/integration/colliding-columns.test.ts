import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planColumns } from '../../src/core/scoring/column-plan.js';
import { fixturesDir } from '../helpers/run-cli.js';
import { makeQuestionnaire } from '../unit/scoring/support.js';
import { runInProcess as cli } from '../helpers/run-in-process.js';

/*
 * Never a silent pick: ids, columns and header cells that could be read two ways are errors naming
 * both, and ids that are JavaScript object keys are ordinary ids.
 */

const minimal = readFileSync(join(fixturesDir, 'questionnaires', 'minimal-two-column.yaml'), 'utf8');
const plain = readFileSync(join(fixturesDir, 'responses', 'plain.csv'), 'utf8');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'servqual-ids-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('the questionnaire', () => {
  it('refuses item ids that differ only in case, naming both', async () => {
    const q = write('q.yaml', minimal.replace('id: T2', 'id: t1'));
    const result = await cli(['validate', q]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /q\.yaml:\d+:\d+: item ids "T1" and "t1" differ only in case: they would read the same columns/,
    );
  });

  it('refuses two answer kinds read from one column pattern', async () => {
    const q = write(
      'q.yaml',
      `${minimal}columns: { expectation: "{item}", perception: "{ITEM}" }\n`.replace('"{ITEM}"', '"{item}"'),
    );
    const result = await cli(['validate', q]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('columns.perception and columns.expectation are the same pattern "{item}"');
  });

  it('refuses one export column mapped to two answers in source.columns', async () => {
    const source =
      'source:\n  platform: google-forms\n  columns:\n    - { column: "Q [1]", item: T1, kind: expectation }\n    - { column: "q [1] ", item: T1, kind: perception }\n    - { column: "Branch", segment: branch }\n    - { column: "Q [1]", segment: first }\n';
    const result = await cli(['validate', write('q.yaml', `${minimal}${source}`)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /q\.yaml:\d+:\d+: export column "q \[1\] " is already read by source.columns\[0\]: one column would be two answers\n$/,
    );
  });

  it('refuses a KPI whose id is an answer column', async () => {
    const q = write('q.yaml', `${minimal}kpis:\n  - { id: r1_p, type: csat, question: Satisfied? }\n`);
    const result = await cli(['validate', q]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/KPI "r1_p" would be read from the same column as the perception of item "R1"/);
  });
});

describe('the header', () => {
  const q = () => write('q.yaml', minimal);

  it('refuses a column that is there twice, exactly or after trimming, naming both', async () => {
    for (const twin of ['T1_E', ' T1_E ']) {
      const responses = write('r.csv', plain.replace('comment\n', `${twin}\n`).replace(/\n(r\d+,[^\n]*)/g, '\n$1,7'));
      const result = await cli(['score', q(), responses]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        `r.csv:1: column "T1_E" is in the header 2 times: "T1_E" (column 3) and "${twin}" (column 15)`,
      );
      expect(result.stderr).not.toContain('servqual map');
    }
  });

  it('refuses two columns that match one answer only case-insensitively', async () => {
    const responses = write(
      'r.csv',
      plain
        .replace('T1_E', 't1_e')
        .replace('comment\n', 'T1_e\n')
        .replace(/\n(r\d+,[^\n]*)/g, '\n$1,7'),
    );
    const result = await cli(['score', q(), responses]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('column "T1_E" is in the header 2 times: "t1_e" (column 3) and "T1_e" (column 15)');
  });

  it('refuses one column read as two answers: the questionnaire says so first, and the header plan too', async () => {
    const withKpi = `${minimal}kpis:\n  - { id: Comment, type: csat, question: Satisfied? }\ncolumns: { respondent: comment }\n`;
    const result = await cli(['score', write('q.yaml', withKpi), write('r.csv', plain)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /q\.yaml:\d+:\d+: KPI "Comment" would be read from the same column as the respondent id/,
    );
    // A questionnaire built in code skips validation: the header plan still refuses the shared cell.
    const valid = makeQuestionnaire({ kpis: [{ id: 'csat', type: 'csat' }] });
    const q = { ...valid, kpis: valid.kpis.map((k) => ({ ...k, id: 'T1_P' })) };
    const { missing } = planColumns(q, [
      'respondent',
      'T1_E',
      't1_p',
      'R1_E',
      'R1_P',
      'S1_E',
      'S1_P',
      'A1_E',
      'A1_P',
      'E1_E',
      'E1_P',
    ]);
    expect(missing).toEqual([
      expect.objectContaining({
        code: 'shared-column',
        message: 'column "t1_p" (column 3) would be read both as perception of item T1 and as KPI T1_P',
      }),
    ]);
  });
});

describe('ids that are JavaScript object keys', () => {
  const custom = `servqual: 1
title: Keys
format: two-column
model: custom
scale: { min: 1, max: 7 }
weights: { source: fixed, fixed: { toString: 100 } }
dimensions:
  - id: constructor
    label: Constructor
    items:
      - { id: valueOf, expectation: E, perception: P }
      - { id: hasOwnProperty, expectation: E, perception: P }
  - id: toString
    label: To string
    items:
      - { id: isPrototypeOf, expectation: E, perception: P }
kpis:
  - { id: propertyIsEnumerable, type: csat, question: Satisfied? }
thresholds:
  items: { valueOf: -10 }
`;
  const header =
    'respondent,branch,valueOf_E,valueOf_P,hasOwnProperty_E,hasOwnProperty_P,isPrototypeOf_E,isPrototypeOf_P,propertyIsEnumerable';
  const branches = ['__proto__', 'constructor', 'toString', 'plain'];
  const rows = Array.from(
    { length: 12 },
    (_, i) => `r${i},${branches[i % 4]},${7},${(i % 7) + 1},6,${(i % 5) + 1},5,${(i % 3) + 3},${(i % 5) + 1}`,
  );
  const responses = () => write('r.csv', `${header}\n${rows.join('\n')}\n`);

  it('score: every value kept, segments named like object keys are segments, fixed weights exclude the unlisted dimension', async () => {
    const result = await cli([
      'score',
      write('q.yaml', custom),
      responses(),
      '--group-by',
      'branch',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      overall: { weighted: { mean: number }; unweighted: { mean: number } };
      dimensions: { id: string; importance: number; gap: { mean: number } }[];
      segments: { value: string; respondents: { total: number } }[];
      kpis: { id: string; n: number }[];
    };
    // toString carries all the weight (constructor's is 0, not inherited from Object.prototype).
    expect(json.dimensions.map((d) => [d.id, d.importance])).toEqual([
      ['constructor', 0],
      ['toString', 1],
    ]);
    expect(json.overall.weighted.mean).toBeCloseTo(json.dimensions[1]?.gap.mean ?? NaN, 12);
    expect(json.segments.map((s) => [s.value, s.respondents.total]).sort()).toEqual([
      ['__proto__', 3],
      ['constructor', 3],
      ['plain', 3],
      ['toString', 3],
    ]);
    expect(json.kpis).toMatchObject([{ id: 'propertyIsEnumerable', n: 12 }]);
  });

  it('check: only the thresholds given become checks; a flag naming a key of Object.prototype is unknown', async () => {
    const q = write('q.yaml', custom);
    const result = await cli(['check', q, responses(), '--format', 'json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { checks: { target: string }[] }).checks.map((c) => c.target)).toEqual([
      'item:valueOf',
    ]);
    const flagged = await cli([
      'check',
      q,
      responses(),
      '--min-item',
      'hasOwnProperty=-10',
      '--min-dimension',
      'constructor=-10',
      '--format',
      'json',
    ]);
    expect((JSON.parse(flagged.stdout) as { checks: { target: string }[] }).checks.map((c) => c.target)).toEqual([
      'dimension:constructor',
      'item:valueOf',
      'item:hasOwnProperty',
    ]);
    for (const flag of ['__proto__=1', 'toLocaleString=1']) {
      const unknown = await cli(['check', q, responses(), '--min-dimension', flag]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain(`the questionnaire has no dimension "${flag.split('=')[0]}"`);
    }
  });
});
