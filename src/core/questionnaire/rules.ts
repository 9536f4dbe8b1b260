import { NUMBER, normaliseAnswer } from '../sources/labels.js';
import { findPlatform } from '../sources/platforms/index.js';
import { closestMatch, didYouMean } from '../text/did-you-mean.js';
import { DEFAULT_COLUMNS, DEFAULT_KPI_SCALES, SERVQUAL_DIMENSIONS, type KpiType } from './model.js';
import { problem, type QuestionnaireProblem } from './problem.js';

/**
 * The contract's rules that a JSON Schema cannot express. They read the raw document defensively,
 * so they run even when its structure has problems and every problem is reported in one pass.
 */

type Raw = Record<string, unknown>;
const asRecord = (v: unknown): Raw | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Reports ids that repeat, also when they differ only in case: CSV headers are matched without
 * regard to case, so `T1` and `t1` would read the same columns.
 */
function uniqueIds(noun: string, problems: QuestionnaireProblem[]): (id: string, path: (string | number)[]) => void {
  const seen = new Map<string, string>();
  return (id, path) => {
    const earlier = seen.get(id.toLowerCase());
    if (earlier === id) problems.push(problem('duplicate-id', path, `duplicate ${noun} id "${id}"`));
    else if (earlier !== undefined) {
      problems.push(
        problem(
          'duplicate-id',
          path,
          `${noun} ids "${earlier}" and "${id}" differ only in case: they would read the same columns`,
        ),
      );
    } else seen.set(id.toLowerCase(), id);
  };
}

function dimensionRules(doc: Raw, problems: QuestionnaireProblem[]): string[] {
  const dimensions = asArray(doc.dimensions);
  const ids: string[] = [];
  const seen = new Set<string>();
  const unique = uniqueIds('dimension', problems);
  dimensions.forEach((d, i) => {
    const id = asString(asRecord(d)?.id);
    if (id === undefined) return;
    unique(id, ['dimensions', i, 'id']);
    seen.add(id);
    ids.push(id);
    if (asRecord(d)?.items !== undefined && asArray(asRecord(d)?.items).length === 0) {
      problems.push(problem('empty-dimension', ['dimensions', i, 'items'], `dimension "${id}" has no items`));
    }
  });

  if (doc.model === 'custom') {
    if (dimensions.length === 0 && Array.isArray(doc.dimensions)) {
      problems.push(problem('no-dimensions', ['dimensions'], 'a custom model needs at least one dimension'));
    }
    return ids;
  }
  const extra = ids.filter((id) => !(SERVQUAL_DIMENSIONS as readonly string[]).includes(id));
  for (const missing of SERVQUAL_DIMENSIONS) {
    if (seen.has(missing)) continue;
    const nearMiss = extra.find((id) => closestMatch(id, [missing]) === missing);
    if (nearMiss !== undefined) {
      const index = dimensions.findIndex((d) => asRecord(d)?.id === nearMiss);
      problems.push(
        problem(
          'missing-dimension',
          ['dimensions', index, 'id'],
          `unknown dimension "${nearMiss}"; "${missing}" is missing`,
          {
            hint: `did you mean "${missing}"?`,
          },
        ),
      );
    } else if (Array.isArray(doc.dimensions)) {
      problems.push(
        problem(
          'missing-dimension',
          ['dimensions'],
          `missing dimension "${missing}" (all five SERVQUAL dimensions are required)`,
          {
            at: 'key',
            hint: 'declare `model: custom` for an instrument with other dimensions',
          },
        ),
      );
    }
  }
  return ids;
}

