/**
 * Issue 15: warnings are aggregated, name the respondent ids to act on, are read once on a terminal
 * and are worded in the report's language (the JSON message stays English for scripts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Result } from '../../src/core/scoring/result.js';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';

const tempDir = useTempDir();
const BANK = join(repoRoot, 'examples/bank-branch');

/** The bank example cut to its first 12 respondents, the first three repeated (ids r1..r3 twice). */
function smallBank(dir: string, language: 'en' | 'ru'): { q: string; csv: string } {
  const lines = readFileSync(join(BANK, 'responses.csv'), 'utf8').trimEnd().split('\n');
  const rows = lines.slice(1, 13);
  const csv = join(dir, 'responses.csv');
  writeFileSync(csv, `${[lines[0], ...rows, ...rows.slice(0, 3)].join('\n')}\n`);
  const q = join(dir, 'questionnaire.yaml');
  const yaml = readFileSync(join(BANK, 'questionnaire.yaml'), 'utf8').replace(
    /^language: en$/m,
    `language: ${language}`,
  );
  writeFileSync(q, yaml);
  return { q, csv };
}

async function runTty(argv: string[], tty: { stdout: boolean; stderr: boolean }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    stdout: { write: (t: string | Uint8Array) => out.push(String(t)) > 0, isTTY: tty.stdout },
    stderr: { write: (t: string) => err.push(t) > 0, isTTY: tty.stderr },
    stdin: Readable.from([]),
    env: { NO_COLOR: '1' },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('warnings on a terminal', () => {
  it('shows each warning once when the table report and stderr share a terminal', async () => {
    const { q, csv } = smallBank(tempDir(), 'en');
    const both = await runTty(['score', q, csv], { stdout: true, stderr: true });
    expect(both.code).toBe(0);
    const json = await runTty(['score', q, csv, '--format', 'json'], { stdout: false, stderr: false });
    const result = JSON.parse(json.stdout) as Result;
    expect(result.warnings.length).toBeGreaterThan(0);
    for (const w of result.warnings) {
      // In the report once, not on stderr.
      expect(both.stdout.split(w.message.slice(0, 40)).length - 1).toBe(1);
      expect(both.stderr).not.toContain(w.message.slice(0, 40));
    }
    expect(both.stderr).toContain(`${result.warnings.length} data-quality warnings`);
    // The JSON on a pipe: every warning on stderr in full, as before.
    for (const w of result.warnings) expect(json.stderr).toContain(w.message);
  });

  it('prints each warning on stderr when the report goes to a file or a pipe', async () => {
    const dir = tempDir();
    const { q, csv } = smallBank(dir, 'en');
    const piped = await runTty(['score', q, csv], { stdout: false, stderr: true });
    // Each warning in full (after the progress bar a terminal stderr shows), none summarised.
    expect(piped.stderr).toContain('warning: 3 rows repeat an earlier respondent id');
    expect(piped.stderr).not.toContain('data-quality warnings');
    const toFile = await runTty(['score', q, csv, '--output', join(dir, 'report.txt')], { stdout: true, stderr: true });
    expect(toFile.stderr).toContain('warning: 3 rows repeat an earlier respondent id');
  });
});

describe('warnings in the result and in a Russian report', () => {
  it('aggregates small dimensions, names the repeated ids, and words them in Russian', async () => {
    const { q, csv } = smallBank(tempDir(), 'ru');
    const json = await runTty(['score', q, csv, '--format', 'json'], { stdout: false, stderr: false });
    const result = JSON.parse(json.stdout) as Result;
    const ids = readFileSync(csv, 'utf8')
      .split('\n')
      .slice(1, 4)
      .map((line) => line.split(',')[0]);
    const duplicate = result.warnings.find((w) => w.code === 'duplicate-respondents');
    expect(duplicate).toMatchObject({ count: 3, respondents: ids });
    // JSON messages stay English (stable for scripts).
    expect(duplicate?.message).toContain('repeat an earlier respondent id');
    const small = result.warnings.filter((w) => w.code === 'small-sample');
    expect(small).toHaveLength(1);
    expect(small[0]).toMatchObject({ count: result.dimensions.length, smallest: 15 });

    for (const format of ['table', 'markdown', 'html']) {
      const report = await runTty(['score', q, csv, '--format', format], { stdout: false, stderr: false });
      expect(report.stdout, format).toContain('повторяют уже встречавшийся идентификатор респондента');
      expect(report.stdout, format).toContain(`наименьшее n = 15`);
      expect(report.stdout, format).not.toContain('repeat an earlier respondent id');
      expect(report.stdout, format).not.toContain('treat their numbers as indicative');
    }
    // On stderr too, with the same `warning:` prefix for a CI log.
    expect(json.stderr).toContain('warning: ');
    expect(json.stderr).toContain('повторяют уже встречавшийся идентификатор респондента');
    expect(json.stderr).not.toContain('repeat an earlier respondent id');
  });
});
