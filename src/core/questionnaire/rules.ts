import { closestMatch, didYouMean } from '../text/did-you-mean.js';
import { SERVQUAL_DIMENSIONS } from './model.js';
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

function dimensionRules(doc: Raw, problems: QuestionnaireProblem[]): string[] {
  const dimensions = asArray(doc.dimensions);
  const ids: string[] = [];
  const seen = new Set<string>();
  dimensions.forEach((d, i) => {
    const id = asString(asRecord(d)?.id);
    if (id === undefined) return;
    if (seen.has(id)) problems.push(problem('duplicate-id', ['dimensions', i, 'id'], `duplicate dimension id "${id}"`));
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
        problem('missing-dimension', ['dimensions', index, 'id'], `unknown dimension "${nearMiss}"; "${missing}" is missing`, {
          hint: `did you mean "${missing}"?`,
        }),
      );
    } else if (Array.isArray(doc.dimensions)) {
      problems.push(
        problem('missing-dimension', ['dimensions'], `missing dimension "${missing}" (all five SERVQUAL dimensions are required)`, {
          at: 'key',
          hint: 'declare `model: custom` for an instrument with other dimensions',
        }),
      );
    }
  }
  return ids;
}

function itemRules(doc: Raw, format: unknown, problems: QuestionnaireProblem[]): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  asArray(doc.dimensions).forEach((d, di) => {
    asArray(asRecord(d)?.items).forEach((item, ii) => {
      const it = asRecord(item);
      if (!it) return;
      const path = ['dimensions', di, 'items', ii];
      const id = asString(it.id);
      if (id !== undefined) {
        if (seen.has(id)) problems.push(problem('duplicate-id', [...path, 'id'], `duplicate item id "${id}"`));
        seen.add(id);
        ids.push(id);
      }
      const label = id === undefined ? 'item' : `item "${id}"`;
      if (format === 'two-column' && it.expectation === undefined) {
        problems.push(problem('missing-statement', path, `${label} needs an "expectation" statement in a two-column questionnaire`));
      }
      if (format === 'three-column' && it.expectation === undefined) {
        for (const kind of ['minimum', 'desired'] as const) {
          if (it[kind] === undefined) {
            problems.push(
              problem('missing-statement', path, `${label} needs a "${kind}" statement in a three-column questionnaire`, {
                hint: 'or give one "expectation" statement, used for both minimum and desired',
              }),
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
  if (min >= max) problems.push(problem('scale-order', [...path, 'min'], `scale min (${min}) must be less than max (${max})`));
  for (const key of Object.keys(asRecord(s?.labels) ?? {})) {
    const point = Number(key);
    if (Number.isInteger(point) && (point < min || point > max)) {
      problems.push(problem('label-off-scale', [...path, 'labels', key], `label for ${point} is outside the ${min}-${max} scale`, { at: 'key' }));
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
      problems.push(problem('unknown-dimension', ['weights', 'fixed', key], `weight for unknown dimension "${key}"`, { at: 'key', ...(hint ? { hint } : {}) }));
    }
    const n = asNumber(value);
    if (n === undefined) {
      allNumbers = false;
      continue;
    }
    if (n < 0) problems.push(problem('negative-weight', ['weights', 'fixed', key], `weight of "${key}" must not be negative, found ${n}`));
    sum += n;
  }
  if (allNumbers && Math.abs(sum - 100) > 1e-6) {
    problems.push(problem('weights-sum', ['weights', 'fixed'], `fixed weights must sum to 100, found ${+sum.toFixed(6)}`, { at: 'key' }));
  }
}

function kpiRules(doc: Raw, problems: QuestionnaireProblem[]): string[] {
  const ids: string[] = [];
  asArray(doc.kpis).forEach((k, i) => {
    const kpi = asRecord(k);
    const id = asString(kpi?.id);
    if (id !== undefined) {
      if (ids.includes(id)) problems.push(problem('duplicate-id', ['kpis', i, 'id'], `duplicate KPI id "${id}"`));
      ids.push(id);
    }
    const scale = asRecord(kpi?.scale);
    if (!scale) return;
    scaleRules(scale, ['kpis', i, 'scale'], problems);
    if (kpi?.type === 'nps' && (scale.min !== 0 || scale.max !== 10)) {
      problems.push(problem('nps-scale', ['kpis', i, 'scale'], `NPS is asked on 0-10 only, found ${String(scale.min)}-${String(scale.max)}`, { hint: 'remove the scale, or use type csat for a shorter scale' }));
    }
  });
  return ids;
}

function referenceRules(doc: Raw, known: Record<'dimensions' | 'items' | 'kpis', string[]>, problems: QuestionnaireProblem[]): void {
  const thresholds = asRecord(doc.thresholds);
  if (!thresholds) return;
  const nouns = { dimensions: 'dimension', items: 'item', kpis: 'KPI' } as const;
  for (const section of ['dimensions', 'items', 'kpis'] as const) {
    for (const key of Object.keys(asRecord(thresholds[section]) ?? {})) {
      if (known[section].includes(key)) continue;
      const hint = didYouMean(key, known[section]);
      problems.push(
        problem('unknown-reference', ['thresholds', section, key], `threshold for unknown ${nouns[section]} "${key}"`, { at: 'key', ...(hint ? { hint } : {}) }),
      );
    }
  }
}

function columnRules(doc: Raw, problems: QuestionnaireProblem[]): void {
  const columns = asRecord(doc.columns);
  if (!columns) return;
  const needs = { expectation: '{item}', perception: '{item}', minimum: '{item}', desired: '{item}', weight: '{dimension}' } as const;
  for (const [key, placeholder] of Object.entries(needs)) {
    const pattern = asString(columns[key]);
    if (pattern !== undefined && !pattern.includes(placeholder)) {
      problems.push(problem('column-pattern', ['columns', key], `column pattern "${pattern}" must contain ${placeholder}`));
    }
  }
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
  columnRules(doc, problems);
  const segments = asArray(doc.segments);
  segments.forEach((s, i) => {
    if (segments.indexOf(s) !== i) problems.push(problem('duplicate-id', ['segments', i], `duplicate segment column "${String(s)}"`));
  });
  return problems;
}
