import { describe, expect, it } from 'vitest';
import {
  interview,
  type Prompter,
  type Reply,
  type ScaleQuestion,
  type TextQuestion,
} from '../../../src/core/audit/interview.js';
import { auditMessages } from '../../../src/core/audit/messages.js';
import {
  auditHeader,
  auditRow,
  auditSteps,
  firstUnanswered,
  nextRespondentId,
  type AnswerValue,
} from '../../../src/core/audit/steps.js';
import { dims, questionnaire } from './support.js';
import { scoreObjects } from '../../../src/core/scoring/score-table.js';
import type { Questionnaire } from '../../../src/core/questionnaire/model.js';

type Scripted = Reply<AnswerValue>;

/** A prompter that plays back replies and records what it was asked. */
function scripted(replies: Scripted[]) {
  const asked: string[] = [];
  const seen: (ScaleQuestion | TextQuestion)[] = [];
  const next = () => {
    const reply = replies.shift();
    if (!reply) throw new Error('the script ran out of replies');
    return reply;
  };
  const prompter: Prompter = {
    scale: async (q) => {
      asked.push(`${q.heading}|${q.kindLabel}`);
      seen.push(q);
      return next() as Reply<number>;
    },
    text: async (q) => {
      asked.push(q.message);
      seen.push(q);
      return next() as Reply<string>;
    },
    allocation: async () => {
      asked.push('allocation');
      return next() as Reply<Record<string, number>>;
    },
  };
  return { prompter, asked, seen };
}

const answer = <T extends AnswerValue>(value: T): Scripted => ({ type: 'answer', value });
const skip: Scripted = { type: 'skip' };
const back: Scripted = { type: 'back' };

/** The KPI questions the interview asks of `q`, given these answers. */
async function kpiQuestions(q: Questionnaire, values: number[]): Promise<ScaleQuestion[]> {
  const steps = auditSteps(q, { respondent: 'r', segments: { branch: 'N' } }).filter((s) => s.kind === 'kpi');
  const { prompter, seen } = scripted(values.map((v) => answer(v)));
  await interview({
    steps,
    answers: new Map(),
    start: 0,
    questionnaire: q,
    messages: auditMessages('en'),
    prompter,
    save: () => undefined,
  });
  return seen as ScaleQuestion[];
}

describe('audit steps', () => {
  it('asks the respondent, the segments not given, each item in format order, weights, KPIs and a comment', () => {
    const steps = auditSteps(questionnaire(), { segments: {} });
    expect(steps.map((s) => s.key)).toEqual([
      'respondent',
      'segment:branch',
      ...dims.flatMap((_, d) => [`item:I${d}:expectation`, `item:I${d}:perception`]),
      'weights',
      'kpi:nps',
      'comment',
    ]);
    const given = auditSteps(questionnaire({ format: 'perceptions-only', weights: { source: 'fixed' } }), {
      respondent: 'r',
      segments: { branch: 'N', wave: '2' },
    });
    expect(given.map((s) => s.key)).toEqual([...dims.map((_, d) => `item:I${d}:perception`), 'kpi:nps', 'comment']);
  });

  it('orders three-column answers minimum, desired, perceived', () => {
    const steps = auditSteps(questionnaire({ format: 'three-column' }), { respondent: 'r', segments: { branch: 'N' } });
    expect(steps.slice(0, 3).map((s) => s.key)).toEqual(['item:I0:minimum', 'item:I0:desired', 'item:I0:perception']);
  });

  it('offers the next free default respondent id, skipping ids already in the file or in other interviews', () => {
    expect(nextRespondentId(0, new Set())).toBe('R0001');
    expect(nextRespondentId(2, new Set(['R0001', 'R0002']))).toBe('R0003');
    expect(nextRespondentId(2, new Set(['R0003', 'R0004', 'X']))).toBe('R0005');
    expect(nextRespondentId(9999, new Set())).toBe('R10000');
  });

  it('finds the first unanswered step', () => {
    const steps = auditSteps(questionnaire(), { segments: {} });
    expect(firstUnanswered(steps, new Map())).toBe(0);
    expect(
      firstUnanswered(
        steps,
        new Map<string, AnswerValue>([
          ['respondent', 'r'],
          ['segment:branch', null],
        ]),
      ),
    ).toBe(2);
    expect(firstUnanswered(steps, new Map(steps.map((s) => [s.key, null])))).toBe(steps.length);
  });
});

