/**
 * `best: low` scales (1 means excellent): answers are mirrored (min + max - x) before scoring, so a
 * 1-is-best file scores exactly as the same answers mirrored on a higher-is-best scale, and CSAT's
 * top two and CES's mean count the good end. Hand-computed values in the comments.
 */
import { describe, expect, it } from 'vitest';
import { validateQuestionnaire } from '../../../src/core/questionnaire/validate.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { scoreObjects } from '../../../src/core/scoring/score-table.js';
import { makeQuestionnaire } from './support.js';
import { renderHtml } from '../../../src/render/html.js';
import { scaleText } from '../../../src/render/labels.js';
import { renderMarkdown } from '../../../src/render/markdown.js';
import { renderTable } from '../../../src/render/table.js';
import { checkResult } from '../../../src/core/scoring/result-schema.js';

const score = (q: ReturnType<typeof makeQuestionnaire>, rows: Parameters<typeof scoreObjects>[1]): Result => {
  const out = scoreObjects(q, rows);
  expect(out.problems).toEqual([]);
  return out.result as Result;
};

const COLUMNS = ['T1', 'R1', 'S1', 'A1', 'E1'].flatMap((id) => [`${id}_E`, `${id}_P`]);
const rows: Record<string, number>[] = [
  [2, 1, 6, 7, 3, 3, 1, 4, 5, 2],
  [1, 1, 7, 5, 2, 4, 2, 2, 6, 1],
  [3, 2, 5, 5, 1, 6, 1, 3, 7, 7],
].map((values) => Object.fromEntries(COLUMNS.map((c, i) => [c, values[i] as number])));
const mirrored = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, 8 - v])));

describe('a best: low scale', () => {
  const low = makeQuestionnaire({ scale: { min: 1, max: 7, best: 'low' }, reverse: ['R1'] });
  const high = makeQuestionnaire({ scale: { min: 1, max: 7 }, reverse: ['R1'] });

  it('scores as the mirrored answers on a higher-is-best scale', () => {
    const a = score(low, rows);
    const b = score(high, mirrored);
    expect(a.items).toEqual(b.items);
    expect(a.dimensions).toEqual(b.dimensions);
    expect(a.overall).toEqual(b.overall);
  });

  it('says so in the result and in every report header, so a reader knows the scores are mirrored', () => {
    const result = score(low, rows);
    expect(result.questionnaire.scale).toEqual({ min: 1, max: 7, best: 'low' });
    expect(score(high, mirrored).questionnaire.scale).toEqual({ min: 1, max: 7 });
    const color = { color: false } as const;
    expect(renderTable(result, color)).toContain('1-7, 1 = best (answers mirrored)');
    expect(renderMarkdown(result)).toContain('1-7, 1 = best (answers mirrored)');
    expect(renderHtml(result)).toContain('1-7, 1 = best (answers mirrored)');
    expect(scaleText({ min: 1, max: 5, best: 'low' }, 'ru')).toBe('1-5, 1 = лучший ответ (ответы отражены)');
    expect(checkResult(JSON.parse(JSON.stringify(result))).problems).toEqual([]);
  });

  it('turns a perception better than expected into a positive gap', () => {
    // T1 row 1: E 2, P 1 on 1-7 with 1 best: (8 - 1) - (8 - 2) = +1; rows 2 and 3: 0 and +1.
    expect(score(low, rows).items.find((i) => i.id === 'T1')?.gap.mean).toBeCloseTo(2 / 3, 14);
  });

  it('lets reverse: true on an item cancel the mirroring (a negatively worded item)', () => {
    // R1 row 1: E 6, P 7, reversed twice = as read: 7 - 6 = +1; rows 2 and 3: -2 and 0.
    expect(score(low, rows).items.find((i) => i.id === 'R1')?.gap.mean).toBeCloseTo(-1 / 3, 14);
    expect(low.dimensions[1]?.items[0]?.reverse).toBe(false);
    expect(low.dimensions[0]?.items[0]?.reverse).toBe(true);
  });
});

describe('KPIs on a best: low scale', () => {
  const q = makeQuestionnaire({
    kpis: [
      { id: 'csat', type: 'csat', scale: { min: 1, max: 5, best: 'low' } },
      { id: 'ces', type: 'ces', scale: { min: 1, max: 7, best: 'low' } },
      { id: 'plain', type: 'csat' },
    ],
  });
  const answers = [
    { csat: 1, ces: 1, plain: 1 },
    { csat: 2, ces: 2, plain: 2 },
    { csat: 3, ces: 4, plain: 4 },
    { csat: 5, ces: 7, plain: 5 },
  ];
  const r = score(
    q,
    answers.map((k, i) => ({ ...(rows[i % rows.length] as Record<string, number>), ...k })),
  );
  const kpi = (id: string) => r.kpis.find((k) => k.id === id);

  it('counts the low end as satisfied for CSAT', () => {
    // 1 and 2 are the top two of a 1-5 scale on which 1 is best: 2 of 4 = 50%.
    expect(kpi('csat')?.score).toBeCloseTo(50, 12);
    // the same answers on a plain 1-5 scale: 4 and 5 are the top two: 2 of 4.
    expect(kpi('plain')?.score).toBeCloseTo(50, 12);
  });

  it('reads CES higher-is-easier', () => {
    // mirrored: 7, 6, 4, 1 -> mean 4.5 (raw mean would be 3.5).
    expect(kpi('ces')?.score).toBeCloseTo(4.5, 12);
  });
});

describe('source labels', () => {
  const doc = (labels: Record<string, number>) => ({
    servqual: 1,
    title: 'T',
    format: 'perceptions-only',
    scale: { min: 1, max: 5 },
    dimensions: ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'].map((id, d) => ({
      id,
      items: [{ id: `I${d}`, perception: 'p' }],
    })),
    source: { platform: 'generic', labels },
  });

  it('refuses a numeric answer text, which would never apply, and points to best: low', () => {
    const { problems } = validateQuestionnaire(doc({ 5: 1, Excellent: 5 }));
    expect(problems.map((p) => p.code)).toEqual(['numeric-label']);
    expect(problems[0]?.hint).toMatch(/best: low/);
  });

  it('accepts text labels', () => {
    expect(validateQuestionnaire(doc({ Excellent: 5, 'Very poor': 1 })).problems).toEqual([]);
  });
});