function itemRules(doc: Raw, format: unknown, problems: QuestionnaireProblem[]): string[] {
  const ids: string[] = [];
  const unique = uniqueIds('item', problems);
  asArray(doc.dimensions).forEach((d, di) => {
    asArray(asRecord(d)?.items).forEach((item, ii) => {
      const it = asRecord(item);
      if (!it) return;
      const path = ['dimensions', di, 'items', ii];
      const id = asString(it.id);
      if (id !== undefined) {
        unique(id, [...path, 'id']);
        ids.push(id);
      }
      if (it.scale !== undefined) scaleRules(it.scale, [...path, 'scale'], problems);
      const label = id === undefined ? 'item' : `item "${id}"`;
      if (format === 'two-column' && it.expectation === undefined) {
        problems.push(
          problem('missing-statement', path, `${label} needs an "expectation" statement in a two-column questionnaire`),
        );
      }
      if (format === 'three-column' && it.expectation === undefined) {
        for (const kind of ['minimum', 'desired'] as const) {
          if (it[kind] === undefined) {
            problems.push(
              problem(
                'missing-statement',
                path,
                `${label} needs a "${kind}" statement in a three-column questionnaire`,
                {
                  hint: 'or give one "expectation" statement, used for both minimum and desired',
                },
              ),
            );
          }
        }
      }
    });
  });
  return ids;
}

function scaleRules(scale: unknown, path: (string | number)[], problems: QuestionnaireProblem[]): void {
  const s = asRecord(scale);
  const min = asNumber(s?.min);
  const max = asNumber(s?.max);
  if (min === undefined || max === undefined) return;
  if (min >= max)
    problems.push(problem('scale-order', [...path, 'min'], `scale min (${min}) must be less than max (${max})`));
  for (const key of Object.keys(asRecord(s?.labels) ?? {})) {
    const point = Number(key);
    if (Number.isInteger(point) && (point < min || point > max)) {
      problems.push(
        problem('label-off-scale', [...path, 'labels', key], `label for ${point} is outside the ${min}-${max} scale`, {
          at: 'key',
        }),
      );
    }
  }
}

function weightRules(doc: Raw, dimensionIds: string[], problems: QuestionnaireProblem[]): void {
  const fixed = asRecord(asRecord(doc.weights)?.fixed);
  if (!fixed) return;
  let sum = 0;
  let allNumbers = true;
  for (const [key, value] of Object.entries(fixed)) {
    if (!dimensionIds.includes(key)) {
      const hint = didYouMean(key, dimensionIds);
      problems.push(
        problem('unknown-dimension', ['weights', 'fixed', key], `weight for unknown dimension "${key}"`, {
          at: 'key',
          ...(hint ? { hint } : {}),
        }),
      );
    }
    const n = asNumber(value);
    if (n === undefined) {
      allNumbers = false;
      continue;
    }
    if (n < 0)
      problems.push(
        problem('negative-weight', ['weights', 'fixed', key], `weight of "${key}" must not be negative, found ${n}`),
      );
    sum += n;
  }
  if (allNumbers && Math.abs(sum - 100) > 1e-6) {
    problems.push(
      problem('weights-sum', ['weights', 'fixed'], `fixed weights must sum to 100, found ${+sum.toFixed(6)}`, {
        at: 'key',
      }),
    );
  }
}

function kpiRules(doc: Raw, problems: QuestionnaireProblem[]): string[] {
  const ids: string[] = [];
  const unique = uniqueIds('KPI', problems);
  asArray(doc.kpis).forEach((k, i) => {
    const kpi = asRecord(k);
    const id = asString(kpi?.id);
    if (id !== undefined) {
      unique(id, ['kpis', i, 'id']);
      ids.push(id);
    }
    const scale = asRecord(kpi?.scale);
    if (!scale) return;
    scaleRules(scale, ['kpis', i, 'scale'], problems);
    if (kpi?.type === 'nps' && (scale.min !== 0 || scale.max !== 10)) {
      problems.push(
        problem(
          'nps-scale',
          ['kpis', i, 'scale'],
          `NPS is asked on 0-10 only, found ${String(scale.min)}-${String(scale.max)}`,
          { hint: 'remove the scale, or use type csat for a shorter scale' },
        ),
      );
    }
  });
  return ids;
}

