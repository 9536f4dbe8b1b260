import { allItems, type Columns, type Questionnaire } from '../questionnaire/model.js';
import { closestMatch } from '../text/did-you-mean.js';

/** Where each answer of the questionnaire sits in a CSV header; -1 where the header lacks it. */
export interface ColumnPlan {
  header: string[];
  respondent: number;
  /** Per item, in questionnaire order. */
  expectation: Int32Array;
  perception: Int32Array;
  minimum: Int32Array;
  desired: Int32Array;
  /** Per dimension. */
  weight: Int32Array;
  /** Per KPI. */
  kpi: Int32Array;
  /** Per --group-by column. */
  groupBy: number[];
}

export interface MissingColumn {
  column: string;
  message: string;
  hint?: string;
}

/** The header name a column pattern gives for an item or dimension. */
export function columnName(pattern: string, values: { item?: string; dimension?: string }): string {
  return pattern.replaceAll('{item}', values.item ?? '').replaceAll('{dimension}', values.dimension ?? '');
}

/** Which answer kinds a format asks for, in the order a person answers them. */
export function answerKinds(format: Questionnaire['format']): (keyof Pick<Columns, 'expectation' | 'perception' | 'minimum' | 'desired'>)[] {
  if (format === 'two-column') return ['expectation', 'perception'];
  if (format === 'three-column') return ['minimum', 'desired', 'perception'];
  return ['perception'];
}

/**
 * Maps a CSV header onto the questionnaire. Header names match exactly after trimming, else
 * case-insensitively. Every answer column the format needs must be present; weight and KPI
 * columns are optional; --group-by columns must be present.
 */
export function planColumns(
  q: Questionnaire,
  header: readonly string[],
  groupBy: readonly string[] = [],
): { plan: ColumnPlan; missing: MissingColumn[] } {
  const names = header.map((h) => h.trim());
  const exact = new Map<string, number>();
  const folded = new Map<string, number>();
  names.forEach((name, index) => {
    if (!exact.has(name)) exact.set(name, index);
    const key = name.toLowerCase();
    folded.set(key, folded.has(key) ? -2 : index);
  });
  const find = (name: string): number => {
    const hit = exact.get(name);
    if (hit !== undefined) return hit;
    const loose = folded.get(name.toLowerCase());
    return loose !== undefined && loose >= 0 ? loose : -1;
  };

  const absent: { column: string; what: string }[] = [];
  const claimed = new Set<string>();
  const require = (name: string, what: string): number => {
    const index = find(name);
    if (index >= 0) claimed.add(names[index] as string);
    else absent.push({ column: name, what });
    return index;
  };

  const items = allItems(q);
  const kinds = answerKinds(q.format);
  const perKind = (kind: keyof Columns) =>
    Int32Array.from(items, (item) =>
      kinds.includes(kind as (typeof kinds)[number])
        ? require(columnName(q.columns[kind], { item: item.id }), `${kind} of item ${item.id}`)
        : -1,
    );
  const plan: ColumnPlan = {
    header: names,
    respondent: find(q.columns.respondent),
    expectation: perKind('expectation'),
    perception: perKind('perception'),
    minimum: perKind('minimum'),
    desired: perKind('desired'),
    weight: Int32Array.from(q.dimensions, (d) => find(columnName(q.columns.weight, { dimension: d.id }))),
    kpi: Int32Array.from(q.kpis, (k) => find(k.id)),
    groupBy: groupBy.map((column) => require(column, 'named by --group-by')),
  };
  // Hints name only columns that are not already another answer's.
  const unclaimed = names.filter((n) => !claimed.has(n));
  const missing = absent.map(({ column, what }): MissingColumn => {
    const near = closestMatch(column, unclaimed);
    return { column, message: `missing column "${column}" (${what})`, ...(near ? { hint: `did you mean "${near}"?` } : {}) };
  });
  return { plan, missing };
}
