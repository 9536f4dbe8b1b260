import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runInProcess as runCli } from '../helpers/run-in-process.js';

const tempDir = useTempDir();
const example = join(repoRoot, 'examples', 'bank-branch');

/** Every string in a YAML document (run steps, script lines). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The `servqual check ...` command of a CI file, pointed at the bundled example and a temp dir. */
function checkCommand(file: string, dir: string): string[] {
  const doc = parse(readFileSync(join(repoRoot, 'examples', 'ci', file), 'utf8')) as unknown;
  const command = strings(doc).find((s) => s.trim().startsWith('servqual check ') && s.includes('.yaml'));
  if (!command) throw new Error(`${file} has no servqual check command`);
  return command
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((word) =>
      word
        .replace('surveys/questionnaire.yaml', join(example, 'questionnaire.yaml'))
        .replace('surveys/responses.csv', join(example, 'responses.csv'))
        .replace(/^reports\//, `${dir}/`),
    );
}

describe('CI examples', () => {
  it.each(['github-actions.yml', 'gitlab-ci.yml'])(
    '%s runs a servqual check that the CLI accepts and that writes its reports',
    async (file) => {
      const args = checkCommand(file, tempDir());
      const run = await runCli(args, { cwd: tempDir(), env: { GITHUB_ACTIONS: '' } });
      // The example data fails its thresholds on purpose (exit 1); bad flags would be exit 2.
      expect(run.code, run.stderr).toBe(1);
      expect(existsSync(join(tempDir(), 'servqual-junit.xml'))).toBe(true);
      expect(readFileSync(join(tempDir(), 'servqual.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    },
  );
});
