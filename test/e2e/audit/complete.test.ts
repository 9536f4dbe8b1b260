import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  copyQuestionnaire,
  describeWithTmux,
  drive,
  expectedRow,
  expectRows,
  journalExists,
  nextPrompt,
  readSpec,
  respondentSteps,
  startAudit,
  useAuditDir,
  type Respondent,
} from './driver.js';

const two = readSpec('two-column.yaml');
const three = readSpec('three-column.yaml');

describeWithTmux('servqual audit: a complete audit typed key by key', () => {
  const dir = useAuditDir();

  it('saves one row that equals every answer typed, removes the journal and exits 0', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const r: Respondent = {
      id: 'C-17',
      segments: { branch: 'North' },
      items: {
        T1: [6, 5],
        T2: [7, 6],
        // → from no highlight lands on the midpoint (4), so three presses reach 6; Enter chooses it.
        R1: [{ keys: ['Right', 'Right', 'Right', 'Enter'], value: 6 }, 4],
        RS1: [5, 5],
        A1: [6, { keys: ['Left', 'Left', 'Enter'], value: 3 }],
        E1: [1, 7],
      },
      weights: [30, 25, 15, 20, 10],
      kpis: { nps: 10 },
      comment: 'Friendly staff, "slow" queue',
    };
    const s = startAudit(dir(), ['q.yaml', '--out', 'r.csv']);
    const steps = respondentSteps(two, r);
    await drive(s, steps.slice(0, 3));
    // The journal exists as soon as answers are given, with the answers so far.
    expect(journalExists(dir())).toBe(true);
    await drive(s, steps.slice(3));
    await s.waitFor(/Saved respondent C-17 to r\.csv \(1 in all\)\./);
    await s.waitForPrompt(nextPrompt(two));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);

    expectRows(join(dir(), 'r.csv'), [expectedRow(two, r)]);
    expect(journalExists(dir())).toBe(false);
    // Nothing but the questionnaire and the responses: no temporary files left behind.
    expect(readdirSync(dir()).sort()).toEqual(['q.yaml', 'r.csv']);
    const screen = s.screen();
    expect(screen).toContain('All respondents in r.csv: 1');
    expect(screen).not.toContain('    at ');
  });

  it('three-column with --respondent and --segment: asks MIN, DES, P for each item and nothing given on the command line', async () => {
    copyQuestionnaire('three-column.yaml', dir());
    const r: Respondent = {
      segments: {},
      items: { T1: [3, 8, 5], R1: [5, 9, 9], RS1: [4, 7, 3], A1: [null, 8, 7], E1: [2, 6, 6] },
      kpis: {},
      comment: '',
    };
    const s = startAudit(dir(), ['q.yaml', '--out', 'r.csv', '--respondent', 'AUD-1', '--segment', 'wave=2']);
    await drive(s, respondentSteps(three, r, { respondent: true }));
    await s.waitFor(/Saved respondent AUD-1 to r\.csv \(1 in all\)\./);
    await s.waitForPrompt(nextPrompt(three));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);

    const screen = s.screen();
    expect(screen).not.toMatch(/Respondent id/);
    expect(screen).not.toMatch(/Importance/);
    expect(screen).toMatch(/Minimum acceptable/);
    expect(screen).toMatch(/Desired/);
    expectRows(join(dir(), 'r.csv'), [expectedRow(three, r, { respondent: 'AUD-1', segments: { wave: '2' } })]);
    expect(journalExists(dir())).toBe(false);
  });
});