function referenceRules(
  doc: Raw,
  known: Record<'dimensions' | 'items' | 'kpis', string[]>,
  problems: QuestionnaireProblem[],
): void {
  const thresholds = asRecord(doc.thresholds);
  if (!thresholds) return;
  const nouns = { dimensions: 'dimension', items: 'item', kpis: 'KPI' } as const;
  for (const section of ['dimensions', 'items', 'kpis'] as const) {
    for (const key of Object.keys(asRecord(thresholds[section]) ?? {})) {
      if (known[section].includes(key)) continue;
      const hint = didYouMean(key, known[section]);
      problems.push(
        problem('unknown-reference', ['thresholds', section, key], `threshold for unknown ${nouns[section]} "${key}"`, {
          at: 'key',
          ...(hint ? { hint } : {}),
        }),
      );
    }
  }
}

/** The key drivers' outcome must name a KPI or an item (KPIs first: their ids are the usual outcome). */
function driverRules(doc: Raw, itemIds: string[], kpiIds: string[], problems: QuestionnaireProblem[]): void {
  const outcome = asString(asRecord(doc.drivers)?.outcome);
  if (outcome === undefined || outcome === '' || kpiIds.includes(outcome) || itemIds.includes(outcome)) return;
  const hint = didYouMean(outcome, [...kpiIds, ...itemIds]);
  problems.push(
    problem('unknown-reference', ['drivers', 'outcome'], `drivers.outcome names no KPI or item: "${outcome}"`, {
      ...(hint ? { hint } : {}),
    }),
  );
}

/**
 * One header cell must not be two answers: two answer kinds of the format with the same pattern
 * (after folding case), or a KPI whose id is the column of an answer, a weight or the respondent id.
 */
function sharedColumnRules(
  doc: Raw,
  known: Record<'dimensions' | 'items' | 'kpis', string[]>,
  problems: QuestionnaireProblem[],
): void {
  const columns = asRecord(doc.columns) ?? {};
  const pattern = (kind: string) =>
    (asString(columns[kind]) ?? DEFAULT_COLUMNS[kind as keyof typeof DEFAULT_COLUMNS]).trim();
  const kinds = FORMAT_KINDS[asString(doc.format) ?? 'two-column'] ?? [];
  const byPattern = new Map<string, string>();
  for (const kind of kinds) {
    const key = pattern(kind).toLowerCase();
    const other = byPattern.get(key);
    if (other !== undefined) {
      problems.push(
        problem(
          'shared-column',
          ['columns', kind],
          `columns.${kind} and columns.${other} are the same pattern "${pattern(kind)}": both answers would be read from one column`,
        ),
      );
    } else byPattern.set(key, kind);
  }
  const readers = new Map<string, string>();
  readers.set(pattern('respondent').toLowerCase(), 'the respondent id');
  for (const id of known.dimensions)
    readers.set(pattern('weight').replaceAll('{dimension}', id).toLowerCase(), `the weight of dimension "${id}"`);
  for (const id of known.items)
    for (const kind of kinds)
      readers.set(pattern(kind).replaceAll('{item}', id).toLowerCase(), `the ${kind} of item "${id}"`);
  asArray(doc.kpis).forEach((k, i) => {
    const id = asString(asRecord(k)?.id);
    const other = id === undefined ? undefined : readers.get(id.toLowerCase());
    if (other !== undefined)
      problems.push(
        problem('shared-column', ['kpis', i, 'id'], `KPI "${id}" would be read from the same column as ${other}`),
      );
  });
}

function columnRules(doc: Raw, problems: QuestionnaireProblem[]): void {
  const columns = asRecord(doc.columns);
  if (!columns) return;
  const needs = {
    expectation: '{item}',
    perception: '{item}',
    minimum: '{item}',
    desired: '{item}',
    weight: '{dimension}',
  } as const;
  for (const [key, placeholder] of Object.entries(needs)) {
    const pattern = asString(columns[key]);
    if (pattern !== undefined && !pattern.includes(placeholder)) {
      problems.push(
        problem('column-pattern', ['columns', key], `column pattern "${pattern}" must contain ${placeholder}`),
      );
    }
  }
}

