import type { Language } from '../../core/questionnaire/model.js';
import type { Result } from '../../core/scoring/result.js';
import { fill } from '../../core/text/fill.js';
import { importanceDisagrees } from '../../core/recommend/importance-agreement.js';
import { fixed, pValue } from '../format.js';
import type { CfaUnavailable } from '../../core/stats/cfa.js';
import { dimensionWords, type MeasurementLabels, measurementLabelsFor } from '../measurement-labels.js';

type DimensionWords = ReturnType<typeof dimensionWords>;

/**
 * The "Measurement quality" section as data: reliability per dimension, the structure (KMO,
 * Bartlett, parallel analysis, the five- and three-factor CFA), discriminant validity (HTMT) and
 * the key drivers, each figure judged against the usual threshold, and one sentence per failed
 * criterion saying what to do. Renderers lay it out; none of them judges a figure.
 */

/** The usual thresholds (Hu & Bentler 1999 for fit; Fornell & Larcker 1981 for AVE; Henseler et al. 2015 for HTMT). */
const QUALITY_THRESHOLDS = {
  omega: 0.7,
  ave: 0.5,
  cfi: 0.95,
  rmsea: 0.06,
  srmr: 0.08,
  htmt: 0.85,
  kmo: 0.6,
  bartlettP: 0.05,
} as const;

interface FitIndices {
  chisq: number | null;
  df: number | null;
  p: number | null;
  cfi: number | null;
  tli: number | null;
  rmsea: number | null;
  rmseaCi: readonly [number, number] | null;
  srmr: number | null;
}

/** The result's `validity` as this view reads it (SPEC "Measurement quality"). */
export interface ValidityInput {
  n: number;
  kmo: { overall: number | null } | null;
  bartlett: { chisq: number | null; df: number | null; p: number | null } | null;
  eigenvalues: readonly number[] | null;
  parallel: number | null;
  cfa: FitIndices | null;
  cfa3: FitIndices | null;
  htmt: readonly { a: string; b: string; value: number | null }[] | null;
  /** Absent in results written before it (issue 16). */
  fornellLarcker?: readonly { a: string; b: string; correlation: number | null; holds: boolean | null }[] | null;
  /** Why `cfa` is null; absent in results written before it. */
  cfaUnavailable?: CfaUnavailable;
}

export interface DimensionQualityInput {
  id: string;
  label: string;
  importance: number | null;
  alpha: number | null;
  alphaStd?: number | null;
  alphaCi?: readonly [number, number] | null;
  omega?: number | null;
  ave?: number | null;
  /** Null for perceptions-only (no gap); absent in results written before it. */
  differenceReliability?: { reliability: number | null; alphaP: number | null } | null;
}

export interface DriversInput {
  outcome: string;
  n: number;
  r2: number | null;
  dimensions: readonly {
    id: string;
    r: number | null;
    beta: number | null;
    weight: number | null;
    share: number | null;
  }[];
}

/** A figure and whether it meets its threshold (null: no threshold, or no figure). */
export interface Judged {
  value: number | null;
  ok: boolean | null;
}

interface ReliabilityRow {
  id: string;
  label: string;
  alpha: number | null;
  alphaStd: number | null;
  alphaCi: readonly [number, number] | null;
  omega: Judged;
  ave: Judged;
  /** The gap score's reliability and α of P alone; null when the result has none (perceptions-only, older results). */
  gap: { reliability: number | null; alphaP: number | null } | null;
}

export interface FitRow {
  model: 'five' | 'three';
  label: string;
  chisq: number | null;
  df: number | null;
  p: number | null;
  cfi: Judged;
  tli: number | null;
  rmsea: Judged;
  rmseaCi: readonly [number, number] | null;
  srmr: Judged;
}

/** A pair of dimensions: HTMT, and the five-factor CFA's factor correlation with its Fornell-Larcker verdict. */
interface HtmtRow {
  pair: string;
  value: Judged;
  /** Null (both) when the result has no Fornell-Larcker figures for the pair. */
  correlation: number | null;
  fornellLarcker: boolean | null;
}

interface DriverRow {
  id: string;
  label: string;
  stated: number | null;
  derived: number | null;
  r: number | null;
  beta: number | null;
  weight: number | null;
  disagree: boolean;
}

export interface MeasurementView {
  labels: MeasurementLabels;
  /** "Over N respondents who answered every item", or why nothing could be judged. */
  basis: string;
  reliability: ReliabilityRow[];
  /** Why no gap reliability is shown (perceptions-only); null otherwise. */
  gapNote: string | null;
  /** KMO, Bartlett and parallel analysis in one sentence; null when not computed. */
  structureLine: string | null;
  fits: FitRow[];
  htmt: HtmtRow[];
  drivers: { line: string; rows: DriverRow[] } | null;
  /** One sentence per failed criterion (what it means, what to do); "every criterion holds" when none failed. */
  findings: string[];
}

