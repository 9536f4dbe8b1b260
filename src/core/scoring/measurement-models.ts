/**
 * The seam between the measurement-quality figures and the model fits (one-factor ML, CFA,
 * parallel analysis, relative weights in core/stats): each is one call here and nowhere else.
 */
import type { CoMoments } from '../stats/comoments.js';
import { covarianceRows } from '../stats/correlation.js';
import { type CfaUnavailable, fitCfaOrWhyNot } from '../stats/cfa.js';
import { factorReliability, oneFactorMl } from '../stats/factor-ml.js';
import { parallelAnalysis } from '../stats/parallel-analysis.js';
import { relativeWeights, type RelativeWeights } from '../stats/relative-weights.js';
import type { CfaFit } from './result.js';

/** McDonald's omega and the AVE of a one-factor ML fit to a dimension's item correlations (as psych::fa(R, 1, fm = "ml")). */
export function factorReliabilityOf(correlation: number[][]): { omega: number; ave: number } | null {
  const fit = oneFactorMl(correlation);
  return fit ? factorReliability(fit.loadings, fit.uniquenesses) : null;
}

/** The CFA with `factorOf[i]` the factor of item i, fitted by ML to the items' sample covariance (n - 1), as lavaan::cfa. */
export function fitCfaOf(cm: CoMoments, factorOf: readonly number[]): CfaFit | { unavailable: CfaUnavailable } {
  const covariance = covarianceRows(cm, cm.n - 1);
  return covariance ? fitCfaOrWhyNot(covariance, cm.n, factorOf) : { unavailable: 'too-few-respondents' };
}

/** How many factors parallel analysis retains, from the eigenvalues of the item correlations over n respondents. */
export const parallelOf = (eigenvalues: readonly number[], n: number): number => parallelAnalysis(eigenvalues, n);

/**
 * Johnson's relative weights of the dimension scores for the outcome (the last variable of the
 * correlation matrix), with their r and standardised betas; null when the scores' correlation
 * matrix is singular.
 */
export const driverWeights = (correlation: number[][]): RelativeWeights | null => relativeWeights(correlation);