const FORMAT_KINDS: Record<string, string[]> = {
  'two-column': ['expectation', 'perception'],
  'three-column': ['minimum', 'desired', 'perception'],
  'perceptions-only': ['perception'],
};

/** One `source.columns` entry: one target, known ids, a kind the format asks for; returns its key. */
function sourceColumnRule(
  entry: Raw,
  path: (string | number)[],
  format: unknown,
  known: Record<'dimensions' | 'items' | 'kpis', string[]>,
  problems: QuestionnaireProblem[],
): string | undefined {
  const targets = (['item', 'weight', 'kpi', 'segment'] as const).filter((key) => entry[key] !== undefined);
  const column = asString(entry.column) ?? '?';
  if (targets.length !== 1) {
    const message =
      targets.length === 0
        ? `source column "${column}" needs one of item, weight, kpi or segment`
        : `source column "${column}" may hold only one of ${targets.join(', ')}`;
    problems.push(problem('source-column-target', path, message));
    return undefined;
  }
  if (entry.kind !== undefined && targets[0] !== 'item')
    problems.push(problem('source-column-target', [...path, 'kind'], '"kind" goes only with "item"', { at: 'key' }));
  const reference = (key: 'item' | 'weight' | 'kpi', list: string[], noun: string): boolean => {
    const value = asString(entry[key]);
    if (value === undefined || list.includes(value)) return true;
    const hint = didYouMean(value, list);
    problems.push(
      problem(
        'unknown-reference',
        [...path, key],
        `source column "${column}" names unknown ${noun} "${value}"`,
        hint ? { hint } : {},
      ),
    );
    return false;
  };
  switch (targets[0]) {
    case 'item': {
      const kind = asString(entry.kind) ?? 'perception';
      const kinds = FORMAT_KINDS[String(format)];
      if (kinds && !kinds.includes(kind)) {
        problems.push(
          problem(
            'source-kind',
            [...path, entry.kind === undefined ? 'item' : 'kind'],
            `a ${String(format)} questionnaire has no "${kind}" answers`,
            { hint: `kind is one of ${kinds.join(', ')}` },
          ),
        );
      }
      return reference('item', known.items, 'item') ? `the ${kind} of item "${String(entry.item)}"` : undefined;
    }
    case 'weight':
      return reference('weight', known.dimensions, 'dimension') ? `the weight of "${String(entry.weight)}"` : undefined;
    case 'kpi':
      return reference('kpi', known.kpis, 'KPI') ? `KPI "${String(entry.kpi)}"` : undefined;
    default:
      return `segment "${String(entry.segment)}"`;
  }
}

/** Every scale a label may land on: the items' and the KPIs'. */
function answerScales(doc: Raw): { min: number; max: number }[] {
  const scales: { min: number; max: number }[] = [];
  const add = (scale: unknown) => {
    const min = asNumber(asRecord(scale)?.min);
    const max = asNumber(asRecord(scale)?.max);
    if (min !== undefined && max !== undefined) scales.push({ min, max });
  };
  add(doc.scale);
  for (const d of asArray(doc.dimensions))
    for (const item of asArray(asRecord(d)?.items)) if (asRecord(item)?.scale !== undefined) add(asRecord(item)?.scale);
  for (const kpi of asArray(doc.kpis)) {
    const k = asRecord(kpi);
    if (k?.scale !== undefined) add(k.scale);
    else if (typeof k?.type === 'string' && Object.hasOwn(DEFAULT_KPI_SCALES, k.type))
      add(DEFAULT_KPI_SCALES[k.type as KpiType]);
  }
  return scales;
}

type Range = { min: number; max: number };

/**
 * Answer labels (`source.labels`, or one column's): unique after folding case and spaces, never a
 * number, and mapping to a point of one of `scales` (`where` says which, for the message).
 */
