import type { CoMoments } from './comoments.js';
import { covarianceMatrix } from './comoments.js';
import { reliability } from './cronbach.js';

/** The reliability of a dimension's gap score beside that of its perceptions (Peter, Churchill & Brown 1993). */
export interface DifferenceReliability {
  /** Respondents with every item's gap in the dimension (alpha's respondents). */
  n: number;
  /** r_DD of D = ΣP - ΣE; null when an alpha is undefined or var(D) = 0. */
  reliability: number | null;
  /** Cronbach's alpha of the P items and of the E items (DES for three-column). */
  alphaP: number | null;
  alphaE: number | null;
  /** Pearson r of the P sum with the E sum; null when either has no variance. */
  rPE: number | null;
}

// Variances below this count as zero (rounding residue of constant columns), as in cronbach.ts.
const ZERO_VARIANCE = 1e-12;

/**
 * The classical reliability of a difference D = P - E (Lord 1963; Johns 1981; for SERVQUAL, Peter,
 * Churchill & Brown 1993), P and E the sums of a dimension's k perception and k expectation items:
 *
 * `r_DD = (σP² αP + σE² αE - 2 r_PE σP σE) / (σP² + σE² - 2 r_PE σP σE)`,
 *
 * with αP, αE Cronbach's alpha of the P and E items (their reliabilities), σ the sds of the sums and
 * r_PE their correlation. `cm` holds the 2k variables P_1..P_k, E_1..E_k over the same respondents.
 * A one-item dimension has no alpha, so no r_DD (null, like its alpha).
 *
 * @example differenceReliability(cm) // P items r = .6, E items r = .5, r_PE = .3: r_DD below both alphas
 */
export function differenceReliability(cm: CoMoments): DifferenceReliability {
  const k = cm.k / 2;
  const empty = { n: cm.n, reliability: null, alphaP: null, alphaE: null, rPE: null };
  if (!Number.isInteger(k) || k < 1 || cm.n < 2) return empty;
  const s = covarianceMatrix(cm);
  const width = cm.k;
  let varP = 0;
  let varE = 0;
  let cov = 0;
  for (let i = 0; i < width; i++) {
    for (let j = 0; j < width; j++) {
      const value = s[i * width + j] as number;
      if (i < k && j < k) varP += value;
      else if (i >= k && j >= k) varE += value;
      else cov += value / 2;
    }
  }
  const alphaP = reliability(block(cm, 0, k)).alpha;
  const alphaE = reliability(block(cm, k, k)).alpha;
  const rPE = varP < ZERO_VARIANCE || varE < ZERO_VARIANCE ? null : cov / Math.sqrt(varP * varE);
  const varD = varP + varE - 2 * cov;
  const value =
    alphaP === null || alphaE === null || varD < ZERO_VARIANCE
      ? null
      : (varP * alphaP + varE * alphaE - 2 * cov) / varD;
  return { n: cm.n, reliability: value, alphaP, alphaE, rPE };
}

/** The co-moments of variables [start, start + k) of `cm`. */
function block(cm: CoMoments, start: number, k: number): CoMoments {
  const c = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) c[i * k + j] = cm.c[(start + i) * cm.k + start + j] as number;
  return { k, n: cm.n, mean: cm.mean.slice(start, start + k), c };
}
