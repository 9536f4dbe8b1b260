/** Results for the HTML report tests: questionnaires through the real validator, seeded rows through the real scorer. */
import { expect } from 'vitest';
import { parse, type HTMLElement } from 'node-html-parser';
import type { Format, Questionnaire } from '../../../src/core/questionnaire/model.js';
import { validateQuestionnaire } from '../../../src/core/questionnaire/validate.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { scoreObjects, scoreTable } from '../../../src/core/scoring/score-table.js';
import { generateRows } from '../scoring/support.js';

const SERVQUAL_ITEMS: Record<string, string[]> = {
  tangibles: ['T1', 'T2', 'T3'],
  reliability: ['R1', 'R2', 'R3', 'R4'],
  responsiveness: ['S1', 'S2'],
  assurance: ['A1', 'A2', 'A3'],
  empathy: ['E1', 'E2'],
};

export interface Build {
  format: Format;
  language?: 'en' | 'ru';
  title?: string;
  /** Dimension id -> item ids; a non-SERVQUAL set makes the model custom. */
  items?: Record<string, string[]>;
  labels?: Record<string, string>;
  itemRecommendations?: Record<string, string[]>;
  branches?: string[];
  n?: number;
  seed?: number;
  kpis?: boolean;
}

export function buildQuestionnaire(b: Build): Questionnaire {
  const items = b.items ?? SERVQUAL_ITEMS;
  const custom = Object.keys(items).some((id) => !(id in SERVQUAL_ITEMS));
  const raw = {
    servqual: 1,
    title: b.title ?? 'Branch audit',
    language: b.language ?? 'en',
    ...(custom ? { model: 'custom' } : {}),
    format: b.format,
    scale: { min: 1, max: 7 },
    weights: { source: 'respondents' },
    dimensions: Object.entries(items).map(([id, ids]) => ({
      id,
      ...(b.labels?.[id] ? { label: b.labels[id] } : {}),
      recommendations: [`Review ${id} with the team.`],
      items: ids.map((item) => ({
        id: item,
        perception: `P ${item}`,
        ...(b.format === 'perceptions-only' ? {} : { expectation: `E ${item}` }),
        ...(b.itemRecommendations?.[item] ? { recommendations: b.itemRecommendations[item] } : {}),
      })),
    })),
    ...(b.kpis === false
      ? {}
      : {
          kpis: [
            { id: 'nps', type: 'nps', question: 'Recommend?' },
            { id: 'csat', type: 'csat', question: 'Satisfied?' },
            { id: 'ces', type: 'ces', question: 'Easy?' },
          ],
        }),
  };
  const { questionnaire, problems } = validateQuestionnaire(raw);
  expect(problems).toEqual([]);
  return questionnaire as Questionnaire;
}

/** Scores seeded rows (about 6% blank cells, mixed allocations) with `--group-by branch` when branches are given. */
export function buildResult(b: Build): Result {
  const q = buildQuestionnaire(b);
  const options = b.branches ? { groupBy: ['branch'] } : {};
  // With no respondents, the header still comes from a generated row: a header with no rows.
  const rows = generateRows(q, {
    n: Math.max(1, b.n ?? 120),
    seed: b.seed ?? 11,
    ...(b.branches ? { branches: b.branches } : {}),
  });
  const scored = b.n === 0 ? scoreTable(q, Object.keys(rows[0] ?? {}), [], options) : scoreObjects(q, rows, options);
  expect(scored.problems).toEqual([]);
  expect(scored.result).not.toBeNull();
  return scored.result as Result;
}

export function dom(html: string): HTMLElement {
  return parse(html, { comment: true });
}

/** The one element a selector must match. */
export function one(root: HTMLElement, selector: string): HTMLElement {
  const found = root.querySelectorAll(selector);
  expect(found, selector).toHaveLength(1);
  return found[0] as HTMLElement;
}

export function charts(root: HTMLElement): string[] {
  return root.querySelectorAll('svg[data-chart]').map((svg) => svg.getAttribute('data-chart') ?? '');
}
