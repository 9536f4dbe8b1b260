import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  allocationPrompt,
  commentPrompt,
  copyQuestionnaire,
  describeWithTmux,
  drive,
  expectedRow,
  expectRows,
  importancePrompt,
  itemPrompt,
  journalAnswers,
  kpiPrompt,
  nextPrompt,
  readSpec,
  respondentPrompt,
  segmentPrompt,
  startAudit,
  useAuditDir,
  type Respondent,
} from './driver.js';

const two = readSpec('two-column.yaml');
const ARGS = ['q.yaml', '--out', 'r.csv'];
const DIMENSIONS = ['Tangibles', 'Reliability', 'Responsiveness', 'Assurance', 'Empathy'];

describeWithTmux('servqual audit: going back and skipping', () => {
  const dir = useAuditDir();

  it('b goes back with the saved answer shown, a changed answer is what is saved, s leaves a blank cell', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startAudit(dir(), ARGS);

    await s.waitForPrompt(respondentPrompt(two, 'R0001'));
    s.enter();
    await s.waitForPrompt(segmentPrompt('branch'));
    // "<" in a text question goes back to the previous one, which offers its saved answer.
    s.enter('<');
    await s.waitForPrompt(respondentPrompt(two, 'R0001'));
    s.enter('R-77');
    await s.waitForPrompt(segmentPrompt('branch'));
    s.enter('West');

    await s.waitForPrompt(itemPrompt(two, 'T1', 'expectation'));
    s.send('6');
    await s.waitForPrompt(itemPrompt(two, 'T1', 'perception'));
    s.send('4');
    await s.waitForPrompt(itemPrompt(two, 'T2', 'expectation'));
    s.send('b');
    // Back at T1 P: "previously: 4", and 4 is the highlighted point.
    const back = await s.waitForPrompt(itemPrompt(two, 'T1', 'perception'));
    expect(back).toMatch(/^ {2}previously: 4$/m);
    expect(back).toMatch(/ 3 {2}\[4\] {2}5 /);
    s.send('2');
    await s.waitForPrompt(itemPrompt(two, 'T2', 'expectation'));
    s.send('s');
    await s.waitForPrompt(itemPrompt(two, 'T2', 'perception'));
    s.send('5');
    await s.waitForPrompt(itemPrompt(two, 'R1', 'expectation'));
    // Two steps back: T2 P (previously 5), then T2 E (previously skipped).
    s.send('b');
    await s.waitForPrompt(itemPrompt(two, 'T2', 'perception'));
    s.send('b');
    const skipped = await s.waitForPrompt(itemPrompt(two, 'T2', 'expectation'));
    expect(skipped).toMatch(/^ {2}previously: skipped$/m);
    // Enter with nothing highlighted does nothing; s keeps it skipped.
    s.send('Enter');
    s.send('s');
    const kept = await s.waitForPrompt(itemPrompt(two, 'T2', 'perception'));
    expect(kept).toMatch(/^ {2}previously: 5$/m);
    // Enter keeps the highlighted saved answer; → then Enter changes it.
    s.send('Right', 'Enter');
    await s.waitForPrompt(itemPrompt(two, 'R1', 'expectation'));

    await drive(s, [
      { name: 'R1 E', prompt: itemPrompt(two, 'R1', 'expectation'), keys: (t) => t.send('7') },
      { name: 'R1 P', prompt: itemPrompt(two, 'R1', 'perception'), keys: (t) => t.send('s') },
      { name: 'RS1 E', prompt: itemPrompt(two, 'RS1', 'expectation'), keys: (t) => t.send('5') },
      { name: 'RS1 P', prompt: itemPrompt(two, 'RS1', 'perception'), keys: (t) => t.send('5') },
      { name: 'A1 E', prompt: itemPrompt(two, 'A1', 'expectation'), keys: (t) => t.send('6') },
      { name: 'A1 P', prompt: itemPrompt(two, 'A1', 'perception'), keys: (t) => t.send('7') },
      { name: 'E1 E', prompt: itemPrompt(two, 'E1', 'expectation'), keys: (t) => t.send('3') },
      { name: 'E1 P', prompt: itemPrompt(two, 'E1', 'perception'), keys: (t) => t.send('2') },
      { name: 'importance', prompt: importancePrompt(two), keys: (t) => t.send('Down', 'Enter') },
      { name: 'nps', prompt: kpiPrompt(two, 'nps'), keys: (t) => t.send('9') },
      { name: 'comment', prompt: commentPrompt(two), keys: (t) => t.enter('<') },
    ]);
    // "<" at the comment goes back to the KPI, with its answer highlighted; b goes back to the weights.
    const nps = await s.waitForPrompt(kpiPrompt(two, 'nps'));
    expect(nps).toMatch(/\[9\]/);
    expect(nps).toMatch(/^ {2}previously: 9$/m);
    s.send('b');
    await s.waitForPrompt(importancePrompt(two));
    s.send('Down', 'Down', 'Enter');
    await s.waitForPrompt(kpiPrompt(two, 'nps'));
    s.send('1');
    // On 0-10, "1" waits (for 10); the highlight moves to 1 and Enter chooses it.
    await s.waitForPrompt(/ 0 {2}\[1\] {2}2 .* 1_/);
    s.send('Enter');
    await s.waitForPrompt(commentPrompt(two));
    s.enter('changed my mind twice');
    await s.waitFor(/Saved respondent R-77 to r\.csv/);
    await s.waitForPrompt(nextPrompt(two));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);

    const r: Respondent = {
      id: 'R-77',
      segments: { branch: 'West' },
      items: { T1: [6, 2], T2: [null, 6], R1: [7, null], RS1: [5, 5], A1: [6, 7], E1: [3, 2] },
      weights: 'skip',
      kpis: { nps: 1 },
      comment: 'changed my mind twice',
    };
    expectRows(join(dir(), 'r.csv'), [expectedRow(two, r)]);
  });

  it('"<" inside the allocation goes back a dimension; points that do not add up to 100 are asked again', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startAudit(dir(), [...ARGS, '--respondent', 'ALLOC', '--segment', 'branch=North']);
    const items = two.items.flatMap((item) =>
      two.kinds.map((kind) => ({
        name: `${item.id} ${kind}`,
        prompt: itemPrompt(two, item.id, kind),
        keys: (t: typeof s) => t.send('4'),
      })),
    );
    await drive(s, items);
    await s.waitForPrompt(importancePrompt(two));
    s.send('Enter');
    await s.waitForPrompt(allocationPrompt(two, 'Tangibles', 100));
    s.enter('50');
    await s.waitForPrompt(allocationPrompt(two, 'Reliability', 50));
    s.enter('<');
    await s.waitForPrompt(allocationPrompt(two, 'Tangibles', 100));
    s.enter('40');
    await s.waitForPrompt(allocationPrompt(two, 'Reliability', 60));
    s.enter('30');
    await s.waitForPrompt(allocationPrompt(two, 'Responsiveness', 30));
    // More than remains is refused where it is typed.
    s.enter('31');
    await s.waitFor(/type a number from 0 to 30/);
    s.send('C-u');
    s.enter('10');
    await s.waitForPrompt(allocationPrompt(two, 'Assurance', 20));
    s.enter('10');
    // The last dimension offers the remainder; typing less leaves a total under 100, asked again.
    await s.waitForPrompt(new RegExp(`${allocationPrompt(two, 'Empathy', 10).source} \\(10\\)`));
    s.enter('5');
    await s.waitFor(/the points add up to 95; they must add up to 100/);
    const points = [20, 20, 20, 20, 20];
    let remaining = 100;
    for (const [i, label] of DIMENSIONS.entries()) {
      await s.waitForPrompt(allocationPrompt(two, label, remaining));
      s.enter(String(points[i]));
      remaining -= points[i] as number;
    }
    await s.waitForPrompt(kpiPrompt(two, 'nps'));
    expect(journalAnswers(dir()).filter(([key]) => key === 'weights')).toEqual([
      ['weights', { tangibles: 20, reliability: 20, responsiveness: 20, assurance: 20, empathy: 20 }],
    ]);
    s.send('s');
    await s.waitForPrompt(commentPrompt(two));
    s.enter();
    await s.waitForPrompt(nextPrompt(two));
    s.enter('n');
    expect(await s.waitForExit()).toBe(0);
    const r: Respondent = {
      segments: {},
      items: Object.fromEntries(two.items.map((item) => [item.id, [4, 4]])),
      weights: points,
      kpis: { nps: null },
      comment: '',
    };
    expectRows(join(dir(), 'r.csv'), [expectedRow(two, r, { respondent: 'ALLOC', segments: { branch: 'North' } })]);
  });

  // There is nothing before the first question, so "<" cannot go back there; it must not become the id.
  it('"<" at the first question (respondent id) is not saved as the respondent id', async () => {
    copyQuestionnaire('two-column.yaml', dir());
    const s = startAudit(dir(), ARGS);
    await s.waitForPrompt(respondentPrompt(two, 'R0001'));
    s.enter('<');
    // The audit either says there is nothing to go back to or moves on; wait for whichever comes
    // (no fixed delay), and if it moved on, the id it saved must not be "<".
    const segment = segmentPrompt('branch');
    const prompt = await s.waitForPrompt(new RegExp(`${segment.source}|there is no earlier question to go back to`));
    const movedOn = segment.test(prompt);
    if (movedOn) expect(journalAnswers(dir())).not.toContainEqual(['respondent', '<']);
    else expect(s.currentPrompt()).toMatch(respondentPrompt(two));
  });
});
