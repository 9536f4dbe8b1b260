/**
 * `servqual sql` on DuckDB for the other formats and options, at a small size (the 100,000-row
 * runs are sql-engines.test.ts): three-column (MSA and MSS), perceptions-only (sums about the
 * midpoint), and the bank example with a drivers outcome and a `best: low` KPI. Each export merges
 * into `servqual score`'s result on the same CSV within 1e-9.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { differences } from '../helpers/json-differences.js';
import { generateCsv, repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';
import { comparable, duckdbExport } from '../helpers/sql-engines.js';

const tempDir = useTempDir();

/** The bank example with drivers (outcome nps) and CES scored best low. */
function bankWithDrivers(dir: string): string {
  const q = parse(readFileSync(join(repoRoot, 'examples', 'bank-branch', 'questionnaire.yaml'), 'utf8')) as {
    kpis: { id: string; scale?: Record<string, unknown> }[];
    drivers?: { outcome: string };
  };
  q.drivers = { outcome: 'nps' };
  const ces = q.kpis.find((k) => k.id === 'ces');
  if (ces?.scale) ces.scale.best = 'low';
  const file = join(dir, 'bank-drivers.yaml');
  writeFileSync(file, stringify(q));
  return file;
}

const CASES: [string, (dir: string) => string][] = [
  ['three-column (zones of tolerance)', () => join(repoRoot, 'templates', 'servqual-zones-generic.en.yaml')],
  ['perceptions-only (SERVPERF)', () => join(repoRoot, 'templates', 'servperf-generic.en.yaml')],
  ['two-column with drivers and a best-low KPI', bankWithDrivers],
];

describe('servqual sql on DuckDB, every format', () => {
  for (const [name, questionnaireOf] of CASES) {
    it(`${name}: 3,000 respondents merge into the result of score`, async () => {
      const dir = tempDir();
      const questionnaire = questionnaireOf(dir);
      const csv = join(dir, 'responses.csv');
      writeFileSync(
        csv,
        await generateCsv([
          questionnaire,
          '--rows',
          '3000',
          '--seed',
          '7',
          '--duplicate-ids',
          '5',
          '--straight-liners',
          '4',
        ]),
      );
      const header = readFileSync(csv, 'utf8').split('\n', 1)[0] as string;
      const groups = header.split(',').includes('branch') ? ['--group-by', 'branch'] : [];
      const query = await runChecked(
        ['sql', questionnaire, '--dialect', 'duckdb', '--table', 'responses', ...groups],
        dir,
      );
      expect(query.code, query.stderr).toBe(0);
      const out = join(dir, 'sums.csv');
      await duckdbExport(csv, query.stdout, out, 'csv');
      const merged = await runChecked(['merge', questionnaire, out, '--format', 'json'], dir);
      expect(merged.code, merged.stderr).toBe(0);
      const scored = await runChecked(['score', questionnaire, csv, ...groups, '--format', 'json'], dir);
      expect(scored.code, scored.stderr).toBe(0);
      expect(differences(comparable(merged.stdout), comparable(scored.stdout))).toEqual([]);
    }, 60_000);
  }
});
