/** The audit asks an item on its own scale (a yes/no item shows No and Yes), and checks saved answers on it. */
import { describe, expect, it } from 'vitest';
import { interview, type Prompter, type ScaleQuestion } from '../../../src/core/audit/interview.js';
import { questionnaireFingerprint, recoverJournal } from '../../../src/core/audit/journal.js';
import { auditMessages } from '../../../src/core/audit/messages.js';
import { auditSteps } from '../../../src/core/audit/steps.js';
import { dims, questionnaire } from './support.js';

const withYesNo = questionnaire({
  scale: { min: 1, max: 7, labels: { 1: 'Strongly disagree', 7: 'Strongly agree' } },
  dimensions: dims.map((id, d) => ({
    id,
    items: [
      {
        id: `I${d}`,
        expectation: `e${d}`,
        perception: `p${d}`,
        ...(d === 0 ? { scale: { min: 0, max: 1, labels: { 0: 'No', 1: 'Yes' } } } : {}),
      },
    ],
  })),
});

describe('an item on its own scale in the audit', () => {
  it('is asked on that scale with its labels; the others keep the questionnaire scale', async () => {
    const seen: ScaleQuestion[] = [];
    const prompter: Prompter = {
      scale: async (q) => {
        seen.push(q);
        return { type: 'answer', value: q.min };
      },
      text: async () => ({ type: 'skip' }),
      allocation: async () => ({ type: 'skip' }),
    };
    const steps = auditSteps(withYesNo, { respondent: 'r', segments: { branch: 'N' } }).filter(
      (s) => s.kind === 'answer',
    );
    await interview({
      steps: steps.slice(0, 4),
      answers: new Map(),
      start: 0,
      questionnaire: withYesNo,
      messages: auditMessages('en'),
      prompter,
      save: () => undefined,
    });
    expect(seen.map((q) => [q.min, q.max, q.labels])).toEqual([
      [0, 1, { 0: 'No', 1: 'Yes' }],
      [0, 1, { 0: 'No', 1: 'Yes' }],
      [1, 7, { 1: 'Strongly disagree', 7: 'Strongly agree' }],
      [1, 7, { 1: 'Strongly disagree', 7: 'Strongly agree' }],
    ]);
  });

  it('checks a resumed answer on the item scale', () => {
    const start = {
      type: 'start',
      version: 1,
      interview: 'i1',
      questionnaire: 'T',
      fingerprint: questionnaireFingerprint(withYesNo),
      segments: {},
      startedAt: 't0',
    };
    const answer = (key: string, value: unknown) => JSON.stringify({ type: 'answer', key, value, at: 't' });
    const text = [
      JSON.stringify(start),
      answer('item:I0:expectation', 1),
      answer('item:I0:perception', 5),
      answer('item:I1:perception', 5),
    ].join('\n');
    const r = recoverJournal(`${text}\n`, withYesNo);
    expect([...r.answers]).toEqual([
      ['item:I0:expectation', 1],
      ['item:I1:perception', 5],
    ]);
    expect(r.skipped.map((s) => ('detail' in s.reason ? s.reason.detail : s.reason.code))).toEqual([
      '5 is not on the 0-1 scale',
    ]);
  });

  it('changes the journal fingerprint when an item gets its own scale', () => {
    expect(questionnaireFingerprint(withYesNo)).not.toBe(questionnaireFingerprint(questionnaire()));
  });
});
