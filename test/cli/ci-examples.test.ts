import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';

const tempDir = useTempDir();
const example = join(repoRoot, 'examples', 'bank-branch');
const INSTALL = 'npm install --global ./tools/servqual-0.1.0.tgz';

interface Workflow {
  jobs?: Record<string, { steps?: { run?: string; if?: string }[] }>;
  [job: string]: unknown;
}

/**
 * The shell steps of a CI file exactly as written, in order, without the install step: the runner's
 * `npm install --global ./tools/servqual-0.1.0.tgz` is played by a `servqual` on PATH that runs this checkout's build.
 */
function shellSteps(file: string): Step[] {
  const doc = parse(readFileSync(join(repoRoot, 'examples', 'ci', file), 'utf8')) as Workflow;
  const steps = doc.jobs
    ? Object.values(doc.jobs).flatMap((job) =>
        (job.steps ?? []).flatMap((s) => (s.run ? [{ run: s.run, needs: neededFile(s.if) }] : [])),
      )
    : Object.values(doc).flatMap((job) => {
        const j = job as { before_script?: string[]; script?: string[] };
        return [...(j.before_script ?? []), ...(j.script ?? [])].map((run) => ({ run, needs: null }));
      });
  return steps.filter((step) => step.run.trim() !== INSTALL);
}

interface Step {
  run: string;
  /** The file an `if: hashFiles('FILE') != ''` asks for: the runner skips the step without it. */
  needs: string | null;
}

function neededFile(condition: string | undefined): string | null {
  if (condition === undefined || condition === 'always()') return null;
  const file = /^hashFiles\('([^']+)'\) != ''$/.exec(condition)?.[1];
  if (file === undefined) throw new Error(`a step condition this test does not know: ${condition}`);
  return file;
}

/** A fresh repository holding what the workflows expect: surveys/ with a questionnaire, responses and a baseline. */
function freshRepository(dir: string): { env: NodeJS.ProcessEnv } {
  mkdirSync(join(dir, 'surveys'));
  copyFileSync(join(example, 'questionnaire.yaml'), join(dir, 'surveys', 'questionnaire.yaml'));
  copyFileSync(join(example, 'responses.csv'), join(dir, 'surveys', 'responses.csv'));
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'servqual'),
    `#!/bin/sh\nexec node ${JSON.stringify(join(repoRoot, 'bin', 'servqual.js'))} "$@"\n`,
  );
  chmodSync(join(bin, 'servqual'), 0o755);
  const summary = join(dir, '.summary.md');
  writeFileSync(summary, '');
  return {
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: dir, NO_COLOR: '1', GITHUB_STEP_SUMMARY: summary },
  };
}

/** Runs one step as the runner would: GitHub's `bash -e {0}`; GitLab runs each line in the job's shell. */
function runStep(step: string, dir: string, env: NodeJS.ProcessEnv) {
  return spawnSync('bash', ['-e', '-c', step], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
}

describe('CI examples, as pasted into a fresh repository', () => {
  it('install the tarball `npm pack` makes of this version (servqual is not on the registry)', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(INSTALL.endsWith(`/servqual-${version}.tgz`)).toBe(true);
    for (const file of ['github-actions.yml', 'gitlab-ci.yml'])
      expect(readFileSync(join(repoRoot, 'examples', 'ci', file), 'utf8')).toContain(INSTALL);
  });

  it.each(['github-actions.yml', 'gitlab-ci.yml'])('%s: its steps run unchanged and write the reports', (file) => {
    const dir = tempDir();
    const { env } = freshRepository(dir);
    const steps = shellSteps(file);
    const check = steps.findIndex((s) => s.run.includes('servqual check'));
    expect(check).toBeGreaterThanOrEqual(0);
    for (const [i, step] of steps.entries()) {
      if (step.needs !== null && !existsSync(join(dir, step.needs))) continue;
      const run = runStep(step.run, dir, env);
      // The example data fails its thresholds on purpose (exit 1); bad flags or paths would be exit 2.
      expect(run.status, `${step.run}\n${run.stderr}`).toBe(i === check ? 1 : 0);
    }
    expect(readFileSync(join(dir, 'reports', 'servqual-junit.xml'), 'utf8')).toMatch(/<testsuite/);
    const html = readFileSync(join(dir, 'reports', 'servqual.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('reliability');
  });

  it('the GitHub compare step runs unchanged once a baseline is saved', () => {
    const dir = tempDir();
    const { env } = freshRepository(dir);
    const steps = shellSteps('github-actions.yml');
    const compare = steps.find((s) => s.run.includes('servqual compare')) as Step;
    expect(compare.needs).toBe('surveys/baseline.json');
    const baseline = runStep(
      'servqual score surveys/questionnaire.yaml surveys/responses.csv --format json --output surveys/baseline.json',
      dir,
      env,
    );
    expect(baseline.status, baseline.stderr).toBe(0);
    const run = runStep(compare.run, dir, env);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'reports', 'current.json'))).toBe(true);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8')).not.toBe('');

    // check --baseline: the example fails its questionnaire's thresholds on purpose (exit 1), but
    // against itself no regression check fails.
    const gate = steps.find((s) => s.run.includes('--baseline')) as Step;
    expect(gate.needs).toBe('surveys/baseline.json');
    const gated = runStep(gate.run, dir, env);
    expect(gated.status, gated.stderr).toBe(1);
    const junit = readFileSync(join(dir, 'reports', 'servqual-regression-junit.xml'), 'utf8');
    expect(junit).toContain('name="regression:dimension:reliability &gt;= -0.1"');
    expect(junit).not.toMatch(/name="regression:[^"]*">\s*(<properties>[\s\S]*?<\/properties>\s*)?<failure/);
  });
});