function labelRules(
  labels: unknown,
  path: (string | number)[],
  scales: readonly Range[],
  where: string,
  problems: QuestionnaireProblem[],
): void {
  const seen = new Map<string, string>();
  for (const [text, value] of Object.entries(asRecord(labels) ?? {})) {
    const at = [...path, text];
    const key = normaliseAnswer(text);
    const other = seen.get(key);
    if (other !== undefined)
      problems.push(
        problem('duplicate-label', at, `label "${text}" is the same as "${other}" (case and spaces are ignored)`, {
          at: 'key',
        }),
      );
    seen.set(key, text);
    // A number in a cell is read as that number before any label is looked up, so this label would
    // never apply: most often an attempt to reverse a 1-is-best scale, which `best: low` does.
    if (NUMBER.test(text.trim())) {
      problems.push(
        problem('numeric-label', at, `label "${text}" is a number: numbers are scored as they are, never relabelled`, {
          at: 'key',
          hint: 'for a scale on which 1 is best, set `best: low` on the scale (or `reverse: true` on an item)',
        }),
      );
      continue;
    }
    const n = asNumber(value);
    if (n !== undefined && scales.length > 0 && !scales.some((s) => n >= s.min && n <= s.max)) {
      const shown = [...new Set(scales.map((s) => `${s.min}-${s.max}`))].join(', ');
      problems.push(problem('label-off-scale', at, `label "${text}" maps to ${n}, which is ${where} (${shown})`));
    }
  }
}

/** The scale of an item as the document gives it: its own, else the questionnaire's. */
function rawItemScale(doc: Raw, id: string): Range | undefined {
  for (const d of asArray(doc.dimensions)) {
    for (const item of asArray(asRecord(d)?.items)) {
      const it = asRecord(item);
      if (it?.id !== id) continue;
      const scale = asRecord(it.scale) ?? asRecord(doc.scale);
      const min = asNumber(scale?.min);
      const max = asNumber(scale?.max);
      return min !== undefined && max !== undefined ? { min, max } : undefined;
    }
  }
  return undefined;
}

/** The scale of a KPI as the document gives it, or its type's default. */
function rawKpiScale(doc: Raw, id: string): Range | undefined {
  const kpi = asArray(doc.kpis)
    .map(asRecord)
    .find((k) => k?.id === id);
  if (!kpi) return undefined;
  const scale = asRecord(kpi.scale);
  const min = asNumber(scale?.min);
  const max = asNumber(scale?.max);
  if (min !== undefined && max !== undefined) return { min, max };
  return typeof kpi.type === 'string' && Object.hasOwn(DEFAULT_KPI_SCALES, kpi.type)
    ? DEFAULT_KPI_SCALES[kpi.type as KpiType]
    : undefined;
}

/**
 * One column's `labels`: the rules of `source.labels`, on the scale of that column's item or KPI
 * (a weight takes any number; a segment is text, never converted, so labels there are an error).
 */
function columnLabelRules(doc: Raw, entry: Raw, path: (string | number)[], problems: QuestionnaireProblem[]): void {
  const at = [...path, 'labels'];
  if (
    entry.segment !== undefined &&
    entry.item === undefined &&
    entry.kpi === undefined &&
    entry.weight === undefined
  ) {
    problems.push(
      problem('source-column-target', at, '"labels" goes only with item, weight or kpi: a segment is kept as text', {
        at: 'key',
      }),
    );
    return;
  }
  const item = asString(entry.item);
  const kpi = asString(entry.kpi);
  const scale = item !== undefined ? rawItemScale(doc, item) : kpi !== undefined ? rawKpiScale(doc, kpi) : undefined;
  const noun = item !== undefined ? `item ${item}` : `KPI ${kpi ?? ''}`;
  labelRules(entry.labels, at, scale ? [scale] : [], `off the scale of ${noun}`, problems);
}

