import { execFile } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compareResults, loadQuestionnaire, scoreFiles } from '../../src/index.js';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';

const tempDir = useTempDir();

/** The README's "As a library" example, as a reader would paste it (only the package name resolved to this build). */
function readmeExample(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## As a library'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined) throw new Error('README: no js block under "As a library"');
  return code.replaceAll("from 'servqual'", `from '${pathToFileURL(join(repoRoot, 'dist', 'index.js')).href}'`);
}

describe('README, As a library', () => {
  it('runs as written: scores the bank example, writes the workbook, and shows what score refuses', async () => {
    const dir = tempDir();
    symlinkSync(join(repoRoot, 'examples'), join(dir, 'examples'));
    writeFileSync(join(dir, 'example.mjs'), readmeExample());
    const { stdout } = await promisify(execFile)(process.execPath, ['example.mjs'], { cwd: dir });
    const lines = stdout.split('\n');
    const bank = join(repoRoot, 'examples', 'bank-branch');
    const expected = await scoreFiles(await loadQuestionnaire(join(bank, 'questionnaire.yaml')), [
      join(bank, 'responses.csv'),
    ]);
    expect(Number(lines[0])).toBe(expected.overall.weighted.mean);
    expect(stdout).toContain('Retail bank branch service audit');
    expect(stdout).toContain('missing column "E1_P" (perception of item E1)');
    // The waves part: what got worse from Q2 to Q3 (as compareResults says), then the trend in Markdown.
    const waves = ['q2', 'q3'].map((w) =>
      JSON.parse(readFileSync(join(repoRoot, 'examples', 'waves', `${w}.json`), 'utf8')),
    );
    const worse = compareResults(waves[0], waves[1], { alpha: 0.05 })
      .rows.filter((row) => row.regression)
      .map((row) => row.label);
    expect(worse.length).toBeGreaterThan(0);
    expect(stdout).toContain(JSON.stringify(worse[0]).replaceAll('"', "'"));
    expect(stdout).toContain('## Trend: Retail bank branch service audit');
    expect(stdout).toContain('|  | Q1 | Q2 | Q3 | Trend |');
    // An XLSX file is a zip: it starts with PK.
    expect(existsSync(join(dir, 'report.xlsx'))).toBe(true);
    expect(readFileSync(join(dir, 'report.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
