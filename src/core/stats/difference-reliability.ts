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

/** Sample (n - 1) variances of a dimension's P and E items and sums, over the same n respondents. */
export interface PairVariances {
  n: number;
  /** Items per side. */
  k: number;
  /** Σ_i var(P_i), Σ_i var(E_i). */
  itemVarianceP: number;
  itemVarianceE: number;
  /** var(ΣP), var(ΣE), cov(ΣP, ΣE). */
  varianceP: number;
  varianceE: number;
  covariance: number;
}

// Variances below this count as zero (rounding residue of constant columns), as in cronbach.ts.
const ZERO_VARIANCE = 1e-12;

/** Cronbach's alpha `k/(k-1) (1 - Σ var_i / var(sum))`; null when k < 2 or var(sum) = 0. */
const alphaOf = (k: number, items: number, total: number): number | null =>
  k < 2 || total < ZERO_VARIANCE ? null : (k / (k - 1)) * (1 - items / total);

/**
 * The classical reliability of a difference D = P - E (Lord 1963; Johns 1981; for SERVQUAL, Peter,
 * Churchill & Brown 1993), P and E the sums of a dimension's k perception and k expectation items:
 *
 * `r_DD = (σP² αP + σE² αE - 2 r_PE σP σE) / (σP² + σE² - 2 r_PE σP σE)`,
 *
 * with αP, αE Cronbach's alpha of the P and E items, σ the sds of the sums and r_PE their
 * correlation (so `r_PE σP σE` is their covariance). A one-item dimension has no alpha, so no r_DD
 * (null, like its alpha); nothing is defined below n = 2.
 *
 * @example differenceReliability({ n: 100, k: 4, itemVarianceP: 4, itemVarianceE: 4, varianceP: 10, varianceE: 10, covariance: 5 })
 *   // alphaP = alphaE = 0.8, rPE = 0.5, reliability = (8 + 8 - 10) / (20 - 10) = 0.6
 */
export function differenceReliability(v: PairVariances): DifferenceReliability {
  if (v.n < 2 || v.k < 1) return { n: v.n, reliability: null, alphaP: null, alphaE: null, rPE: null };
  const alphaP = alphaOf(v.k, v.itemVarianceP, v.varianceP);
  const alphaE = alphaOf(v.k, v.itemVarianceE, v.varianceE);
  const rPE =
    v.varianceP < ZERO_VARIANCE || v.varianceE < ZERO_VARIANCE
      ? null
      : Math.max(-1, Math.min(1, v.covariance / Math.sqrt(v.varianceP * v.varianceE)));
  const varianceD = v.varianceP + v.varianceE - 2 * v.covariance;
  const reliability =
    alphaP === null || alphaE === null || varianceD < ZERO_VARIANCE
      ? null
      : (v.varianceP * alphaP + v.varianceE * alphaE - 2 * v.covariance) / varianceD;
  return { n: v.n, reliability, alphaP, alphaE, rPE };
}
