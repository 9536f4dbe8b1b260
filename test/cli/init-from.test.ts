import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';
import { SAMPLES, sampleQuestionnaire, samplePath, scoreExport } from '../unit/sources/support.js';

const tempDir = useTempDir();

/** Code-only exports (LimeSurvey) need --items: their headers hold no words. */
const ITEMS: Record<string, string> = {
  'ls-dual':
    'SQ001-SQ002=tangibles,SQ003-SQ004=reliability,SQ005-SQ006=responsiveness,SQ007-SQ008=assurance,SQ009-SQ010=empathy',
  'ls-arrays':
    'SQ001-SQ002=tangibles,SQ003-SQ004=reliability,SQ005-SQ006=responsiveness,SQ007-SQ008=assurance,SQ009-SQ010=empathy',
};

type Json = {
  dimensions: { id: string; gap: { mean: number; n: number } }[];
  items: { id: string; dimension: string; gap: { mean: number; n: number } }[];
};

describe('init --from then score gives the hand-written questionnaire numbers', () => {
  for (const sample of SAMPLES) {
    it(`${sample.platform}: ${sample.name}`, async () => {
      const dir = tempDir();
      const items = ITEMS[sample.name];
      const init = await runChecked(
        ['init', 'q.yaml', '--from', samplePath(sample, '.csv'), ...(items ? ['--items', items] : [])],
        dir,
      );
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      const validate = await runChecked(['validate', 'q.yaml'], dir);
      expect(validate.code).toBe(0);
      const scored = await runChecked(['score', 'q.yaml', samplePath(sample, '.csv'), '--format', 'json'], dir);
      expect(scored.code).toBe(0);
      const got = JSON.parse(scored.stdout) as Json;
      const want = (
        await scoreExport(sampleQuestionnaire(sample), { file: samplePath(sample, '.csv') }, sample.platform)
      ).result as unknown as Json;
      for (const d of want.dimensions) {
        const mine = got.dimensions.find((x) => x.id === d.id);
        expect(mine?.gap.n).toBe(d.gap.n);
        expect(mine?.gap.mean).toBeCloseTo(d.gap.mean, 12);
      }
      // Items in the same order within each dimension: the export's.
      const byDim = (r: Json, d: string) => r.items.filter((i) => i.dimension === d).map((i) => i.gap.mean);
      for (const d of want.dimensions) {
        const a = byDim(got, d.id);
        const b = byDim(want, d.id);
        expect(a.length).toBe(b.length);
        a.forEach((v, i) => {
          expect(v).toBeCloseTo(b[i] as number, 12);
        });
      }
      expect(readFileSync(join(dir, 'q.yaml'), 'utf8')).toContain('# guessed:');
    });
  }

  it('long format: the sample reads up to 20,000 rows, and the rows give segments, weights, KPIs and column names', async () => {
    const dir = tempDir();
    const ru = SAMPLES.find((s) => s.name === 'long-ru')!;
    const init = await runChecked(['init', 'q.yaml', '--from', samplePath(ru, '.csv')], dir);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('a long-format export, 10 items in 5 dimensions, two-column, scale 1-5');
    expect(init.stdout).toContain('fill in: the statements');
    const text = readFileSync(join(dir, 'q.yaml'), 'utf8');
    expect(text).toContain('from the first 30 responses');
    expect(text).toContain('respondent: Респондент');
    expect(text).toMatch(/long:\n\s+item: Вопрос\n\s+kind: Тип\n\s+value: Ответ/);
    expect(text).toContain('- { id: nps, type: nps, question: nps }');
    expect(text).not.toContain('weights:');
    const en = await runChecked(['init', 'en.yaml', '--from', samplePath(SAMPLES[8]!, '.csv')], dir);
    expect(en.code).toBe(0);
    const enText = readFileSync(join(dir, 'en.yaml'), 'utf8');
    expect(enText).toMatch(/weights:\n.*\n\s+source: respondents/);
    expect(enText).not.toContain('long:');
    expect(enText).toContain('[ branch ]');
  });

  it('long format: reads past the first 1,000 rows, so a late item is still an item', async () => {
    const dir = tempDir();
    // 150 respondents x 7 rows = 1,051 rows; item E2 first appears after row 1,003.
    const lines = ['respondent,item,kind,value'];
    for (let r = 1; r <= 150; r++)
      for (const item of r > 145
        ? ['T1', 'R1', 'RS1', 'A1', 'E1', 'E2', 'T2']
        : ['T1', 'R1', 'RS1', 'A1', 'E1', 'T2', 'R2'])
        lines.push(`r${r},${item},P,${1 + ((r + item.length) % 5)}`);
    writeFileSync(join(dir, 'big.csv'), `${lines.join('\n')}\n`);
    const init = await runChecked(['init', 'q.yaml', '--from', 'big.csv'], dir);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('perceptions-only, scale 1-5');
    expect(init.stdout).toContain('empathy E1 E2');
    expect(readFileSync(join(dir, 'q.yaml'), 'utf8')).toContain('from the first 150 responses');
    const scored = await runChecked(['score', 'q.yaml', 'big.csv', '--format', 'json'], dir);
    expect(scored.code).toBe(0);
    expect((JSON.parse(scored.stdout) as { respondents: { total: number } }).respondents.total).toBe(150);
  });

  it('declares a column named like a comment, so score shows its comments (issue 15)', async () => {
    const dir = tempDir();
    const items = ['T1', 'R1', 'RS1', 'A1', 'E1'];
    const lines = [['respondent', ...items.flatMap((i) => [`${i}_E`, `${i}_P`]), 'Any other comments?'].join(',')];
    for (let r = 1; r <= 40; r++)
      lines.push(
        [
          `r${r}`,
          ...items.flatMap((_, j) => [String(5 + ((r + j) % 3)), String(3 + ((r * (j + 1)) % 5))]),
          r % 4 === 0 ? `note ${r}` : '',
        ].join(','),
      );
    writeFileSync(join(dir, 'c.csv'), `${lines.join('\n')}\n`);
    const init = await runChecked(['init', 'q.yaml', '--from', 'c.csv', '--items', 'T1=tangibles'], dir);
    expect(init.code, init.stderr).toBe(0);
    expect(readFileSync(join(dir, 'q.yaml'), 'utf8')).toMatch(/^columns:\n {2}comment: Any other comments\?$/m);
    const scored = await runChecked(['score', 'q.yaml', 'c.csv', '--format', 'json'], dir);
    expect(scored.code, scored.stderr).toBe(0);
    const result = JSON.parse(scored.stdout) as { comments?: { column: string; total: number } };
    expect(result.comments).toMatchObject({ column: 'Any other comments?', total: 10 });
  });

  it('asks for --items when no words place the items, and never overwrites without --force', async () => {
    const dir = tempDir();
    const ls = SAMPLES.find((s) => s.name === 'ls-dual')!;
    const refused = await runChecked(['init', 'q.yaml', '--from', samplePath(ls, '.csv')], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--items');
    const gf = SAMPLES[0]!;
    expect((await runChecked(['init', 'q.yaml', '--from', samplePath(gf, '.csv')], dir)).code).toBe(0);
    const again = await runChecked(['init', 'q.yaml', '--from', samplePath(gf, '.csv')], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('needs --template or --from, not both', async () => {
    const result = await runChecked(['init', 'q.yaml'], tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--from EXPORT');
  });
});
