import type { CfaFit, CfaUnavailable } from '../stats/cfa.js';
import type { DifferenceReliability } from '../stats/difference-reliability.js';
import type { Distribution } from '../stats/moments.js';

export type { CfaFit } from '../stats/cfa.js';
import type { Format, KpiType, Language } from '../questionnaire/model.js';
import type { CommentsResult } from './comment-types.js';

/** The one typed result every renderer reads (JSON schemaVersion 1 in the contract). */

export type Zone = 'below' | 'within' | 'above';
export type Quadrant = 'concentrate-here' | 'keep-up-the-good-work' | 'low-priority' | 'possible-overkill';

/** What items and dimensions both report: mean answers (null where the format has none) and gaps. */
export interface Levels {
  expectation: number | null;
  perception: number | null;
  minimum: number | null;
  desired: number | null;
  gap: Distribution;
  msa: Distribution | null;
  zone: Zone | null;
}

export interface DimensionResult extends Levels {
  id: string;
  label: string;
  importance: number | null;
  alpha: number | null;
  quadrant: Quadrant | null;
  /** Measurement quality (issue 16), on the result's dimensions only; absent in results written before 2026-12-05. */
  alphaStd?: number | null;
  alphaCi?: [number, number] | null;
  omega?: number | null;
  ave?: number | null;
  /**
   * The gap score's reliability beside that of P alone (issue 16, docs/methods.md); null for
   * perceptions-only (no gap); absent in results written before 2026-12-06.
   */
  differenceReliability?: DifferenceReliability | null;
}

/**
 * A scale as a result states it: `best: 'low'` only when its low end is the best answer, so the
 * answers were mirrored (min + max - x) before scoring, and a reader must be told.
 */
export interface ResultScale {
  min: number;
  max: number;
  best?: 'low';
}

/** A scale's bounds and, when low, its direction, as the result carries them. */
export function resultScale(scale: { min: number; max: number; best?: 'high' | 'low' }): ResultScale {
  return { min: scale.min, max: scale.max, ...(scale.best === 'low' ? { best: 'low' as const } : {}) };
}

/** An item's wordings besides the perception, only those its questionnaire's format asks. */
export interface ItemStatements {
  expectation?: string;
  minimum?: string;
  desired?: string;
}

export interface ItemResult extends Levels {
  id: string;
  dimension: string;
  /**
   * The item's perception statement, as the questionnaire words it. Written for the result's items
   * (not a segment's, which pair with them by id); absent in results written before 2026-12-05.
   */
  statement?: string;
  /** The other statements the format asks (two-column `expectation`; three-column `minimum`, `desired`); as `statement`. */
  statements?: ItemStatements;
  /** True for a negatively worded item (`reverse: true` in the questionnaire); absent otherwise. */
  reverse?: true;
  /** The item's own scale, only for an item that has one: its answers, means and gap are on it. */
  scale?: ResultScale;
  t: number | null;
  p: number | null;
  dz: number | null;
  pHolm: number | null;
  alphaIfDeleted: number | null;
  itemTotal: number | null;
  /** The uncorrected item-total r (the item with the sum of its dimension's items, itself included); as `DimensionResult.alphaStd`. */
  itemTotalRaw?: number | null;
}

export interface OverallResult {
  unweighted: Distribution;
  weighted: Distribution;
}

export interface SegmentResult {
  column: string;
  value: string;
  respondents: { total: number; scored: number };
  overall: OverallResult;
  dimensions: DimensionResult[];
  /** Beyond the contract's segment fields: the items, so reports can break items down by segment. */
  items: ItemResult[];
  kpis: KpiResult[];
  /** This segment against the other respondents (see segment-test.ts); absent in results written before 2026-12-05. */
  test?: SegmentTest;
}

/** Welch's test of a segment's mean minus the rest's; every field null when untested (a side with n < 2, no spread). */
export interface VersusRest {
  difference: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
  /** Holm-adjusted across the result's segments, one family per measure. */
  pHolm: number | null;
}

export interface DimensionVersusRest extends VersusRest {
  id: string;
}

export interface SegmentTest {
  overall: VersusRest;
  dimensions: DimensionVersusRest[];
}

