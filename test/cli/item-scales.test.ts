/**
 * Items on their own scales end to end, in process: validate, score (JSON, HTML), a cell off an
 * item's scale (exit 2, FILE:LINE:COLUMN), --skip-invalid, an export read through a generic source
 * section with per-column labels, and report re-rendering the saved result byte for byte.
 * Fixtures: test/fixtures/item-scales/ (expected values worked by hand in
 * test/unit/scoring/item-scales.test.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';

const tempDir = useTempDir();

interface ItemJson {
  id: string;
  scale?: { min: number; max: number };
  expectation: number | null;
  perception: number | null;
  gap: { mean: number | null; n: number };
}

function setUp(): string {
  const dir = tempDir();
  for (const name of ['questionnaire.yaml', 'responses.csv', 'responses-invalid.csv', 'export.csv'])
    copyFixture(`item-scales/${name}`, dir);
  return dir;
}

describe('servqual with per-item scales', () => {
  it('validates the questionnaire', async () => {
    const dir = setUp();
    const result = await runChecked(['validate', 'questionnaire.yaml'], dir);
    expect(result.code).toBe(0);
  });

  it('scores a 1-4, a reversed 1-4 and a yes/no item beside 1-5 items, and warns of mixed scales', async () => {
    const dir = setUp();
    const result = await runChecked(['score', 'questionnaire.yaml', 'responses.csv', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      questionnaire: { scale: { min: number; max: number } };
      items: ItemJson[];
      overall: { weighted: { mean: number } };
      warnings: { code: string }[];
    };
    expect(json.questionnaire.scale).toEqual({ min: 1, max: 5 });
    const s3 = json.items.find((i) => i.id === 'S3') as ItemJson;
    expect(s3.scale).toEqual({ min: 1, max: 4 });
    // mirrored on 1-4: E' 4, 3, 4 -> 11/3.
    expect(s3.expectation).toBeCloseTo(11 / 3, 14);
    expect(json.items.find((i) => i.id === 'Y1')?.gap.mean).toBeCloseTo(0, 14);
    expect(json.items.find((i) => i.id === 'S1')).not.toHaveProperty('scale');
    expect(json.overall.weighted.mean).toBeCloseTo(-0.75, 14);
    expect(json.warnings.map((w) => w.code)).toContain('mixed-scales');
    expect(result.stderr).toContain("each gap is a raw difference on its item's own scale");
  });

  it('stops at a cell off its item scale with FILE:LINE:COLUMN naming the item range (exit 2)', async () => {
    const dir = setUp();
    const result = await runChecked(['score', 'questionnaire.yaml', 'responses-invalid.csv'], dir);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('responses-invalid.csv:'));
    expect(lines).toEqual([
      'responses-invalid.csv:2:S2_P: "5" is not a number on the 1-4 scale of item S2',
      'responses-invalid.csv:3:Y1_P: "2" is not a number on the 0-1 scale of item Y1',
    ]);
    expect(result.stdout).toBe('');
  });

  it('counts those cells with --skip-invalid', async () => {
    const dir = setUp();
    const result = await runChecked(
      ['score', 'questionnaire.yaml', 'responses-invalid.csv', '--skip-invalid', '--format', 'json'],
      dir,
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { respondents: { skippedCells: number }; items: ItemJson[] };
    expect(json.respondents.skippedCells).toBe(2);
    expect(json.items.find((i) => i.id === 'S2')?.gap).toMatchObject({ mean: -1, n: 2 });
  });

  it('reads Yes/No and per-column labels of an export through a generic source section', async () => {
    const dir = setUp();
    const source = readFileSync(join(dir, 'questionnaire.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'q-export.yaml'),
      `${source}\n${readFileSync(new URL('../fixtures/item-scales/source.yaml', import.meta.url), 'utf8')}`,
    );
    const validate = await runChecked(['validate', 'q-export.yaml'], dir);
    expect(validate.code).toBe(0);
    const result = await runChecked(['score', 'q-export.yaml', 'export.csv', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const items = (JSON.parse(result.stdout) as { items: ItemJson[] }).items;
    // Y1: E Ja, ja, Nein = 1, 1, 0; P No, YES, Sometimes (the column's 0) = 0, 1, 0 -> gap -1/3.
    expect(items.find((i) => i.id === 'Y1')?.gap.mean).toBeCloseTo(-1 / 3, 14);
    // A1 P of r3: Sometimes = 3 by source.labels -> gaps 0, -2, -2.
    expect(items.find((i) => i.id === 'A1')?.gap.mean).toBeCloseTo(-4 / 3, 14);
  });

  it('refuses a column label off its item scale at its line and column', async () => {
    const dir = setUp();
    writeFileSync(
      join(dir, 'q-bad.yaml'),
      `${readFileSync(join(dir, 'questionnaire.yaml'), 'utf8')}source:\n  platform: generic\n  columns:\n    - { column: Ramp, item: Y1, labels: { Yes: 1, Maybe: 2 } }\n`,
    );
    const result = await runChecked(['validate', 'q-bad.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'q-bad.yaml:33:58: label "Maybe" maps to 2, which is off the scale of item Y1 (0-1)',
    );
  });

  it('draws the HTML means chart over every item scale, and report re-renders the JSON byte for byte', async () => {
    const dir = setUp();
    const html = await runChecked(['score', 'questionnaire.yaml', 'responses.csv', '--format', 'html'], dir);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('Mean answers per dimension on the 0-5 scale.');
    const saved = await runChecked(
      ['score', 'questionnaire.yaml', 'responses.csv', '--format', 'json', '--output', 'r.json'],
      dir,
    );
    expect(saved.code).toBe(0);
    const again = await runChecked(['report', 'r.json', '--format', 'json'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(readFileSync(join(dir, 'r.json'), 'utf8'));
  });

  it('map proposes no label for the Yes and No that a yes/no item reads already', async () => {
    const dir = setUp();
    writeFileSync(
      join(dir, 'e.csv'),
      'respondent,S1_E,S1_P,S2_E,S2_P,S3_E,S3_P,Y1_E,Y1_P,A1_E,A1_P\nr1,5,4,4,3,1,2,Yes,No,Agree,Great\nr2,4,4,3,1,2,4,yes,Maybe,4,2\n',
    );
    const result = await runChecked(
      ['map', 'e.csv', '--questionnaire', 'questionnaire.yaml', '--source', 'generic'],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('    - { column: Y1_P, item: Y1, kind: perception }');
    expect(result.stdout).toContain('    Agree: 4');
    expect(result.stdout).toContain('    # Maybe:');
    expect(result.stdout).not.toMatch(/^ {4}#? ?(Yes|No|yes):/m);
  });

  it('merges partials of items on their own scales into the result of one run', async () => {
    const dir = setUp();
    const [header, ...rows] = readFileSync(join(dir, 'responses.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'a.csv'), `${header}\n${rows.slice(0, 2).join('\n')}\n`);
    writeFileSync(join(dir, 'b.csv'), `${header}\n${rows.slice(2).join('\n')}\n`);
    for (const part of ['a', 'b'])
      expect(
        (await runChecked(['score', 'questionnaire.yaml', `${part}.csv`, '--partial', '--output', `${part}.json`], dir))
          .code,
      ).toBe(0);
    const merged = await runChecked(['merge', 'questionnaire.yaml', 'a.json', 'b.json', '--format', 'json'], dir);
    const whole = await runChecked(['score', 'questionnaire.yaml', 'responses.csv', '--format', 'json'], dir);
    expect(merged.code).toBe(0);
    const strip = (text: string) => {
      const json = JSON.parse(text) as Record<string, unknown>;
      return { items: json.items, dimensions: json.dimensions, overall: json.overall };
    };
    expect(strip(merged.stdout)).toEqual(strip(whole.stdout));
  });
});
