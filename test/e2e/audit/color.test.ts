import { expect, it } from 'vitest';
import { startCli } from '../../helpers/tmux.js';
import {
  copyQuestionnaire,
  describeWithTmux,
  drive,
  itemPrompt,
  nextPrompt,
  readSpec,
  respondentSteps,
  useAuditDir,
  type Respondent,
} from './driver.js';

const two = readSpec('two-column.yaml');
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[/;

const r: Respondent = {
  segments: { branch: 'North' },
  defaultId: 'R0001',
  items: { T1: [6, 5], T2: [7, 6], R1: [7, 4], RS1: [5, 6], A1: [6, 6], E1: [4, 2] },
  weights: 'equal',
  kpis: { nps: 9 },
  comment: '',
};

describeWithTmux('servqual audit: colour', () => {
  const dir = useAuditDir();

  it('on a terminal without NO_COLOR or --no-color, the questions are coloured', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startCli({ cwd: dir(), args: ['audit', 'q.yaml', '--out', 'r.csv'], allowColor: true });
    await drive(s, respondentSteps(two, r).slice(0, 2));
    await s.waitForPrompt(itemPrompt(two, 'T1', 'expectation'));
    expect(s.screen(true)).toMatch(ESCAPE);
  });

  it('NO_COLOR=1: no colour anywhere, questions or report', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startCli({ cwd: dir(), args: ['audit', 'q.yaml', '--out', 'r.csv'] });
    await drive(s, respondentSteps(two, r));
    await s.waitForPrompt(nextPrompt(two));
    expect(s.screen(true)).not.toMatch(ESCAPE);
  });

  // The report honours --no-color, but the questions (drawn by @inquirer) are still coloured.
  it('--no-color: no colour in the questions either', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startCli({ cwd: dir(), args: ['audit', 'q.yaml', '--out', 'r.csv', '--no-color'], allowColor: true });
    await drive(s, respondentSteps(two, r).slice(0, 2));
    await s.waitForPrompt(itemPrompt(two, 'T1', 'expectation'));
    expect(s.screen(true)).not.toMatch(ESCAPE);
  });
});