/**
 * The `source` section: column entries (one target each, known ids, kinds of the format, no answer
 * mapped twice), labels (unique after folding case and spaces; an error when the number is on none
 * of the questionnaire's scales, since labels serve item and KPI columns alike) and filters.
 */
function sourceRules(
  doc: Raw,
  known: Record<'dimensions' | 'items' | 'kpis', string[]>,
  problems: QuestionnaireProblem[],
): void {
  const source = asRecord(doc.source);
  if (!source) return;
  const columns = asArray(source.columns);
  if (findPlatform(source.platform)?.layout === 'long' && columns.length > 0) {
    problems.push(
      problem(
        'source-columns-unused',
        ['source', 'columns'],
        'the long format names items in its rows; "columns" is not used',
        { at: 'key' },
      ),
    );
  }
  const platform = findPlatform(source.platform);
  if (platform !== undefined && platform.layout !== 'long' && source.long !== undefined) {
    problems.push(
      problem(
        'source-columns-unused',
        ['source', 'long'],
        `"long" names the columns of the long format; a ${platform.name} file does not use it`,
        { at: 'key' },
      ),
    );
  }
  const mapped = new Map<string, number>();
  // One export column read as two answers (a segment may also be anything else).
  const read = new Map<string, number>();
  columns.forEach((c, i) => {
    const entry = asRecord(c);
    if (!entry) return;
    const key = sourceColumnRule(entry, ['source', 'columns', i], doc.format, known, problems);
    if (entry.labels !== undefined) columnLabelRules(doc, entry, ['source', 'columns', i], problems);
    if (key === undefined) return;
    const first = mapped.get(key);
    if (first !== undefined) {
      problems.push(
        problem(
          'duplicate-source-column',
          ['source', 'columns', i],
          `${key} is already mapped by source.columns[${first}]`,
        ),
      );
    } else mapped.set(key, i);
    const column = asString(entry.column)?.trim().toLowerCase();
    if (column === undefined || entry.segment !== undefined) return;
    const earlier = read.get(column);
    if (earlier !== undefined) {
      problems.push(
        problem(
          'shared-column',
          ['source', 'columns', i, 'column'],
          `export column "${asString(entry.column)}" is already read by source.columns[${earlier}]: one column would be two answers`,
        ),
      );
    } else read.set(column, i);
  });

  labelRules(source.labels, ['source', 'labels'], answerScales(doc), 'on no scale of the questionnaire', problems);
  asArray(source.filter).forEach((f, i) => {
    const filter = asRecord(f);
    if (filter && filter.in === undefined && filter.min === undefined && filter.notBlank === undefined) {
      problems.push(
        problem('empty-filter', ['source', 'filter', i], 'a filter needs one of "in", "min" or "notBlank"'),
      );
    }
  });
}

/** Every semantic rule of the contract, as problems. */
export function checkRules(raw: unknown): QuestionnaireProblem[] {
  const doc = asRecord(raw);
  if (!doc) return [];
  const problems: QuestionnaireProblem[] = [];
  const dimensionIds = dimensionRules(doc, problems);
  const itemIds = itemRules(doc, doc.format, problems);
  scaleRules(doc.scale, ['scale'], problems);
  weightRules(doc, dimensionIds, problems);
  const kpiIds = kpiRules(doc, problems);
  referenceRules(doc, { dimensions: dimensionIds, items: itemIds, kpis: kpiIds }, problems);
  driverRules(doc, itemIds, kpiIds, problems);
  columnRules(doc, problems);
  sharedColumnRules(doc, { dimensions: dimensionIds, items: itemIds, kpis: kpiIds }, problems);
  sourceRules(doc, { dimensions: dimensionIds, items: itemIds, kpis: kpiIds }, problems);
  const segments = asArray(doc.segments);
  segments.forEach((s, i) => {
    if (segments.indexOf(s) !== i)
      problems.push(problem('duplicate-id', ['segments', i], `duplicate segment column "${String(s)}"`));
  });
  return problems;
}