export interface KpiResult {
  id: string;
  type: KpiType;
  question: string;
  scale: ResultScale;
  n: number;
  score: number | null;
  /** The 95% interval of the score in its units (NPS by its variance, CSAT by Wilson, CES by t); null when n < 2. Absent in results written before 2026-12-04. */
  ci95?: [number, number] | null;
  /** NPS only: shares in percent. */
  promoters?: number | null;
  passives?: number | null;
  detractors?: number | null;
  /** CES only: the sample standard deviation of the answers. */
  sd?: number | null;
}

export interface Recommendation {
  item: string;
  dimension: string;
  gap: number;
  importance: number;
  priority: number;
  quadrant: Quadrant | null;
  actions: string[];
}

export interface Warning {
  code: string;
  message: string;
  [detail: string]: unknown;
}

export interface Check {
  target: string;
  threshold: number;
  value: number | null;
  passed: boolean;
  /** `regression:*` checks only (`check --baseline`): Welch's two-sided p of the change; null when untested. */
  p?: number | null;
}

/**
 * Where a result came from, written by the shell (never the core): the servqual version, the
 * questionnaire's file name and the SHA-256 of its bytes, the response files' names (`stdin` for
 * -), and `date` only when `--date` fixed it (the same input gives byte-identical JSON).
 */
export interface RunInfo {
  servqual: string;
  questionnaire: { file: string; sha256: string };
  inputs: string[];
  date?: string;
}

/** Measurement quality over the respondents with every item (contract "Measurement quality"); each figure null when it cannot be computed. */
export interface Validity {
  n: number;
  kmo: { overall: number; items: Record<string, number> } | null;
  bartlett: { chisq: number; df: number; p: number } | null;
  eigenvalues: number[] | null;
  htmt: { a: string; b: string; value: number | null }[] | null;
  parallel: number | null;
  cfa: CfaFitFigures | null;
  /** Why `cfa` is null (absent when it has a fit, and in results written before issue 16's last change). */
  cfaUnavailable?: CfaUnavailable;
  cfa3: CfaFitFigures | null;
  /** Discriminant validity by Fornell-Larcker (issue 16); absent in results written before it. */
  fornellLarcker?: FornellLarcker[] | null;
}

/** A CFA's fit as the result keeps it: the factor correlations go into `fornellLarcker` instead. */
export type CfaFitFigures = Omit<CfaFit, 'factorCorrelations'>;

/**
 * One pair of dimensions: the five-factor CFA's factor correlation, and whether r² is below both
 * dimensions' AVE (√AVE of each above |r|); `holds` null when r or an AVE is unknown.
 */
export interface FornellLarcker {
  a: string;
  b: string;
  correlation: number | null;
  holds: boolean | null;
}

/** Key drivers of the declared outcome (contract "Key drivers"). */
export interface Drivers {
  outcome: string;
  n: number;
  r2: number | null;
  dimensions: { id: string; r: number | null; beta: number | null; weight: number | null; share: number | null }[];
}

export interface Result {
  schemaVersion: 1;
  /** Absent in results written before 2026-12-05, and from the library's `score`. */
  run?: RunInfo;
  questionnaire: { title: string; format: Format; language: Language; scale: ResultScale };
  respondents: { total: number; scored: number; skippedCells: number };
  overall: OverallResult;
  dimensions: DimensionResult[];
  items: ItemResult[];
  segments: SegmentResult[];
  kpis: KpiResult[];
  recommendations: Recommendation[];
  warnings: Warning[];
  checks: Check[];
  /** Absent in results written before 2026-12-05. */
  validity?: Validity;
  /** Only when the questionnaire declares `drivers`. */
  drivers?: Drivers;
  /** Respondents' comments (issue 15); absent without a comment column, and in results written before 2026-12-05. */
  comments?: CommentsResult;
  /** Welch's ANOVA across the segments per measure (issue 16); only with --group-by, absent in older results. */
  segmentDifferences?: SegmentDifference[];
}

/** Welch's one-way ANOVA of one measure across one --group-by column's segments; figures null when untested. */
export interface SegmentDifference {
  column: string;
  /** The dimension's id; null for the overall score (the unweighted mean gap, or mean perception). */
  dimension: string | null;
  /** Segments in the test; `excluded` those left out (n < 2 or no spread on this measure). */
  segments: number;
  excluded: number;
  f: number | null;
  df1: number | null;
  df2: number | null;
  p: number | null;
  /** Holm-adjusted across the measures (overall and dimensions) of this column. */
  pHolm: number | null;
}
