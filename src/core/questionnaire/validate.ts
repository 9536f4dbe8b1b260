import {
  DEFAULT_COLUMNS,
  DEFAULT_KPI_SCALES,
  type Dimension,
  type Questionnaire,
  type Scale,
  type Source,
  type SourceTarget,
} from './model.js';
import type { QuestionnaireProblem } from './problem.js';
import { checkRules } from './rules.js';
import type { QuestionnaireInput } from './schema.js';
import { checkStructure } from './structure.js';

export interface QuestionnaireValidation {
  questionnaire: Questionnaire | null;
  problems: QuestionnaireProblem[];
}

function titleCase(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/**
 * The default speeder threshold: under 2 seconds per answer given (Huang et al. 2012's cut-off for
 * careless responding). A fixed rate, not a share of the median, so each respondent is judged alone:
 * see docs/decisions.md.
 */
export const DEFAULT_SPEEDER_SECONDS = 2;

type SourceInput = NonNullable<QuestionnaireInput['source']>;

function sourceTarget(entry: NonNullable<SourceInput['columns']>[number]): SourceTarget {
  if (entry.weight !== undefined) return { type: 'weight', dimension: entry.weight };
  if (entry.kpi !== undefined) return { type: 'kpi', kpi: entry.kpi };
  if (entry.segment !== undefined) return { type: 'segment', segment: entry.segment };
  return { type: 'answer', item: entry.item ?? '', kind: entry.kind ?? 'perception' };
}

/** The `source` section with its defaults; platform defaults (header rows, filter) stay undefined. */
function normaliseSource(input: SourceInput): Source {
  return {
    platform: input.platform,
    ...(input.headerRows !== undefined ? { headerRows: input.headerRows } : {}),
    ...(input.respondent !== undefined ? { respondent: input.respondent } : {}),
    columns: (input.columns ?? []).map((entry) => ({
      column: entry.column,
      target: sourceTarget(entry),
      ...(entry.labels !== undefined ? { labels: entry.labels } : {}),
    })),
    labels: input.labels ?? {},
    missing: (input.missing ?? []).map(String),
    ...(input.filter !== undefined
      ? {
          filter: input.filter.map((f) => ({
            column: f.column,
            ...(f.in !== undefined ? { in: f.in.map(String) } : {}),
            ...(f.min !== undefined ? { min: f.min } : {}),
            ...(f.notBlank !== undefined ? { notBlank: f.notBlank } : {}),
          })),
        }
      : {}),
    ...(input.sheet !== undefined ? { sheet: String(input.sheet) } : {}),
    ...(input.duration !== undefined ? { duration: input.duration } : {}),
    speederSeconds: input.speederSeconds ?? DEFAULT_SPEEDER_SECONDS,
    long: { item: input.long?.item ?? 'item', kind: input.long?.kind ?? 'kind', value: input.long?.value ?? 'value' },
  };
}

type ScaleInput = QuestionnaireInput['scale'];

function normaliseScale(scale: ScaleInput): Scale {
  return { min: scale.min, max: scale.max, labels: scale.labels ?? {}, best: scale.best ?? 'high' };
}

/** Fills in every default of a structurally valid questionnaire document. */
function normaliseQuestionnaire(input: QuestionnaireInput): Questionnaire {
  const dimensions: Dimension[] = input.dimensions.map((d) => ({
    id: d.id,
    label: d.label ?? titleCase(d.id),
    ...(d.description !== undefined ? { description: d.description } : {}),
    recommendations: d.recommendations ?? [],
    items: d.items.map((item) => ({
      id: item.id,
      dimension: d.id,
      perception: item.perception,
      ...(item.expectation !== undefined ? { expectation: item.expectation } : {}),
      ...((item.minimum ?? item.expectation) ? { minimum: item.minimum ?? item.expectation } : {}),
      ...((item.desired ?? item.expectation) ? { desired: item.desired ?? item.expectation } : {}),
      // An item's own scale replaces the questionnaire's whole, direction included (best: high unless it says low).
      reverse: (item.reverse ?? false) !== ((item.scale ?? input.scale).best === 'low'),
      ...(item.scale !== undefined ? { scale: normaliseScale(item.scale) } : {}),
      recommendations: item.recommendations ?? [],
    })),
  }));
  return {
    title: input.title,
    ...(input.description !== undefined ? { description: input.description } : {}),
    language: input.language ?? 'en',
    model: input.model ?? 'servqual',
    format: input.format,
    scale: normaliseScale(input.scale),
    weights: input.weights ?? { source: 'fixed' },
    segments: input.segments ?? [],
    dimensions,
    kpis: (input.kpis ?? []).map((k) => ({
      id: k.id,
      type: k.type,
      question: k.question,
      scale: k.scale
        ? {
            min: k.scale.min,
            max: k.scale.max,
            ...(k.scale.labels ? { labels: k.scale.labels } : {}),
            best: k.scale.best ?? 'high',
          }
        : DEFAULT_KPI_SCALES[k.type],
    })),
    ...(input.drivers !== undefined ? { drivers: { outcome: input.drivers.outcome } } : {}),
    thresholds: {
      ...(input.thresholds?.overall !== undefined ? { overall: input.thresholds.overall } : {}),
      dimensions: input.thresholds?.dimensions ?? {},
      items: input.thresholds?.items ?? {},
      kpis: input.thresholds?.kpis ?? {},
      ...(input.thresholds?.minRespondents !== undefined ? { minRespondents: input.thresholds.minRespondents } : {}),
      ...(input.thresholds?.minAlpha !== undefined ? { minAlpha: input.thresholds.minAlpha } : {}),
      ...(input.thresholds?.minOmega !== undefined ? { minOmega: input.thresholds.minOmega } : {}),
      ...(input.thresholds?.minCfi !== undefined ? { minCfi: input.thresholds.minCfi } : {}),
      ...(input.thresholds?.maxRmsea !== undefined ? { maxRmsea: input.thresholds.maxRmsea } : {}),
    },
    columns: { ...DEFAULT_COLUMNS, ...(input.columns ?? {}) },
    ...(input.source !== undefined ? { source: normaliseSource(input.source) } : {}),
  };
}

/**
 * Validates a parsed questionnaire document: structure (keys, types) and the contract's rules,
 * all problems at once. The questionnaire is returned only when there are no problems.
 */
export function validateQuestionnaire(raw: unknown): QuestionnaireValidation {
  const problems = [...checkStructure(raw), ...checkRules(raw)];
  if (problems.length > 0) return { questionnaire: null, problems };
  return { questionnaire: normaliseQuestionnaire(raw as QuestionnaireInput), problems };
}
