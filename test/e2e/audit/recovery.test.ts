import { readFileSync, writeFileSync } from 'node:fs';
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
  readRows,
  readSpec,
  respondentPrompt,
  respondentSteps,
  resumePrompt,
  startAudit,
  useAuditDir,
  type Respondent,
} from './driver.js';

const two = readSpec('two-column.yaml');
const ARGS = ['q.yaml', '--out', 'r.csv'];

const saved: Respondent = {
  id: 'J1',
  segments: { branch: 'Harbour' },
  items: { T1: [6, 5], T2: [5, null], R1: [7, 7], RS1: [6, 4], A1: [5, 5], E1: [6, 6] },
  weights: [20, 20, 20, 20, 20],
  kpis: { nps: 10 },
  comment: 'from the journal',
};
const COMPLETED_AT = '2026-01-02T03:04:05.678Z';

/** The journal an audit of `saved` writes, answer by answer (and the completion mark when `complete`). */
function journalOf(r: Respondent, options: { complete: boolean; upTo?: number }): string {
  const at = '2026-01-02T03:04:00.000Z';
  const entries: object[] = [
    { type: 'start', version: 1, questionnaire: 'Branch audit (e2e)', segments: {}, startedAt: at },
  ];
  const answers: [string, unknown][] = [
    ['respondent', r.id],
    ['segment:branch', r.segments.branch],
  ];
  for (const item of two.items) {
    const [e, p] = r.items[item.id] as (number | null)[];
    answers.push([`item:${item.id}:expectation`, e], [`item:${item.id}:perception`, p]);
  }
  const weights = r.weights as number[];
  answers.push(['weights', Object.fromEntries(two.dimensions.map((d, i) => [d.id, weights[i]]))]);
  answers.push(['kpi:nps', r.kpis.nps], ['comment', r.comment]);
  for (const [key, value] of answers.slice(0, options.upTo ?? answers.length))
    entries.push({ type: 'answer', key, value, at });
  if (options.complete) entries.push({ type: 'complete', completedAt: COMPLETED_AT });
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

describeWithTmux('servqual audit: recovering what a crash left behind', () => {
  const dir = useAuditDir();

  it('a crash after the last answer but before the row was written: the next run writes that row first', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    writeFileSync(join(dir(), 'r.csv.journal'), journalOf(saved, { complete: true }));
    const s = startAudit(dir(), ARGS);
    await s.waitFor(/Saved respondent J1 to r\.csv \(1 in all\)\./);
    // ... and then goes on with a new respondent.
    await s.waitForPrompt(respondentPrompt(two, 'R0002'));
    expect(s.screen()).not.toMatch(/Resume it\?/);
    const rows = readRows(join(dir(), 'r.csv'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.completed_at).toBe(COMPLETED_AT);
    expectRows(join(dir(), 'r.csv'), [expectedRow(two, saved)]);
  });

  it('a crash after the row was written but before the journal was removed: the row is not written twice', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    // First let an audit write J1's row, then put back the journal it removed.
    writeFileSync(join(dir(), 'r.csv.journal'), journalOf(saved, { complete: true }));
    const first = startAudit(dir(), ARGS);
    await first.waitForPrompt(respondentPrompt(two, 'R0002'));
    await first.kill9();
    const csv = readFileSync(join(dir(), 'r.csv'), 'utf8');
    writeFileSync(join(dir(), 'r.csv.journal'), journalOf(saved, { complete: true }));

    const second = startAudit(dir(), ARGS);
    await second.waitForPrompt(respondentPrompt(two, 'R0002'));
    expect(readFileSync(join(dir(), 'r.csv'), 'utf8')).toBe(csv);
  });

  it('a journal whose last line was cut short by the crash resumes from the last whole answer', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const whole = journalOf(saved, { complete: false, upTo: 6 });
    writeFileSync(join(dir(), 'r.csv.journal'), `${whole}{"type":"answer","key":"item:R1:expec`);
    const s = startAudit(dir(), ARGS);
    await s.waitFor(/An unfinished audit of respondent J1 was saved \(6 answers\)/);
    await s.waitForPrompt(resumePrompt(two));
    s.enter('y');
    await drive(s, respondentSteps(two, saved).slice(6));
    await s.waitForPrompt(nextPrompt(two));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);
    expectRows(join(dir(), 'r.csv'), [expectedRow(two, saved)]);
    expect(journalExists(dir())).toBe(false);
  });

  it('Ctrl-C at "Audit the next respondent?" exits 130 with the finished row saved and no journal left', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startAudit(dir(), ARGS);
    await drive(s, respondentSteps(two, saved));
    await s.waitForPrompt(nextPrompt(two));
    s.send('C-c');
    expect(await s.waitForExit()).toBe(130);
    expectRows(join(dir(), 'r.csv'), [expectedRow(two, saved)]);
    expect(journalExists(dir())).toBe(false);
  });

  // The row is appended first, then the whole file is scored for the closing totals: one bad cell
  // in an earlier row (say, typed into the file by hand) makes the audit fail with exit 2 after it
  // has saved, and a multi-respondent session ends there.
  it('an earlier row with an invalid cell does not end the session after the new row is saved', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const header =
      'respondent,branch,T1_E,T1_P,T2_E,T2_P,R1_E,R1_P,RS1_E,RS1_P,A1_E,A1_P,E1_E,E1_P,W_tangibles,W_reliability,W_responsiveness,W_assurance,W_empathy,nps,comment,completed_at';
    writeFileSync(
      join(dir(), 'r.csv'),
      `${header}\nOLD,North,9,5,5,5,5,5,5,5,5,5,5,5,,,,,,,,2026-01-01T00:00:00.000Z\n`,
    );
    const s = startAudit(dir(), ARGS);
    await drive(s, respondentSteps(two, saved));
    await s.waitFor(/Saved respondent J1 to r\.csv \(2 in all\)\./);
    await s.waitForPrompt(nextPrompt(two));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);
    expect(readRows(join(dir(), 'r.csv'))).toHaveLength(2);
  });
});