const atLeast = (value: number | null | undefined, threshold: number): Judged => ({
  value: value ?? null,
  ok: value === null || value === undefined ? null : value >= threshold,
});
const atMost = (value: number | null | undefined, threshold: number): Judged => ({
  value: value ?? null,
  ok: value === null || value === undefined ? null : value <= threshold,
});
const below = (value: number | null | undefined, threshold: number): Judged => ({
  value: value ?? null,
  ok: value === null || value === undefined ? null : value < threshold,
});

function fitRow(model: FitRow['model'], label: string, fit: FitIndices): FitRow {
  return {
    model,
    label,
    chisq: fit.chisq,
    df: fit.df,
    p: fit.p,
    cfi: atLeast(fit.cfi, QUALITY_THRESHOLDS.cfi),
    tli: fit.tli,
    rmsea: atMost(fit.rmsea, QUALITY_THRESHOLDS.rmsea),
    rmseaCi: fit.rmseaCi,
    srmr: atMost(fit.srmr, QUALITY_THRESHOLDS.srmr),
  };
}

/** A fit in a few words: "CFI 0.91, RMSEA 0.08, SRMR 0.06". */
export function fitText(row: FitRow, l: MeasurementLabels): string {
  return `${l.cfi} ${fixed(row.cfi.value, 3)}, ${l.rmsea} ${fixed(row.rmsea.value, 3)}, ${l.srmr} ${fixed(row.srmr.value, 3)}`;
}

const fits = (row: FitRow): boolean | null =>
  row.cfi.ok === null || row.rmsea.ok === null || row.srmr.ok === null
    ? null
    : row.cfi.ok && row.rmsea.ok && row.srmr.ok;

function driversView(
  drivers: DriversInput,
  dimensions: readonly DimensionQualityInput[],
  l: MeasurementLabels,
  words: DimensionWords,
): MeasurementView['drivers'] {
  const byId = new Map(drivers.dimensions.map((d) => [d.id, d]));
  const rows = dimensions.map((d): DriverRow => {
    const driver = byId.get(d.id);
    const derived = driver?.share ?? null;
    return {
      id: d.id,
      label: d.label,
      stated: d.importance,
      derived,
      r: driver?.r ?? null,
      beta: driver?.beta ?? null,
      weight: driver?.weight ?? null,
      disagree: importanceDisagrees(d.importance, derived),
    };
  });
  const line = fill(l.driversLine, {
    ...words,
    outcome: drivers.outcome,
    r2: fixed(drivers.r2, 2),
    n: String(drivers.n),
  });
  return { line, rows };
}

function structureLine(validity: ValidityInput, k: number, l: MeasurementLabels): string | null {
  if (validity.kmo === null && validity.bartlett === null) return null;
  const values = {
    kmo: fixed(validity.kmo?.overall, 2),
    chisq: fixed(validity.bartlett?.chisq, 1),
    df: validity.bartlett?.df === null || validity.bartlett?.df === undefined ? '–' : String(validity.bartlett.df),
    p: pValue(validity.bartlett?.p),
    parallel: String(validity.parallel),
    k: String(k),
  };
  return fill(validity.parallel === null ? l.kmoLineNoParallel : l.kmoLine, values);
}

function findingsOf(
  view: Omit<MeasurementView, 'findings' | 'labels' | 'basis'>,
  validity: ValidityInput | null,
  k: number,
  outcome: string | null,
  l: MeasurementLabels,
  words: DimensionWords,
): string[] {
  const out: string[] = [];
  const names = (rows: readonly { label: string }[]) => rows.map((r) => r.label).join(', ');
  const lowOmega = view.reliability.filter((r) => r.omega.ok === false);
  if (lowOmega.length > 0) out.push(fill(l.lowOmega, { dimensions: names(lowOmega) }));
  const lowAve = view.reliability.filter((r) => r.ave.ok === false);
  if (lowAve.length > 0) out.push(fill(l.lowAve, { dimensions: names(lowAve) }));
  const five = view.fits.find((f) => f.model === 'five');
  const three = view.fits.find((f) => f.model === 'three');
  if (five && fits(five) === false)
    out.push(fill(l.poorFit, { ...words, fit: fitText(five, l), compareThree: three ? l.compareThree : '' }));
  if (validity?.cfaUnavailable)
    out.push(fill(l.cfaUnavailable, { ...words, reason: l.cfaReasons[validity.cfaUnavailable] }));
  if (five && three && three.cfi.value !== null && five.cfi.value !== null && three.cfi.value >= five.cfi.value)
    out.push(fill(l.threeBetter, { fit: fitText(three, l) }));
  const highHtmt = view.htmt.filter((h) => h.value.ok === false);
  if (highHtmt.length > 0) out.push(fill(l.highHtmt, { pairs: highHtmt.map((h) => h.pair).join(', ') }));
  const failsFl = view.htmt.filter((h) => h.fornellLarcker === false);
  if (failsFl.length > 0) out.push(fill(l.fornellLarckerFails, { pairs: failsFl.map((h) => h.pair).join(', ') }));
  if (validity) {
    const kmo = validity.kmo?.overall ?? null;
    if (kmo !== null && kmo < QUALITY_THRESHOLDS.kmo) out.push(l.lowKmo);
    const p = validity.bartlett?.p ?? null;
    if (p !== null && p >= QUALITY_THRESHOLDS.bartlettP) out.push(l.bartlettNotSignificant);
    if (validity.parallel !== null && validity.parallel !== k)
      out.push(fill(l.parallelDiffers, { parallel: String(validity.parallel), k: String(k) }));
  }
  const disagreeing = view.drivers?.rows.filter((r) => r.disagree) ?? [];
  if (disagreeing.length > 0 && outcome !== null)
    out.push(fill(l.disagree, { dimensions: names(disagreeing), outcome }));
  // "Every criterion holds" only when some criterion was judged (not when too few answered everything).
  const judged =
    view.reliability.some((r) => r.omega.ok !== null || r.ave.ok !== null) ||
    view.fits.length > 0 ||
    view.htmt.some((h) => h.value.ok !== null);
  return out.length > 0 ? out : judged ? [fill(l.allFine, words)] : [];
}

