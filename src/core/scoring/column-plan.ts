import type { Problem } from '../problem.js';
import { allItems, itemScale, type Columns, type Questionnaire } from '../questionnaire/model.js';
import { closestMatch } from '../text/did-you-mean.js';
import { detectCommentColumn } from './comments.js';
import { crossedColumns, groupLabel } from './segment-key.js';
import type { TableSelection } from './selection.js';

/** Where each answer of the questionnaire sits in a CSV header; -1 where the header lacks it. */
export interface ColumnPlan {
  header: string[];
  respondent: number;
  /** Per item, in questionnaire order. */
  expectation: Int32Array;
  perception: Int32Array;
  minimum: Int32Array;
  desired: Int32Array;
  /** Per item: the lowest and highest answer on its scale (its own, else the questionnaire's). */
  itemMin: Float64Array;
  itemMax: Float64Array;
  /** Per dimension. */
  weight: Int32Array;
  /** Per KPI. */
  kpi: Int32Array;
  /** Per --group-by flag: its column, or the columns it crosses (`--group-by sex,frequency`). */
  groupBy: number[][];
  /** Per --where condition (generic tables only: an export's plan applies them). */
  where: number[];
  /** What this table drops (--where, --exclude), or null to score every row. */
  select: TableSelection | null;
  /** The response's duration in seconds (an export's, for the speeder warning), or -1. */
  duration: number;
  /** The free-text comment column, or -1. */
  comment: number;
}

/** A header that does not give each answer one column of its own. */
export interface MissingColumn extends Problem {
  /** `missing-column`; `ambiguous-column` when two header cells could be it; `shared-column` when one cell would be two answers. */
  code: 'missing-column' | 'ambiguous-column' | 'shared-column';
  /** The header name the problem is about (not a place: the problem is with the header as a whole). */
  name: string;
  /** Named by a flag (--group-by, --where) rather than needed by the questionnaire. */
  byFlag?: boolean;
}

/** The header name a column pattern gives for an item or dimension. */
export function columnName(pattern: string, values: { item?: string; dimension?: string }): string {
  return pattern.replaceAll('{item}', values.item ?? '').replaceAll('{dimension}', values.dimension ?? '');
}

/** Which answer kinds a format asks for, in the order a person answers them. */
export function answerKinds(
  format: Questionnaire['format'],
): (keyof Pick<Columns, 'expectation' | 'perception' | 'minimum' | 'desired'>)[] {
  if (format === 'two-column') return ['expectation', 'perception'];
  if (format === 'three-column') return ['minimum', 'desired', 'perception'];
  return ['perception'];
}

/**
 * Maps a CSV header onto the questionnaire. Header names match exactly after trimming, else
 * case-insensitively. Every answer column the format needs must be present; weight and KPI
 * columns are optional; --group-by columns must be present. Never a silent pick: a name that two
 * header cells give (exactly, after trimming, or only case-insensitively) is ambiguous, and one
 * cell that would be read as two answers (ids that differ only in case, an answer that is also a
 * KPI) is shared: both are problems naming both.
 */
