import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecked } from '../../helpers/run-in-process.js';
import { copyQuestionnaire, describeWithTmux, startAudit, useAuditDir } from './driver.js';

describe('servqual audit without a terminal', () => {
  const dir = useAuditDir();

  it('stdin not a TTY: exit 2, pointing to servqual score, and nothing written', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const run = await runChecked(['audit', 'q.yaml', '--out', 'r.csv'], dir(), '1\n2\n3\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('servqual score');
    expect(run.stdout).toBe('');
    expect(readdirSync(dir())).toEqual(['q.yaml']);
  });
});

describeWithTmux('servqual audit: bad usage fails before the first question', () => {
  const dir = useAuditDir();

  it('--out in a missing directory: exit 2 naming the directory, no question asked, nothing written', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startAudit(dir(), ['q.yaml', '--out', 'missing/r.csv']);
    expect(await s.waitForExit()).toBe(2);
    const screen = s.screen();
    expect(screen).toMatch(/missing/);
    expect(screen).toMatch(/does not exist/);
    expect(screen).not.toMatch(/Respondent id/);
    expect(screen).not.toContain('    at ');
    expect(readdirSync(dir())).toEqual(['q.yaml']);
  });

  it('an existing responses file whose header lacks the audit columns: exit 2 before any question, file untouched', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const other = 'respondent,Q1,Q2\nX,1,2\n';
    writeFileSync(join(dir(), 'r.csv'), other);
    const s = startAudit(dir(), ['q.yaml', '--out', 'r.csv']);
    expect(await s.waitForExit()).toBe(2);
    const screen = s.screen();
    expect(screen).toMatch(/^r\.csv:1: the existing header lacks columns "branch", "T1_E"/m);
    expect(screen).not.toMatch(/Respondent id/);
    expect(readFileSync(join(dir(), 'r.csv'), 'utf8')).toBe(other);
    expect(existsSync(join(dir(), 'r.csv.journal'))).toBe(false);
  });

  it('--repeat 0 and a --segment without "=": exit 2 with a one-line message', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const repeat = startAudit(dir(), ['q.yaml', '--out', 'r.csv', '--repeat', '0']);
    expect(await repeat.waitForExit()).toBe(2);
    expect(repeat.screen()).toMatch(/--repeat 0: expected a whole number above 0/);
    const segment = startAudit(dir(), ['q.yaml', '--out', 'r.csv', '--segment', 'North']);
    expect(await segment.waitForExit()).toBe(2);
    expect(segment.screen()).toMatch(/--segment North: expected KEY=VALUE/);
    expect(readdirSync(dir())).toEqual(['q.yaml']);
  });
});
