import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/run-in-process.js';
import { EXPORTS, SAMPLES, baseText, samplePath } from './support.js';

/**
 * Pins what `servqual map` proposes and what `servqual score --format json` reports on every export
 * fixture, byte for byte, so that a change to a platform module shows up as a diff of these files.
 * The files were first written by the build before the platform registry; `vitest -u` rewrites them.
 */
const dir = mkdtempSync(join(tmpdir(), 'servqual-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Relative paths, so that the file names in the output are the same on every machine.
const rel = (path: string) => relative(process.cwd(), path);
const golden = (name: string) => join(import.meta.dirname, 'golden', name);
const shown = (run: { code: number; stdout: string; stderr: string }) =>
  `exit ${run.code}\n--- stderr\n${run.stderr}--- stdout\n${run.stdout}`;

describe('the export fixtures, as map proposes and score reports them', () => {
  for (const sample of SAMPLES) {
    const questionnaire = rel(join(EXPORTS, `questionnaire.${sample.lang}.yaml`));
    const csv = rel(samplePath(sample, '.csv'));

    it(`map ${sample.name}`, async () => {
      const run = await runInProcess(['map', csv, '--questionnaire', questionnaire]);
      expect(run.code).toBe(0);
      await expect(shown(run)).toMatchFileSnapshot(golden(`${sample.name}.map.txt`));
    });

    it(`score ${sample.name} --format json`, async () => {
      const withSource = join(dir, `${sample.name}.yaml`);
      writeFileSync(
        withSource,
        `${baseText(sample.lang)}\n${readFileSync(samplePath(sample, '.source.yaml'), 'utf8')}`,
      );
      const run = await runInProcess(['score', withSource, csv, '--format', 'json']);
      expect(run.code).toBe(0);
      // Without `run` (the version and the hash of a temporary questionnaire): these pin the scores.
      const { run: _run, ...scored } = JSON.parse(run.stdout) as Record<string, unknown>;
      const stdout = `${JSON.stringify(scored, null, 2)}\n`;
      await expect(shown({ ...run, stdout })).toMatchFileSnapshot(golden(`${sample.name}.score.txt`));
    });
  }
});
