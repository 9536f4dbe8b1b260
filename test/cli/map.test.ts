import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runMap, type MapOptions } from '../../src/commands/map.js';
import type { CommandContext } from '../../src/commands/context.js';
import { UserError } from '../../src/errors.js';
import { useTempDir } from '../helpers/run-cli.js';
import { EXPORTS, SAMPLES, questionnaireWith, samplePath, scoreExport, scoreGeneric } from '../unit/sources/support.js';

/** `servqual map` in process (cli.ts registers it), with stdout and stderr captured. */
async function map(file: string, options: MapOptions): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CommandContext = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: Readable.from([]),
    env: {},
    color: false,
  };
  await runMap(file, options, ctx);
  return { stdout, stderr };
}

const questionnaireFile = (lang: 'en' | 'ru') => join(EXPORTS, `questionnaire.${lang}.yaml`);

describe('servqual map: the proposed section, pasted into the questionnaire, scores each sample like its generic twin', () => {
  for (const sample of SAMPLES) {
    it(`${sample.platform}: ${sample.name}`, async () => {
      const { stdout } = await map(samplePath(sample, '.csv'), { questionnaire: questionnaireFile(sample.lang) });
      expect(stdout).toMatch(new RegExp(`^source:\\n  platform: ${sample.platform}\\n`, 'm'));
      const q = questionnaireWith(sample.lang, stdout);
      const { result, state } = await scoreExport(q, { file: samplePath(sample, '.csv') }, sample.platform);
      expect(state.problems).toEqual([]);
      // The export's duration column names its speeders; the generic twin has no durations to judge.
      const withoutSpeeders = { ...result, warnings: result.warnings.filter((w) => w.code !== 'speeders') };
      expect(withoutSpeeders).toEqual(await scoreGeneric(q, samplePath(sample, '.generic.csv')));
    });
  }
});

describe('servqual map: options and refusals', () => {
  const dir = useTempDir();

  it('writes the section to --output and takes --source over detection', async () => {
    const sample = SAMPLES.find((s) => s.name === 'qx-legacy');
    const output = join(dir(), 'source.yaml');
    const { stdout, stderr } = await map(samplePath(sample!, '.csv'), {
      questionnaire: questionnaireFile('en'),
      source: 'qualtrics',
      output,
    });
    expect(stdout).toBe('');
    expect(stderr).toContain(`wrote ${output}`);
    expect(readFileSync(output, 'utf8')).toContain('(as --source says)');
  });

  it('exits 2 with a clear message when no column matches the questionnaire', async () => {
    const file = join(dir(), 'unrelated.csv');
    writeFileSync(file, 'Timestamp,Your age,Favourite colour\n2024/01/01,30,blue\n');
    const error = await map(file, { questionnaire: questionnaireFile('en') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).diagnostics[0]).toMatchObject({ code: 'unmatchable-export', line: 1 });
    expect((error as UserError).message).toMatch(/no column of this Google Forms export matches an answer of/);
  });
});
