import { answerKinds, columnName } from '../scoring/column-plan.js';
import type { Dimension, Item, Kpi, Questionnaire } from '../questionnaire/model.js';
import { emptyRecord, own } from '../text/own.js';

/** The kinds of answer an item asks for, in the order a person gives them. */
type AnswerKind = 'expectation' | 'perception' | 'minimum' | 'desired';

/** One question of an interactive audit. `key` identifies its answer in the journal. */
export type Step =
  | { kind: 'respondent'; key: 'respondent' }
  | { kind: 'segment'; key: string; column: string }
  | {
      kind: 'answer';
      key: string;
      item: Item;
      dimension: Dimension;
      answerKind: AnswerKind;
      /** 1-based position of the item in the questionnaire, and how many items there are. */
      itemNumber: number;
      itemCount: number;
    }
  | { kind: 'weights'; key: 'weights' }
  | { kind: 'kpi'; key: string; kpi: Kpi }
  | { kind: 'comment'; key: 'comment' };

/** A saved answer: a number on the scale, a text, an allocation, or null for skipped. */
export type AnswerValue = number | string | Record<string, number> | null;

export interface AuditGiven {
  respondent?: string;
  segments: Record<string, string>;
}

/** Segment columns of an audit: the questionnaire's, then any other given with --segment. */
export function segmentColumns(q: Questionnaire, given: Record<string, string>): string[] {
  return [...q.segments, ...Object.keys(given).filter((column) => !q.segments.includes(column))];
}

/**
 * Every question of one respondent's audit in order: respondent id and segments (unless given),
 * each item's answers in the format's order, the importance allocation (when weights come from
 * respondents), the KPIs and a comment.
 */
export function auditSteps(q: Questionnaire, given: AuditGiven): Step[] {
  const steps: Step[] = [];
  if (given.respondent === undefined) steps.push({ kind: 'respondent', key: 'respondent' });
  for (const column of segmentColumns(q, given.segments)) {
    if (own(given.segments, column) === undefined) steps.push({ kind: 'segment', key: `segment:${column}`, column });
  }
  const kinds = answerKinds(q.format);
  const itemCount = q.dimensions.reduce((n, d) => n + d.items.length, 0);
  let itemNumber = 0;
  for (const dimension of q.dimensions) {
    for (const item of dimension.items) {
      itemNumber++;
      for (const answerKind of kinds) {
        steps.push({
          kind: 'answer',
          key: `item:${item.id}:${answerKind}`,
          item,
          dimension,
          answerKind,
          itemNumber,
          itemCount,
        });
      }
    }
  }
  if (q.weights.source === 'respondents') steps.push({ kind: 'weights', key: 'weights' });
  for (const kpi of q.kpis) steps.push({ kind: 'kpi', key: `kpi:${kpi.id}`, kpi });
  steps.push({ kind: 'comment', key: 'comment' });
  return steps;
}

/**
 * The id offered by default to a new respondent: R0001, R0002, ... from the number of rows in the
 * file plus one, skipping any id a row or another auditor's interview already has.
 * @example nextRespondentId(2, new Set(['R0003'])) // 'R0004'
 */
export function nextRespondentId(rows: number, used: ReadonlySet<string>): string {
  for (let n = rows + 1; ; n++) {
    const id = `R${String(n).padStart(4, '0')}`;
    if (!used.has(id)) return id;
  }
}

/** Index of the first step without a saved answer, or steps.length when all are answered. */
export function firstUnanswered(steps: readonly Step[], answers: ReadonlyMap<string, AnswerValue>): number {
  const index = steps.findIndex((step) => !answers.has(step.key));
  return index === -1 ? steps.length : index;
}

/** The CSV header an audit writes: the layout `servqual score` reads with the questionnaire's columns. */
export function auditHeader(q: Questionnaire, segments: readonly string[]): string[] {
  const kinds = answerKinds(q.format);
  return [
    q.columns.respondent,
    ...segments,
    ...q.dimensions.flatMap((d) =>
      d.items.flatMap((item) => kinds.map((kind) => columnName(q.columns[kind], { item: item.id }))),
    ),
    ...(q.weights.source === 'respondents'
      ? q.dimensions.map((d) => columnName(q.columns.weight, { dimension: d.id }))
      : []),
    ...q.kpis.map((k) => k.id),
    'comment',
    'completed_at',
  ];
}

/**
 * One respondent's CSV row, keyed by header name: numbers as typed (before any reversal, as a
 * survey export holds them), blank for skipped answers.
 */
export function auditRow(
  q: Questionnaire,
  given: AuditGiven,
  answers: ReadonlyMap<string, AnswerValue>,
  completedAt: string,
): Record<string, string> {
  const text = (value: AnswerValue | undefined) => (value === null || value === undefined ? '' : String(value));
  // Column names come from the questionnaire and --segment: no prototype to collide with.
  const row = emptyRecord<string>();
  row[q.columns.respondent] = given.respondent ?? text(answers.get('respondent'));
  for (const column of segmentColumns(q, given.segments)) {
    row[column] = own(given.segments, column) ?? text(answers.get(`segment:${column}`));
  }
  for (const item of q.dimensions.flatMap((d) => d.items)) {
    for (const kind of answerKinds(q.format)) {
      row[columnName(q.columns[kind], { item: item.id })] = text(answers.get(`item:${item.id}:${kind}`));
    }
  }
  if (q.weights.source === 'respondents') {
    const weights = answers.get('weights');
    for (const d of q.dimensions) {
      const allocation = weights !== null && typeof weights === 'object' ? weights[d.id] : undefined;
      row[columnName(q.columns.weight, { dimension: d.id })] = allocation === undefined ? '' : String(allocation);
    }
  }
  for (const kpi of q.kpis) row[kpi.id] = text(answers.get(`kpi:${kpi.id}`));
  row.comment = text(answers.get('comment'));
  row.completed_at = completedAt;
  return row;
}
