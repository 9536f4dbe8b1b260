import { allItems, type AnswerKind, type Questionnaire } from '../questionnaire/model.js';
import { answerKinds, columnName } from '../scoring/column-plan.js';
import { didYouMean } from '../text/did-you-mean.js';
import { answerTextTables, convertAnswer, normaliseAnswer, type AnswerTexts } from './labels.js';
import type { PlanProblem } from './plan.js';
import { longFormat } from './platforms/long.js';

/**
 * The long format: one row per answer (`respondent,item,kind,value`), pivoted into one generic
 * record per respondent. It streams, so a respondent's rows must be contiguous (as any export
 * sorted by respondent is); a respondent who reappears after others is an error.
 *
 * `item` names an item (kind E, P, MIN, DES or the words), a dimension (kind `weight`), a KPI
 * (kind `kpi`) or a segment (kind `segment`); a blank kind is inferred where the id says it all.
 */

const KINDS: Record<string, LongKind> = {
  e: 'expectation',
  expectation: 'expectation',
  ожидание: 'expectation',
  p: 'perception',
  perception: 'perception',
  восприятие: 'perception',
  min: 'minimum',
  minimum: 'minimum',
  des: 'desired',
  desired: 'desired',
  w: 'weight',
  weight: 'weight',
  kpi: 'kpi',
  segment: 'segment',
};

/** What a long row's kind cell says (E, P, MIN, DES or their words, weight, kpi, segment), or undefined. */
export type LongKind = AnswerKind | 'weight' | 'kpi' | 'segment';

/**
 * The kind a kind cell names, case and spaces folded.
 * @example longKind(' Expectation ') // 'expectation'
 */
export function longKind(text: string): LongKind | undefined {
  const key = normaliseAnswer(text);
  return Object.hasOwn(KINDS, key) ? KINDS[key] : undefined;
}

export interface LongPlan {
  header: string[];
  respondent: number;
  item: number;
  kind: number;
  value: number;
  /** `kind\0id` -> generic column. */
  slots: Map<string, number>;
  /** Whether a generic column holds answers (converted) rather than text. */
  answer: boolean[];
  /** The export's value column header, for messages. */
  valueLabel: string;
  /** Per generic column: the label tables its answers are converted with (an item's own scale has its own). */
  texts: AnswerTexts[];
  /** The kind a row with a blank kind cell has, by its item id (KPIs, segments, perceptions-only items). */
  inferredKinds: Map<string, string>;
}

/** Plans the pivot from the long export's header. */
export function planLong(q: Questionnaire, header: readonly string[]): { plan: LongPlan; problems: PlanProblem[] } {
  const names = header.map((h) => normaliseAnswer(h));
  const problems: PlanProblem[] = [];
  const find = (name: string, what: string) => {
    const index = names.indexOf(normaliseAnswer(name));
    if (index < 0) {
      const hint = didYouMean(
        name,
        header.map((h) => h.trim()),
      );
      problems.push({
        code: 'missing-column',
        message: `the long export has no column "${name}" (${what})`,
        ...(hint ? { hint } : {}),
      });
    }
    return index;
  };
  const long = q.source?.long ?? { item: 'item', kind: 'kind', value: 'value' };
  const tables = answerTextTables(q);
  const plan: LongPlan = {
    header: [q.columns.respondent],
    respondent: find(q.source?.respondent ?? (longFormat.respondentColumns[0] as string), 'the respondent id'),
    item: find(long.item, 'the item'),
    kind: find(long.kind, 'the answer kind'),
    value: find(long.value, 'the answer'),
    slots: new Map(),
    answer: [false],
    valueLabel: (header[names.indexOf(normaliseAnswer(long.value))] ?? long.value).trim(),
    texts: [tables()],
    inferredKinds: inferredKinds(q),
  };
  const slot = (kind: string, id: string, generic: string, isAnswer: boolean, item?: string) => {
    plan.slots.set(`${kind}\u0000${id}`, plan.header.length);
    plan.header.push(generic);
    plan.answer.push(isAnswer);
    plan.texts.push(tables(item));
  };
  for (const segment of q.segments) slot('segment', segment, segment, false);
  for (const item of allItems(q))
    for (const kind of answerKinds(q.format))
      slot(kind, item.id, columnName(q.columns[kind], { item: item.id }), true, item.id);
  for (const d of q.dimensions) slot('weight', d.id, columnName(q.columns.weight, { dimension: d.id }), true);
  for (const k of q.kpis) slot('kpi', k.id, k.id, true);
  return { plan, problems };
}