describe('interview', () => {
  it('saves every answer before asking the next question, and goes back to change one', async () => {
    const q = questionnaire();
    const steps = auditSteps(q, { segments: {} });
    const saved: [string, AnswerValue][] = [];
    const { prompter, seen } = scripted([
      answer('R1'),
      answer('North'),
      answer(7),
      answer(5),
      back,
      answer(6),
      answer(6),
      skip,
      ...Array.from({ length: 6 }, () => answer(4)),
      answer({ tangibles: 10, reliability: 30, responsiveness: 20, assurance: 20, empathy: 20 }),
      answer(10),
      skip,
    ]);
    const answers = await interview({
      steps,
      answers: new Map(),
      start: 0,
      questionnaire: q,
      messages: auditMessages('en'),
      prompter,
      save: (key, value) => void saved.push([key, value]),
    });
    expect(saved.map(([key]) => key)).toEqual([
      'respondent',
      'segment:branch',
      'item:I0:expectation',
      'item:I0:perception',
      'item:I0:perception',
      'item:I1:expectation',
      'item:I1:perception',
      ...steps.slice(6).map((s) => s.key),
    ]);
    expect(answers.get('item:I0:perception')).toBe(6);
    expect(answers.get('item:I1:perception')).toBeNull();
    expect(answers.get('comment')).toBeNull();
    // Going back offers the saved answer again.
    expect((seen[5] as ScaleQuestion).previous).toBe(5);
    expect((seen[2] as ScaleQuestion).heading).toBe('Tangibles · item 1 of 5');
    expect((seen[2] as ScaleQuestion).statement).toBe('e0');
    expect((seen[3] as ScaleQuestion).statement).toBe('p0');
  });

  it('resumes at the first unanswered question', async () => {
    const q = questionnaire({ weights: { source: 'fixed' }, kpis: [] });
    const steps = auditSteps(q, { respondent: 'R9', segments: { branch: 'S' } });
    const answers = new Map<string, AnswerValue>([
      ['item:I0:expectation', 7],
      ['item:I0:perception', 6],
    ]);
    const { prompter, asked } = scripted([...Array.from({ length: 8 }, () => answer(5)), answer('fine')]);
    await interview({
      steps,
      answers,
      start: firstUnanswered(steps, answers),
      questionnaire: q,
      messages: auditMessages('en'),
      prompter,
      save: () => undefined,
    });
    expect(asked[0]).toBe('Reliability · item 2 of 5|Expectation');
    expect(asked).toHaveLength(9);
  });

  it('asks a KPI with its question, its kind and the meaning of both ends of its scale, never its raw id', async () => {
    const q = questionnaire({
      kpis: [
        { id: 'k_nps', type: 'nps', question: 'Would you recommend us?' },
        {
          id: 'k_csat',
          type: 'csat',
          question: 'How satisfied are you?',
          scale: { min: 1, max: 5, labels: { 3: 'Neutral', 5: 'Delighted' } },
        },
        { id: 'k_ces', type: 'ces', question: 'How easy was it?' },
      ],
    });
    const asked = await kpiQuestions(q, [9, 4, 6]);
    expect(asked.map((k) => [k.statement, k.kindLabel, k.min, k.max, k.labels])).toEqual([
      ['Would you recommend us?', 'Net Promoter Score', 0, 10, { 0: 'Not at all likely', 10: 'Extremely likely' }],
      // The questionnaire's own labels win over the built-in ends.
      [
        'How satisfied are you?',
        'Customer satisfaction (CSAT)',
        1,
        5,
        { 1: 'Very dissatisfied', 3: 'Neutral', 5: 'Delighted' },
      ],
      ['How easy was it?', 'Customer effort (CES)', 1, 7, { 1: 'Very difficult', 7: 'Very easy' }],
    ]);
    expect(JSON.stringify(asked)).not.toMatch(/k_nps|k_csat|k_ces/);
  });

  it('puts the good anchor at the low end of a best: low KPI scale', async () => {
    const q = questionnaire({
      kpis: [{ id: 'k_ces', type: 'ces', question: 'How easy was it?', scale: { min: 1, max: 7, best: 'low' } }],
    });
    expect((await kpiQuestions(q, [2])).map((k) => k.labels)).toEqual([{ 1: 'Very easy', 7: 'Very difficult' }]);
  });

  it('speaks the questionnaire language', async () => {
    const q = questionnaire({ language: 'ru' });
    const steps = auditSteps(q, { segments: {} });
    const { prompter, asked } = scripted([answer('R1'), answer('Север'), answer(7)]);
    await interview({
      steps: steps.slice(0, 3),
      answers: new Map(),
      start: 0,
      questionnaire: q,
      messages: auditMessages('ru'),
      prompter,
      save: () => undefined,
    });
    expect(asked).toEqual(['Идентификатор респондента', 'branch', 'Tangibles · вопрос 1 из 5|Ожидание']);
  });
});

describe('audit row', () => {
  it('writes the header the scorer reads and a row that scores to the answers typed', () => {
    const q = questionnaire();
    const header = auditHeader(q, ['branch']);
    expect(header).toEqual([
      'respondent',
      'branch',
      ...dims.flatMap((_, d) => [`I${d}_E`, `I${d}_P`]),
      ...dims.map((d) => `W_${d}`),
      'nps',
      'comment',
      'completed_at',
    ]);
    const answers = new Map<string, AnswerValue>([
      ['respondent', 'R1'],
      ['segment:branch', 'North'],
      ...dims.flatMap((_, d): [string, AnswerValue][] => [
        [`item:I${d}:expectation`, 7],
        [`item:I${d}:perception`, 7 - d],
      ]),
      ['weights', { tangibles: 10, reliability: 30, responsiveness: 20, assurance: 20, empathy: 20 }],
      ['kpi:nps', 9],
      ['comment', 'ok, "fine"'],
    ]);
    const row = auditRow(q, { segments: {} }, answers, '2026-01-01T00:00:00.000Z');
    expect(row).toMatchObject({
      respondent: 'R1',
      branch: 'North',
      I1_P: '6',
      W_reliability: '30',
      nps: '9',
      comment: 'ok, "fine"',
    });
    const result = scoreObjects(q, [row]).result;
    // gaps 0, -1, -2, -3, -4 weighted .1 .3 .2 .2 .2: 0 - .3 - .4 - .6 - .8 = -2.1
    expect(result?.overall.weighted.mean).toBeCloseTo(-2.1, 12);
    expect(result?.kpis[0]?.score).toBe(100);
  });

  it('leaves skipped answers and a skipped allocation blank', () => {
    const q = questionnaire();
    const row = auditRow(
      q,
      { respondent: 'R2', segments: { branch: 'S' } },
      new Map<string, AnswerValue>([
        ['item:I0:expectation', null],
        ['weights', null],
      ]),
      't',
    );
    expect(row).toMatchObject({ respondent: 'R2', branch: 'S', I0_E: '', W_tangibles: '', comment: '' });
  });
});
