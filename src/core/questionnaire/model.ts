import type { PlatformId } from '../sources/platforms/index.js';

/** The questionnaire after validation, with every default filled in. */

export type Format = 'two-column' | 'three-column' | 'perceptions-only';
export type Language = 'en' | 'ru';
export type KpiType = 'nps' | 'csat' | 'ces';

export const SERVQUAL_DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;

/** Which end of a scale is best. `low` answers are mirrored (min + max - x) when scored. */
export type ScaleEnd = 'high' | 'low';

export interface Scale {
  min: number;
  max: number;
  labels: Record<string, string>;
  best: ScaleEnd;
}

export interface Item {
  id: string;
  dimension: string;
  expectation?: string;
  perception: string;
  minimum?: string;
  desired?: string;
  /**
   * Whether answers are scored as min + max - x: a negatively worded item (`reverse: true`) on a
   * higher-is-best scale, or a positively worded one on a `best: low` scale (the two cancel out);
   * the scale is the item's own when it has one.
   */
  reverse: boolean;
  /** The item's own scale, only when the questionnaire gives it one (`itemScale` gives the one in force). */
  scale?: Scale;
  recommendations: string[];
}

export interface Dimension {
  id: string;
  label: string;
  description?: string;
  items: Item[];
  recommendations: string[];
}

export interface Kpi {
  id: string;
  type: KpiType;
  question: string;
  /** `labels`: the questionnaire's own words for points of the scale, shown when the KPI is asked. */
  /** `best: low`: answers are mirrored before scoring, so CSAT's top two and CES's mean read higher-is-better. */
  scale: { min: number; max: number; labels?: Record<string, string>; best: ScaleEnd };
}

export interface Thresholds {
  overall?: number;
  dimensions: Record<string, number>;
  items: Record<string, number>;
  kpis: Record<string, number>;
  minRespondents?: number;
  minAlpha?: number;
  /** Minimum McDonald's omega of every dimension with two or more items (measurement quality). */
  minOmega?: number;
  /** Minimum CFI of the five-dimension CFA. */
  minCfi?: number;
  /** Maximum RMSEA of the five-dimension CFA (a ceiling: the check passes at or below it). */
  maxRmsea?: number;
}

export interface Columns {
  respondent: string;
  expectation: string;
  perception: string;
  minimum: string;
  desired: string;
  weight: string;
  /** The free-text comment column's header name; undefined: one named like a comment, if any (`scoring/comments.ts`). */
  comment?: string;
}

/** A survey platform's id (`core/sources/platforms` lists them). */
export type SourcePlatform = PlatformId;
export type AnswerKind = 'expectation' | 'perception' | 'minimum' | 'desired';

/** What one export column holds. */
export type SourceTarget =
  | { type: 'answer'; item: string; kind: AnswerKind }
  | { type: 'weight'; dimension: string }
  | { type: 'kpi'; kpi: string }
  | { type: 'segment'; segment: string };

export interface SourceColumn {
  /** The export column as the export names it (header text or code). */
  column: string;
  target: SourceTarget;
  /** This column's own answer texts (as written), tried before `source.labels` and the built-ins. */
  labels?: Record<string, number>;
}

/** A condition every kept response meets. */
export interface SourceFilter {
  column: string;
  in?: string[];
  min?: number;
  notBlank?: boolean;
}

/** How a platform's export maps onto the questionnaire (the optional `source` section). */
export interface Source {
  platform: SourcePlatform;
  /** Undefined: the platform's default. */
  headerRows?: number;
  respondent?: string;
  columns: SourceColumn[];
  /** As written; matching folds case and spaces. */
  labels: Record<string, number>;
  missing: string[];
  /** Undefined: the platform's default filter. */
  filter?: SourceFilter[];
  /** The workbook sheet to read when --sheet is not given: a name, or a 1-based number as text. */
  sheet?: string;
  duration?: string;
  /** A respondent who took fewer seconds than this per answer given is a speeder. */
  speederSeconds: number;
  long: { item: string; kind: string; value: string };
}

export interface Questionnaire {
  title: string;
  description?: string;
  language: Language;
  model: 'servqual' | 'custom';
  format: Format;
  scale: Scale;
  weights: { source: 'respondents' | 'fixed'; fixed?: Record<string, number> };
  segments: string[];
  dimensions: Dimension[];
  kpis: Kpi[];
  /** Key drivers: the KPI or item (its perception) the dimension scores are related to; absent when not declared. */
  drivers?: { outcome: string };
  thresholds: Thresholds;
  columns: Columns;
  source?: Source;
}

export const DEFAULT_COLUMNS: Required<Omit<Columns, 'comment'>> = {
  respondent: 'respondent',
  expectation: '{item}_E',
  perception: '{item}_P',
  minimum: '{item}_MIN',
  desired: '{item}_DES',
  weight: 'W_{dimension}',
};

export const DEFAULT_KPI_SCALES: Record<KpiType, { min: number; max: number; best: ScaleEnd }> = {
  nps: { min: 0, max: 10, best: 'high' },
  csat: { min: 1, max: 5, best: 'high' },
  ces: { min: 1, max: 7, best: 'high' },
};

/** Every item of the questionnaire in questionnaire order. */
export function allItems(q: Questionnaire): Item[] {
  return q.dimensions.flatMap((d) => d.items);
}

/**
 * The scale an item's answers are on: its own, else the questionnaire's.
 * @example itemScale(q, { ...item, scale: { min: 0, max: 1, labels: {}, best: 'high' } }).max // 1
 */
export function itemScale(q: Pick<Questionnaire, 'scale'>, item: Pick<Item, 'scale'>): Scale {
  return item.scale ?? q.scale;
}
