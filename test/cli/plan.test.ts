import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan/plan.js';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';

const tempDir = useTempDir();

/** A directory holding result.json: the bank example scored by branch (a golden result). */
function withResult(): string {
  const dir = tempDir();
  copyFileSync(join(repoRoot, 'test/unit/render/golden/bank-segments-checks/result.json'), join(dir, 'result.json'));
  return dir;
}

describe('servqual plan', () => {
  it('prints the respondents for a margin, readable at 80 columns', async () => {
    const dir = withResult();
    const run = await runChecked(
      ['plan', 'result.json', '--margin', '0.1', '--kpi-margin', '5', '--kpi-margin', 'ces=0.2'],
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Plan for the next wave: Retail bank branch service audit\n/);
    // 350, 936 and 141 from scipy at this result's sds (n searched up from 2):
    // python3 -c "import json, math; from scipy import stats
    // r=json.load(open('test/unit/render/golden/bank-segments-checks/result.json'))
    // def m(sd,mm):
    //   n=2
    //   while stats.t.ppf(0.975,n-1)*sd/math.sqrt(n)>mm: n+=1
    //   return n
    // d=[x for x in r['dimensions'] if x['id']=='responsiveness'][0]['gap']['sd']
    // k={x['id']:x for x in r['kpis']}; p=k['nps']['promoters']/100; q=k['nps']['detractors']/100
    // n=2
    // while 1.96*100*math.sqrt((p+q-(p-q)**2)/n)>5: n+=1
    // print(m(d,0.1), n, m(k['ces']['sd'],0.2))"
    expect(run.stdout).toMatch(/\nResponsiveness +0\.95 +400 +0\.10 +350 +0\.100\n/);
    expect(run.stdout).toMatch(/\nNPS \(nps\) +78\.1 +379 +5\.0 +936 +5\.00\n/);
    expect(run.stdout).toMatch(/\nCES \(ces\) +1\.20 +383 +0\.20 +141 +0\.200\n/);
    for (const line of run.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('prints what the README\'s "Planning the next wave" shows', async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const command = '$ servqual plan bank.json --margin 0.1 --kpi-margin 5 --kpi-margin ces=0.2\n';
    const start = readme.indexOf(command);
    expect(start).toBeGreaterThan(0);
    const shown = readme.slice(start + command.length, readme.indexOf('\n```', start) + 1);
    const dir = tempDir();
    const bank = join(repoRoot, 'examples', 'bank-branch');
    const scored = await runChecked(
      [
        'score',
        join(bank, 'questionnaire.yaml'),
        join(bank, 'responses.csv'),
        '--format',
        'json',
        '--output',
        'bank.json',
      ],
      dir,
    );
    expect(scored.code, scored.stderr).toBe(0);
    const run = await runChecked(
      ['plan', 'bank.json', '--margin', '0.1', '--kpi-margin', '5', '--kpi-margin', 'ces=0.2'],
      dir,
    );
    expect(run.stdout).toBe(shown);
  });

  it('writes stable JSON for --detect, per segment, with the KPIs it was given a change for', async () => {
    const dir = withResult();
    const args = [
      'plan',
      'result.json',
      '--detect',
      '0.25',
      '--power',
      '0.9',
      '--alpha',
      '0.01',
      '--kpi-detect',
      'nps=10',
      '--group-by',
      'branch',
      '--format',
      'json',
    ];
    const run = await runChecked(args, dir);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout) as Plan;
    expect(Object.keys(plan)).toEqual([
      'kind',
      'planVersion',
      'questionnaire',
      'respondents',
      'goal',
      'rows',
      'groupBy',
      'segments',
    ]);
    expect(plan.goal).toEqual({ kind: 'detect', target: 0.25, kpiTargets: { nps: 10 }, power: 0.9, alpha: 0.01 });
    expect(plan.segments.map((s) => s.value)).toEqual(['Central', 'East', 'North', 'South', 'West']);
    for (const row of plan.rows.filter((r) => r.respondents !== null)) expect(row.achieved).toBeGreaterThanOrEqual(0.9);
    expect(plan.rows.find((r) => r.target === 'kpi:csat')?.reason).toBe('no-goal');
    expect((await runChecked(args, dir)).stdout).toBe(run.stdout);
  });

  it('writes Markdown and HTML to --output', async () => {
    const dir = withResult();
    const md = await runChecked(
      ['plan', 'result.json', '--margin', '0.2', '--format', 'markdown', '--output', 'plan.md'],
      dir,
    );
    expect(md.code, md.stderr).toBe(0);
    expect(md.stderr).toBe('wrote plan.md\n');
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toMatch(/^## Plan for the next wave: /);
    const html = await runChecked(['plan', 'result.json', '--margin', '0.2', '-f', 'html', '-o', 'plan.html'], dir);
    expect(html.code, html.stderr).toBe(0);
    const page = readFileSync(join(dir, 'plan.html'), 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('<tr data-target="dimension:responsiveness"><th>Responsiveness</th>');
  });

  it.each([
    [['--margin', '0.1', '--detect', '0.2'], 'give --margin or --detect, not both: a plan sizes for one goal'],
    [[], 'give --margin (the 95% half-width to reach) or --detect (the change to detect)'],
    [['--margin', '0'], '--margin must be a number above 0, got "0"'],
    [['--margin', '-0.1'], '--margin must be a number above 0, got "-0.1"'],
    [['--detect', '0.2', '--power', '1'], '--power must be a number between 0 and 1 (exclusive), got "1"'],
    [['--detect', '0.2', '--alpha', 'abc'], '--alpha must be a number between 0 and 1 (exclusive), got "abc"'],
    [['--margin', '0.1', '--power', '0.9'], '--power only go with --detect; --margin is a 95% interval'],
    [['--detect', '0.2', '--kpi-margin', '5'], '--kpi-margin only goes with --margin; with --detect give --kpi-detect'],
    [['--margin', '0.1', '--kpi-margin', 'nsp=5'], '--kpi-margin names KPI "nsp", which the result does not have'],
    [['--margin', '0.1', '--group-by', 'region'], 'result.json: the result has no segments by "region"'],
  ])('refuses %j with one line and exit 2', async (flags, message) => {
    const run = await runChecked(['plan', 'result.json', ...flags], withResult());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe(message);
  });

  it('names the columns the result has segments by', async () => {
    const run = await runChecked(['plan', 'result.json', '--margin', '0.1', '--group-by', 'region'], withResult());
    expect(run.stderr).toContain('branch');
  });

  it('refuses a file that is not a result, and checks the flags before reading it', async () => {
    const run = await runChecked(['plan', 'missing.json', '--margin', '0.1'], withResult());
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const flags = await runChecked(['plan', 'missing.json', '--margin', '0'], withResult());
    expect(flags.stderr.split('\n')[0]).toBe('--margin must be a number above 0, got "0"');
  });
});
