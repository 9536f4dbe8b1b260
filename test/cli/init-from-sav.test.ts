import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readExportHead } from '../../src/io/read-export.js';
import { fixturesDir, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';

// Both files are written by PSPP from test/fixtures/spss/make-labels-sav.sps.
const LABELS = join(fixturesDir, 'spss', 'labels.sav');
const QUALITY_LOW = join(fixturesDir, 'spss', 'quality-low.sav');

type Json = {
  respondents: { total: number; scored: number };
  items: { id: string; dimension: string; perception: number; gap: { mean: number; n: number } | null }[];
  kpis: { id: string; score: number }[];
};

const tempDir = useTempDir();

describe('init --from an SPSS file uses its dictionary', () => {
  it('reads variable labels and value labels, leaving user-missing codes out', async () => {
    const { rows, labels } = await readExportHead(LABELS, 100, new PassThrough());
    expect(rows[0]?.slice(0, 4)).toEqual(['respondent', 'branch', 'q1_E', 'q1_P']);
    expect(labels?.[2]?.label).toBe('Expectation: excellent banks have modern-looking equipment');
    expect([...(labels?.[2]?.values ?? [])]).toEqual([
      [1, 'Strongly disagree'],
      [2, 'Disagree'],
      [3, 'Neither agree nor disagree'],
      [4, 'Agree'],
      [5, 'Strongly agree'],
    ]);
    expect(labels?.[0]).toEqual({ label: '', values: new Map() });
  });

  it('value labels become scale.labels (the scale widened to 5, unseen in the data), variable labels the statements and the dimension words', async () => {
    const dir = tempDir();
    const init = await runChecked(['init', 'q.yaml', '--from', LABELS], dir);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(
      'scale 1-5 from the SPSS value labels (1 "Strongly disagree" ... 5 "Strongly agree")',
    );
    const q = parse(readFileSync(join(dir, 'q.yaml'), 'utf8'));
    expect(q.scale).toEqual({
      min: 1,
      max: 5,
      labels: {
        1: 'Strongly disagree',
        2: 'Disagree',
        3: 'Neither agree nor disagree',
        4: 'Agree',
        5: 'Strongly agree',
      },
    });
    expect(q.dimensions.map((d: { id: string; items: { id: string }[] }) => [d.id, d.items[0]?.id])).toEqual([
      ['tangibles', 'q1'],
      ['reliability', 'q2'],
      ['responsiveness', 'q3'],
      ['assurance', 'q4'],
      ['empathy', 'q5'],
    ]);
    expect(q.dimensions[0].items[0].perception).toBe('Perception: this bank has modern-looking equipment');
    expect(q.kpis[0]).toMatchObject({ id: 'nps', type: 'nps' });
    const scored = await runChecked(['score', 'q.yaml', LABELS, '--format', 'json'], dir);
    expect(scored.code).toBe(0);
    const result = JSON.parse(scored.stdout) as Json;
    // By hand from make-labels-sav.sps (r5 is all user-missing): mean of P - E over r1..r4,
    // q1 (-1-1+0-1)/4, q2 (-2+0-2-1)/4, q3 (0-2-1+0)/4, q4 (0+0-2+0)/4, q5 (-3-2+0-2)/4.
    expect(result.items.map((i) => [i.id, i.gap?.mean])).toEqual([
      ['q1', -0.75],
      ['q2', -1.25],
      ['q3', -0.75],
      ['q4', -0.5],
      ['q5', -1.75],
    ]);
    expect(result.respondents).toMatchObject({ total: 5, scored: 4 });
    // NPS 9, 10, 6, 8 (99 missing): (2 promoters - 1 detractor) / 4.
    expect(result.kpis[0]?.score).toBeCloseTo(25, 12);
  });

  it('labels that put the best answer first make best: low, and the answers are mirrored', async () => {
    const dir = tempDir();
    const init = await runChecked(['init', 'q.yaml', '--from', QUALITY_LOW], dir);
    expect(init.code).toBe(0);
    const q = parse(readFileSync(join(dir, 'q.yaml'), 'utf8'));
    expect(q.scale).toMatchObject({ min: 1, max: 5, best: 'low', labels: { 1: 'Excellent', 5: 'Very poor' } });
    expect(q.format).toBe('perceptions-only');
    const scored = await runChecked(['score', 'q.yaml', QUALITY_LOW, '--format', 'json'], dir);
    expect(scored.code).toBe(0);
    // By hand: 6 - x per answer, q1 (5+4+5+3)/4, q2 (4+5+5+4)/4, q3 (4+3+4+5)/4, q4 (3+4+2+4)/4, q5 (5+4+3+5)/4.
    // (q2 holds only 1 and 2: its value labels make it a rating.)
    expect((JSON.parse(scored.stdout) as Json).items.map((i) => [i.id, i.perception])).toEqual([
      ['q1', 4.25],
      ['q2', 4.5],
      ['q3', 4],
      ['q4', 3.25],
      ['q5', 4.25],
    ]);
  });
});