/** Nothing judged although some answered everything (e.g. 2 respondents): say so, unless the basis line already does. */
function orTooFew(findings: string[], basis: string, l: MeasurementLabels): string[] {
  return findings.length === 0 && basis !== l.noBasis ? [l.noBasis] : findings;
}

/**
 * The section's view, or null when the result has nothing to show (an older result without
 * `validity`, or a questionnaire with no structure to test).
 */
export function measurementView(
  dimensions: readonly DimensionQualityInput[],
  validity: ValidityInput | null | undefined,
  drivers: DriversInput | null | undefined,
  language: Language,
): MeasurementView | null {
  if ((validity === null || validity === undefined) && (drivers === null || drivers === undefined)) return null;
  const l = measurementLabelsFor(language);
  const labelOf = new Map(dimensions.map((d) => [d.id, d.label]));
  const reliability = dimensions.map(
    (d): ReliabilityRow => ({
      id: d.id,
      label: d.label,
      alpha: d.alpha,
      alphaStd: d.alphaStd ?? null,
      alphaCi: d.alphaCi ?? null,
      omega: atLeast(d.omega, QUALITY_THRESHOLDS.omega),
      ave: atLeast(d.ave, QUALITY_THRESHOLDS.ave),
      gap: d.differenceReliability
        ? { reliability: d.differenceReliability.reliability, alphaP: d.differenceReliability.alphaP }
        : null,
    }),
  );
  // Null (not absent) on every dimension: the result is perceptions-only, so there is no gap to be reliable.
  const gapNote =
    dimensions.length > 0 && dimensions.every((d) => d.differenceReliability === null) ? l.gapNotApplicable : null;
  const fitRows: FitRow[] = [];
  const words = dimensionWords(dimensions.length, language);
  if (validity?.cfa) fitRows.push(fitRow('five', fill(l.fiveFactors, words), validity.cfa));
  if (validity?.cfa3) fitRows.push(fitRow('three', l.threeFactors, validity.cfa3));
  const flOf = new Map((validity?.fornellLarcker ?? []).map((f) => [`${f.a}\n${f.b}`, f]));
  const htmt = (validity?.htmt ?? []).map((h): HtmtRow => {
    const fl = flOf.get(`${h.a}\n${h.b}`);
    return {
      pair: `${labelOf.get(h.a) ?? h.a} – ${labelOf.get(h.b) ?? h.b}`,
      value: below(h.value, QUALITY_THRESHOLDS.htmt),
      correlation: fl?.correlation ?? null,
      fornellLarcker: fl?.holds ?? null,
    };
  });
  const view = {
    reliability,
    gapNote,
    structureLine: validity ? structureLine(validity, dimensions.length, l) : null,
    fits: fitRows,
    htmt,
    drivers: drivers ? driversView(drivers, dimensions, l, words) : null,
  };
  const basis =
    validity === null || validity === undefined
      ? ''
      : validity.n < 2
        ? l.noBasis
        : fill(l.basis, { n: String(validity.n) });
  return {
    labels: l,
    basis,
    ...view,
    findings: orTooFew(
      findingsOf(view, validity ?? null, dimensions.length, drivers?.outcome ?? null, l, words),
      basis,
      l,
    ),
  };
}

/** The section's view of a result (null for results without measurement quality or drivers). */
export function measurementOf(
  result: Pick<Result, 'dimensions' | 'validity' | 'drivers' | 'questionnaire'>,
): MeasurementView | null {
  return measurementView(result.dimensions, result.validity, result.drivers, result.questionnaire.language);
}
