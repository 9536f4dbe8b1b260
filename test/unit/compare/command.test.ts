/**
 * The compare command in-process, registered on its own commander program (as cli.ts registers it),
 * with fake stdout and stderr and results saved in a temporary directory.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCompare } from '../../../src/commands/compare.js';
import { compareResults } from '../../../src/core/compare/compare.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { formatDiagnostic, UserError } from '../../../src/errors.js';
import { loadQuestionnaire } from '../../../src/io/read-questionnaire.js';
import { scoreFiles } from '../../../src/io/score-files.js';

const example = new URL('../../../examples/bank-branch/', import.meta.url).pathname;
let dir = '';
let baseline: Result;
let current: Result;

async function compare(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    stdin: Readable.from([]),
    env: {},
    color: false,
  };
  let code = 0;
  const program = new Command('servqual')
    .exitOverride()
    .configureOutput({ writeOut: (t) => out.push(t), writeErr: (t) => err.push(t) });
  registerCompare(program, ctx, (c) => {
    code = c;
  });
  for (const command of program.commands)
    command.exitOverride().configureOutput({ writeOut: (t) => out.push(t), writeErr: (t) => err.push(t) });
  try {
    await program.parseAsync(['compare', ...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) code = error.code === 'commander.helpDisplayed' ? 0 : 2;
    else if (error instanceof UserError) {
      code = error.exitCode;
      for (const d of error.diagnostics) err.push(`${formatDiagnostic(d)}\n`);
    } else throw error;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'servqual-compare-'));
  const q = await loadQuestionnaire(join(example, 'questionnaire.yaml'));
  baseline = await scoreFiles(q, [join(example, 'responses.csv')], {
    groupBy: [],
    skipInvalid: false,
    stdin: Readable.from([]),
  });
  // The same wave with reliability 0.4 points lower: a significant drop of one dimension.
  current = structuredClone(baseline);
  const reliability = current.dimensions.find((d) => d.id === 'reliability') as Result['dimensions'][number];
  reliability.gap.mean = (reliability.gap.mean as number) - 0.4;
  writeFileSync(file('baseline.json'), JSON.stringify(baseline));
  writeFileSync(file('current.json'), JSON.stringify(current));
  writeFileSync(
    file('other.json'),
    JSON.stringify({
      ...baseline,
      questionnaire: { ...baseline.questionnaire, title: 'Another audit', format: 'three-column' },
    }),
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('servqual compare (in-process)', () => {
  it('prints a table and exits 0 without --fail-on-regression, even with a regression', async () => {
    const r = await compare([file('baseline.json'), file('current.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Comparison: Retail bank branch service audit\n/);
    expect(r.stdout).toMatch(/│ Reliability +│ +-1\.76 │ +-2\.16 │ +-0\.40 │ +<0\.001 │ \* regression │/);
  });

  it('exits 1 with --fail-on-regression when something dropped significantly, 0 when nothing did', async () => {
    const failing = await compare([file('baseline.json'), file('current.json'), '--fail-on-regression']);
    expect(failing.code).toBe(1);
    const same = await compare([file('baseline.json'), file('baseline.json'), '--fail-on-regression']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No regressions.');
  });

  it('writes pure, unrounded JSON equal to the core comparison, and names the regressions on stderr', async () => {
    const r = await compare([
      file('baseline.json'),
      file('current.json'),
      '--format',
      'json',
      '--fail-on-regression',
      '--alpha',
      '0.01',
      '--tolerance',
      '0.25',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${JSON.stringify(compareResults(baseline, current, { alpha: 0.01, tolerance: 0.25 }), null, 2)}\n`,
    );
    const parsed = JSON.parse(r.stdout) as { alpha: number; tolerance: number; regressions: string[] };
    expect(parsed.alpha).toBe(0.01);
    expect(parsed.tolerance).toBe(0.25);
    expect(parsed.regressions).toContain('dimension:reliability');
    expect(r.stderr).toBe(`regression: ${parsed.regressions.join(', ')}\n`);
  });

  it('writes Markdown to --output', async () => {
    const r = await compare([
      file('baseline.json'),
      file('current.json'),
      '--format',
      'markdown',
      '--output',
      file('compare.md'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`wrote ${file('compare.md')}\n`);
    expect(readFileSync(file('compare.md'), 'utf8')).toMatch(
      /^## Comparison: Retail bank branch service audit\n[\s\S]*\| Reliability \| -1\.76 \| -2\.16 \| \*\*-0\.40\*\* \| <0\.001 \| \*\*regression\*\* \|/,
    );
  });

  it('refuses results of different questionnaires, naming each field and both values', async () => {
    const r = await compare([file('baseline.json'), file('other.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${file('other.json')}: not comparable with ${file('baseline.json')}: the questionnaire title differs: baseline "Retail bank branch service audit", current "Another audit"\n` +
        `${file('other.json')}: not comparable with ${file('baseline.json')}: the questionnaire format differs: baseline "two-column", current "three-column"\n` +
        '  hint: compare two results scored with the same questionnaire\n',
    );
  });

  it('rejects a bad --alpha or --tolerance with exit 2', async () => {
    for (const alpha of ['0', '1', '1.5', 'abc', '', '0.05x']) {
      const r = await compare([file('baseline.json'), file('current.json'), '--alpha', alpha]);
      expect(r.code, alpha).toBe(2);
      expect(r.stderr, alpha).toContain(`--alpha must be a number between 0 and 1 (exclusive), got "${alpha}"`);
    }
    for (const tolerance of ['-0.1', 'x', 'Infinity']) {
      const r = await compare([file('baseline.json'), file('current.json'), '--tolerance', tolerance]);
      expect(r.code, tolerance).toBe(2);
      expect(r.stderr, tolerance).toContain(
        `--tolerance must be a non-negative number of score points, got "${tolerance}"`,
      );
    }
    const both = await compare([file('baseline.json'), file('current.json'), '--alpha', '2', '--tolerance', '-1']);
    expect(both.stderr.match(/must be/g)).toHaveLength(2);
    expect((await compare([file('baseline.json'), file('current.json'), '--format', 'pdf'])).code).toBe(2);
  });

  it('reports problems with both files at once', async () => {
    writeFileSync(file('broken.json'), '{ "schemaVersion": 1,');
    const r = await compare([file('missing.json'), file('broken.json')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`${file('missing.json')}: no such file`);
    expect(lines[1]).toContain(`${file('broken.json')}:1:`);
  });

  it('has --help with an example', async () => {
    const r = await compare(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('$ servqual compare');
    expect(r.stdout).toContain('--fail-on-regression');
  });
});