/** One pivoted respondent: the generic record, the line of its first row, and each field's line (0: no row gave it). */
export interface LongRecord {
  fields: string[];
  line: number;
  lines: number[];
}

export interface LongProblem {
  line: number;
  column: string;
  message: string;
  hint?: string;
}

export interface LongState {
  plan: LongPlan;
  current: LongRecord | null;
  finished: Set<string>;
}

export function startLong(plan: LongPlan): LongState {
  return { plan, current: null, finished: new Set() };
}

/** The kinds `inferredKinds` holds, worked out once per plan rather than per row; earlier entries win. */
function inferredKinds(q: Questionnaire): Map<string, string> {
  const kinds = new Map<string, string>();
  const add = (id: string, kind: string) => {
    if (!kinds.has(id)) kinds.set(id, kind);
  };
  for (const k of q.kpis) add(k.id, 'kpi');
  for (const segment of q.segments) add(segment, 'segment');
  if (q.format === 'perceptions-only') for (const item of allItems(q)) add(item.id, 'perception');
  return kinds;
}

/**
 * Adds one long row. Returns the previous respondent's record when this row starts a new one, or
 * a problem (the caller stops there: the rest of the file cannot be trusted to pivot).
 */
export function pushLong(
  state: LongState,
  fields: readonly string[],
  line: number,
): { record?: LongRecord; problem?: LongProblem } {
  const { plan } = state;
  const cell = (index: number) => (fields[index] ?? '').trim();
  const header = (index: number) => (index === plan.respondent ? 'respondent' : index === plan.item ? 'item' : 'kind');
  const id = cell(plan.respondent);
  if (id === '') return { problem: { line, column: header(plan.respondent), message: 'the respondent id is blank' } };
  let done: LongRecord | undefined;
  if (state.current === null || state.current.fields[0] !== id) {
    if (state.finished.has(id)) {
      return {
        problem: {
          line,
          column: header(plan.respondent),
          message: `respondent "${id}" appears again after other respondents`,
          hint: "the long format is read as a stream: keep each respondent's rows together (sort the file by respondent)",
        },
      };
    }
    if (state.current !== null) {
      state.finished.add(state.current.fields[0] as string);
      done = state.current;
    }
    const width = plan.header.length;
    const lines = new Array<number>(width).fill(0);
    lines[0] = line;
    state.current = { fields: Array.from({ length: width }, (_, i) => (i === 0 ? id : '')), line, lines };
  }
  const item = cell(plan.item);
  const kindText = normaliseAnswer(cell(plan.kind));
  const kind = kindText === '' ? plan.inferredKinds.get(item) : longKind(kindText);
  if (kind === undefined) {
    const message = kindText === '' ? `the kind of "${item}" is blank` : `unknown kind "${cell(plan.kind)}"`;
    return {
      problem: {
        line,
        column: header(plan.kind),
        message,
        hint: 'kind is one of E, P, MIN, DES, weight, kpi, segment',
      },
    };
  }
  const index = plan.slots.get(`${kind}\u0000${item}`);
  if (index === undefined) {
    const known = [...plan.slots.keys()]
      .filter((k) => k.startsWith(`${kind}\u0000`))
      .map((k) => k.slice(kind.length + 1));
    const hint = didYouMean(item, known);
    const message =
      known.length === 0
        ? `this questionnaire has no "${kind}" answers`
        : `unknown ${kind === 'weight' ? 'dimension' : kind === 'kpi' || kind === 'segment' ? kind : 'item'} "${item}"`;
    return { problem: { line, column: header(plan.item), message, ...(hint ? { hint } : {}) } };
  }
  const record = state.current;
  if (record.lines[index] !== 0) {
    return {
      problem: {
        line,
        column: plan.valueLabel,
        message: `a second ${kind} of "${item}" for respondent "${id}" (the first is on line ${record.lines[index]})`,
      },
    };
  }
  const value = fields[plan.value] ?? '';
  record.fields[index] = plan.answer[index] ? convertAnswer(value, plan.texts[index] as AnswerTexts) : value.trim();
  record.lines[index] = line;
  return done ? { record: done } : {};
}

/** The last respondent's record, at the end of the file. */
export function finishLong(state: LongState): LongRecord | null {
  const last = state.current;
  state.current = null;
  return last;
}
