/**
 * The columns of the query's result, shared by the generator (what to sum) and the reader of the
 * engines' exports (where each sum goes in a partial): one list, so the two cannot drift apart.
 * A sum's column is named by its path in the partial, joined by `__` (`item__sum__gap__3`);
 * names are ASCII letters, digits and `_`, which every engine keeps as they are.
 */
import type { Questionnaire } from '../questionnaire/model.js';
import { outcomeSource } from '../scoring/instrument-sums.js';
import type { ScoringLayout } from '../scoring/respondent.js';

export type SumPath = (string | number)[];

export interface SumColumn {
  /** Where the number goes: inside a sample (`overall` and every segment) or in the partial itself (overall only). */
  scope: 'sample' | 'partial';
  path: SumPath;
  /** The aggregate, over the `scores` CTE's columns (respondent-sql.ts). */
  sql: string;
}

/** The columns before the sums: which sample a row is, and what it was computed for. */
export const KEY_COLUMNS = ['sample', 'segment_column', 'segment_value', 'questionnaire', 'group_by'] as const;

export const columnOf = (c: Pick<SumColumn, 'scope' | 'path'>): string =>
  (c.scope === 'partial' ? c.path : ['s', ...c.path]).join('__');

const sum = (x: string) => `COALESCE(SUM(${x}), 0)`;
const count = (condition: string) => `COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;
const range = (length: number) => Array.from({ length }, (_, i) => i);

/** Power sums of `x` (over rows where it is not NULL), about `shift`: sum and squares. */
function powerSums(path: (kind: 'sum' | 'squares') => SumPath, x: string, shift: number): SumColumn[] {
  const about = shift === 0 ? x : `(${x} - ${shift})`;
  return [
    { scope: 'sample', path: path('sum'), sql: sum(about) },
    { scope: 'sample', path: path('squares'), sql: sum(`${about} * ${about}`) },
  ];
}

/** The packed upper triangle of cross products (row by row), as `addCrossProducts` and `flushInstrument` pack it. */
function products(values: readonly string[], when: string): string[] {
  const out: string[] = [];
  for (let a = 0; a < values.length; a++)
    for (let b = a; b < values.length; b++) out.push(sum(`CASE WHEN ${when} THEN ${values[a]} * ${values[b]} END`));
  return out;
}

/** Every number of a sample the format can make non-zero (the others stay 0 in the partial). */
function sampleColumns(q: Questionnaire, layout: ScoringLayout): SumColumn[] {
  const s = (path: SumPath, sql: string): SumColumn => ({ scope: 'sample', path, sql });
  const shift = layout.answerShift;
  const columns: SumColumn[] = [
    s(['total'], 'COUNT(*)'),
    s(['scored'], count('weighted IS NOT NULL')),
    s(['straightLined'], sum('straight')),
    s(['fallbackMissing'], count('wstatus = 1')),
    s(['fallbackInvalid'], count('wstatus = 2')),
  ];
  const kinds: [string, string, number][] = [
    ['perception', 'xp', shift],
    ['gap', 'gap', 0],
  ];
  if (q.format === 'two-column') kinds.push(['expectation', 'xe', shift]);
  if (q.format === 'three-column') kinds.push(['minimum', 'xmn', shift], ['desired', 'xds', shift], ['msa', 'msa', 0]);
  for (const i of range(layout.itemCount)) {
    columns.push(s(['item', 'n', i], count(`gap${i} IS NOT NULL`)));
    for (const [kind, prefix, about] of kinds)
      columns.push(...powerSums((what) => ['item', what, kind, i], `${prefix}${i}`, about));
  }
  const dimensionKinds: [string, string][] = [['gap', 'dg']];
  if (q.format === 'three-column') dimensionKinds.push(['msa', 'dm']);
  for (const j of range(layout.dimensionCount)) {
    columns.push(s(['dimension', 'n', j], count(`dg${j} IS NOT NULL`)));
    for (const [kind, prefix] of dimensionKinds)
      columns.push(...powerSums((what) => ['dimension', what, kind, j], `${prefix}${j}`, 0));
    columns.push(s(['importance', j], sum(`CASE WHEN weighted IS NOT NULL THEN wt${j} END`)));
    const list = [...(layout.dimensionItems[j] as Int32Array)];
    columns.push(s(['reliability', 'n', j], count(`complete${j} = 1`)));
    list.forEach((i, a) => {
      columns.push(s(['reliability', 'sum', j, a], sum(`CASE WHEN complete${j} = 1 THEN gap${i} END`)));
    });
    products(
      list.map((i) => `gap${i}`),
      `complete${j} = 1`,
    ).forEach((sql, p) => {
      columns.push(s(['reliability', 'products', j, p], sql));
    });
  }
  for (const kind of ['unweighted', 'weighted']) columns.push(...powerSums((what) => ['overall', what, kind], kind, 0));
  layout.kpis.forEach((rule, k) => {
    columns.push(s(['kpi', 'n', k], count(`k${k} IS NOT NULL`)));
    columns.push(...powerSums((what) => ['kpi', what, 'value', k], `k${k}`, rule.shift));
    if (rule.type === 'nps') {
      columns.push(s(['kpi', 'promoters', k], count(`k${k} >= 9`)));
      columns.push(s(['kpi', 'passives', k], count(`k${k} >= 7 AND k${k} < 9`)));
      columns.push(s(['kpi', 'detractors', k], count(`k${k} < 7`)));
    } else columns.push(s(['kpi', 'topTwo', k], count(`k${k} >= ${rule.max - 1}`)));
  });
  return columns;
}

/** The sums over everyone only: measurement quality and drivers, repeated ids, flags, skipped cells. */
function partialColumns(q: Questionnaire, layout: ScoringLayout): SumColumn[] {
  const p = (path: SumPath, sql: string): SumColumn => ({ scope: 'partial', path, sql });
  // The item scores alpha uses about the shift `startScoring` gives (scorer.ts): gaps, or P about the midpoint.
  const shift = q.format === 'perceptions-only' ? layout.answerShift : 0;
  const about = (x: string) => (shift === 0 ? x : `(${x} - ${shift})`);
  const everyDimension = range(layout.dimensionCount)
    .map((j) => `complete${j} = 1`)
    .join(' AND ');
  const columns: SumColumn[] = [p(['instrument', 'items', 'n'], count(everyDimension))];
  const itemScores = range(layout.itemCount).map((i) => about(`gap${i}`));
  itemScores.forEach((x, i) => {
    columns.push(p(['instrument', 'items', 'sum', i], sum(`CASE WHEN ${everyDimension} THEN ${x} END`)));
  });
  products(itemScores, everyDimension).forEach((sql, i) => {
    columns.push(p(['instrument', 'items', 'products', i], sql));
  });
  const outcome = outcomeSource(q, layout);
  if (outcome) {
    const y = outcome.kind === 'kpi' ? `k${outcome.index}` : `xp${outcome.index}`;
    const values = [...range(layout.dimensionCount).map((j) => about(`dg${j}`)), `(${y} - ${outcome.shift})`];
    const when = `unweighted IS NOT NULL AND ${y} IS NOT NULL`;
    columns.push(p(['instrument', 'drivers', 'n'], count(when)));
    values.forEach((x, i) => {
      columns.push(p(['instrument', 'drivers', 'sum', i], sum(`CASE WHEN ${when} THEN ${x} END`)));
    });
    products(values, when).forEach((sql, i) => {
      columns.push(p(['instrument', 'drivers', 'products', i], sql));
    });
  }
  columns.push(...pairColumns(q, layout));
  // Repeated ids, counted by the engine: the rows with an id, less the distinct ids (a blank id is no id, as in score).
  columns.push(p(['ids', 'duplicates'], 'COUNT(id) - COUNT(DISTINCT id)'));
  columns.push(p(['flags', 'straightLiners', 'count'], sum('straight')));
  columns.push(p(['skippedCells'], sum('skipped')));
  return columns;
}

/**
 * The difference-score reliability's sums (pair-sums.ts), per dimension over the respondents with
 * every item's gap: each item's P and E (DES for three-column) about its midpoint, their squares,
 * and the squares and product of the dimension's P and E sums. None for perceptions-only.
 */
function pairColumns(q: Questionnaire, layout: ScoringLayout): SumColumn[] {
  if (q.format === 'perceptions-only') return [];
  const other = q.format === 'three-column' ? 'xds' : 'xe';
  const columns: SumColumn[] = [];
  for (const j of range(layout.dimensionCount)) {
    const items = [...(layout.dimensionItems[j] as Int32Array)];
    const k = items.length;
    const when = `complete${j} = 1`;
    const about = (x: string, i: number) => `(${x}${i} - ${layout.itemMidpoint[i] as number})`;
    const at = (...rest: (string | number)[]): SumPath => ['instrument', 'pairs', j, ...rest];
    const inside = (x: string) => sum(`CASE WHEN ${when} THEN ${x} END`);
    columns.push({ scope: 'partial', path: at('n'), sql: count(when) });
    items.forEach((i, a) => {
      columns.push({ scope: 'partial', path: at('sum', a), sql: inside(about('xp', i)) });
      columns.push({ scope: 'partial', path: at('sum', k + a), sql: inside(about(other, i)) });
      columns.push({ scope: 'partial', path: at('squares', a), sql: inside(`${about('xp', i)} * ${about('xp', i)}`) });
      columns.push({
        scope: 'partial',
        path: at('squares', k + a),
        sql: inside(`${about(other, i)} * ${about(other, i)}`),
      });
    });
    const pSum = `(${items.map((i) => about('xp', i)).join(' + ')})`;
    const eSum = `(${items.map((i) => about(other, i)).join(' + ')})`;
    columns.push({ scope: 'partial', path: at('totals', 0), sql: inside(`${pSum} * ${pSum}`) });
    columns.push({ scope: 'partial', path: at('totals', 1), sql: inside(`${eSum} * ${eSum}`) });
    columns.push({ scope: 'partial', path: at('totals', 2), sql: inside(`${pSum} * ${eSum}`) });
  }
  return columns;
}

/** Every sum of the query, samples' first. */
export function sumColumns(q: Questionnaire, layout: ScoringLayout): SumColumn[] {
  return [...sampleColumns(q, layout), ...partialColumns(q, layout)];
}