export function planColumns(
  q: Questionnaire,
  header: readonly string[],
  groupBy: readonly string[] = [],
  where: readonly string[] = [],
): { plan: ColumnPlan; missing: MissingColumn[] } {
  const names = header.map((h) => h.trim());
  const exact = new Map<string, number[]>();
  const folded = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, index: number) => {
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  };
  names.forEach((name, index) => {
    add(exact, name, index);
    add(folded, name.toLowerCase(), index);
  });
  const problems: MissingColumn[] = [];
  const quoted = (index: number) => `"${header[index]}" (column ${index + 1})`;
  const find = (name: string): number => {
    const hits = exact.get(name) ?? folded.get(name.toLowerCase()) ?? [];
    if (hits.length > 1) {
      problems.push({
        code: 'ambiguous-column',
        name,
        message: `column "${name}" is in the header ${hits.length} times: ${hits.map(quoted).join(' and ')}`,
        hint: 'rename or remove all but one of them',
      });
    }
    return hits[0] ?? -1;
  };

  // A header name with commas, as a --group-by flag names it once its names are trimmed (`a, b` -> `a,b`).
  const findLabelled = (spec: string): number => {
    const hits = names.flatMap((name, index) => (name.includes(',') && groupLabel(name) === spec ? [index] : []));
    return hits.length === 1 ? (hits[0] as number) : -1;
  };

  const absent: { column: string; what: string; byFlag?: boolean }[] = [];
  const readers = new Map<number, string>();
  /** Each header cell is read as one thing at most. */
  const claim = (index: number, what: string): number => {
    if (index < 0) return index;
    const earlier = readers.get(index);
    if (earlier === undefined) readers.set(index, what);
    else {
      problems.push({
        code: 'shared-column',
        name: names[index] as string,
        message: `column ${quoted(index)} would be read both as ${earlier} and as ${what}`,
        hint: 'give each answer its own column (item and KPI ids that differ only in case share one)',
      });
    }
    return index;
  };
  const require = (name: string, what: string): number => {
    const index = find(name);
    if (index < 0) absent.push({ column: name, what });
    return claim(index, what);
  };

  const items = allItems(q);
  const kinds = answerKinds(q.format);
  const perKind = (kind: ReturnType<typeof answerKinds>[number]) =>
    Int32Array.from(items, (item) =>
      kinds.includes(kind as (typeof kinds)[number])
        ? require(columnName(q.columns[kind], { item: item.id }), `${kind} of item ${item.id}`)
        : -1,
    );
  const plan: ColumnPlan = {
    header: names,
    respondent: claim(find(q.columns.respondent), 'the respondent id'),
    expectation: perKind('expectation'),
    perception: perKind('perception'),
    minimum: perKind('minimum'),
    desired: perKind('desired'),
    itemMin: Float64Array.from(items, (item) => itemScale(q, item).min),
    itemMax: Float64Array.from(items, (item) => itemScale(q, item).max),
    weight: Int32Array.from(q.dimensions, (d) =>
      claim(find(columnName(q.columns.weight, { dimension: d.id })), `the weight of ${d.id}`),
    ),
    kpi: Int32Array.from(q.kpis, (k) => claim(find(k.id), `KPI ${k.id}`)),
    // A segment column may be anything else too (grouping by an answer is allowed), but must be there.
    groupBy: groupBy.map((spec) => {
      // A column whose own name holds commas is that column; otherwise the commas cross columns.
      const direct = find(spec);
      const whole = direct >= 0 ? direct : findLabelled(spec);
      const columns = whole >= 0 ? [spec] : crossedColumns(spec);
      if (whole >= 0) return [whole];
      return columns.map((column) => {
        const index = find(column);
        if (index < 0)
          absent.push({
            column,
            what: columns.length > 1 ? `named by --group-by ${spec}` : 'named by --group-by',
            byFlag: true,
          });
        return index;
      });
    }),
    where: where.map((column) => {
      const index = find(column);
      if (index < 0) absent.push({ column, what: 'named by --where', byFlag: true });
      return index;
    }),
    select: null,
    duration: -1,
    comment: -1,
  };
  // After every answer has claimed its column, so a scored column is never read as a comment.
  plan.comment =
    q.columns.comment !== undefined
      ? require(q.columns.comment, 'the comment column')
      : detectCommentColumn(q, names, (index) => readers.has(index));
  // Hints name only columns that are not already another answer's.
  const unclaimed = names.filter((_, index) => !readers.has(index));
  const missing = absent.map(({ column, what, byFlag }): MissingColumn => {
    const near = closestMatch(column, unclaimed);
    return {
      code: 'missing-column',
      name: column,
      ...(byFlag ? { byFlag } : {}),
      message: `missing column "${column}" (${what})`,
      ...(near ? { hint: `did you mean "${near}"?` } : {}),
    };
  });
  // Each ambiguous name once.
  const seen = new Set<string>();
  const unique = problems.filter((p) => !seen.has(p.message) && seen.add(p.message));
  return { plan, missing: [...unique, ...missing] };
}
