/** The questionnaire after validation, with every default filled in. */

export type Format = 'two-column' | 'three-column' | 'perceptions-only';
export type Language = 'en' | 'ru';
export type KpiType = 'nps' | 'csat' | 'ces';

export const SERVQUAL_DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;

export interface Scale {
  min: number;
  max: number;
  labels: Record<string, string>;
}

export interface Item {
  id: string;
  dimension: string;
  expectation?: string;
  perception: string;
  minimum?: string;
  desired?: string;
  reverse: boolean;
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
  scale: { min: number; max: number };
}

export interface Thresholds {
  overall?: number;
  dimensions: Record<string, number>;
  items: Record<string, number>;
  kpis: Record<string, number>;
  minRespondents?: number;
  minAlpha?: number;
}

export interface Columns {
  respondent: string;
  expectation: string;
  perception: string;
  minimum: string;
  desired: string;
  weight: string;
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
  thresholds: Thresholds;
  columns: Columns;
}

export const DEFAULT_COLUMNS: Columns = {
  respondent: 'respondent',
  expectation: '{item}_E',
  perception: '{item}_P',
  minimum: '{item}_MIN',
  desired: '{item}_DES',
  weight: 'W_{dimension}',
};

export const DEFAULT_KPI_SCALES: Record<KpiType, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

/** Every item of the questionnaire in questionnaire order. */
export function allItems(q: Questionnaire): Item[] {
  return q.dimensions.flatMap((d) => d.items);
}
