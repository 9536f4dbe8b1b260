import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  copyQuestionnaire,
  describeWithTmux,
  drive,
  expectedRow,
  expectRows,
  itemPrompt,
  journalExists,
  nextPrompt,
  readSpec,
  respondentPrompt,
  respondentSteps,
  resumePrompt,
  startAudit,
  useAuditDir,
  type Respondent,
} from './driver.js';

const ru = readSpec('russian.yaml');
const ARGS = ['q.yaml', '--out', 'r.csv'];

const olga: Respondent = {
  id: 'Ольга-1',
  segments: { branch: 'Центральное' },
  items: { T1: [6, 5], R1: [7, 6], RS1: [5, null], A1: [6, 6], E1: [4, 3] },
  weights: [20, 30, 20, 20, 10],
  kpis: { nps: 8 },
  comment: 'Всё хорошо, спасибо',
};

describeWithTmux('servqual audit: a Russian questionnaire', () => {
  const dir = useAuditDir();

  it('asks in Russian and saves the row (UTF-8 text included)', async () => {
    copyQuestionnaire('russian.yaml', dir());
    const s = startAudit(dir(), ARGS);
    await s.waitForPrompt(respondentPrompt(ru, 'R0001'));
    await drive(s, respondentSteps(ru, olga));
    await s.waitFor(/Респондент Ольга-1 записан в r\.csv \(всего 1\)\./);
    await s.waitForPrompt(nextPrompt(ru));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);

    const screen = s.screen();
    for (const text of [
      'Идентификатор респондента',
      'Материальность · вопрос 1 из 5',
      'Ожидание',
      'Восприятие',
      'Важность: распределите 100 баллов между измерениями',
      'Надёжность (осталось 80)',
      'Показатель · NPS',
      'Комментарий (необязательно)',
      'Опросить следующего респондента?',
      'пропущено',
    ]) {
      expect(screen).toContain(text);
    }
    expect(screen).not.toMatch(/Respondent id|Expectation|Perception|Comment \(optional\)/);
    expectRows(join(dir(), 'r.csv'), [expectedRow(ru, olga)]);
    expect(journalExists(dir())).toBe(false);
  });

  it('offers to resume in Russian after a crash, and resumes', async () => {
    copyQuestionnaire('russian.yaml', dir());
    const steps = respondentSteps(ru, olga);
    const first = startAudit(dir(), ARGS);
    await drive(first, steps.slice(0, 4));
    await first.waitForPrompt(itemPrompt(ru, 'R1', 'expectation'));
    await first.kill9();

    const second = startAudit(dir(), ARGS);
    const offer = await second.waitForPrompt(resumePrompt(ru));
    expect(second.screen()).toMatch(/Найден незавершённый опрос респондента Ольга-1 \(4 ответ\S*\)/);
    expect(second.screen()).toContain('Сохранённые ответы:');
    expect(offer).toMatch(/Продолжить его\?/);
    second.enter('y');
    await drive(second, steps.slice(4));
    await second.waitForPrompt(nextPrompt(ru));
    second.enter('n');
    expect(await second.waitForExit()).toBe(0);
    expectRows(join(dir(), 'r.csv'), [expectedRow(ru, olga)]);
  });

  // The yes/no questions are shown in Russian, but only y/yes/n/no are understood: a Russian
  // respondent's "н" (нет, no) falls back to the default, yes, and the audit goes on.
  it('"н" (нет) at "Опросить следующего респондента?" means no', async () => {
    copyQuestionnaire('russian.yaml', dir());
    const s = startAudit(dir(), [...ARGS, '--respondent', 'X', '--segment', 'branch=Север']);
    const quick: Respondent = { ...olga, weights: 'skip', kpis: { nps: null }, comment: '' };
    await drive(s, respondentSteps(ru, quick, { respondent: true, segments: ['branch'] }));
    await s.waitForPrompt(nextPrompt(ru));
    s.enter('н');
    const answered = await s.waitFor(/✔ Опросить следующего респондента\? .+/);
    expect(answered).not.toMatch(/✔ Опросить следующего респондента\? (Yes|Да)/);
    expect(await s.waitForExit()).toBe(0);
  });
});
