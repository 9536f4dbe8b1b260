import { readFileSync } from 'node:fs';

// Reference values frozen by test/fixtures/validity-algorithms/make-fixtures.R (R 4.2.2, psych 2.2.9,
// lavaan 0.6.14); the R commands that produced each one are in that script.

interface FitMeasures {
  chisq: number;
  df: number;
  pvalue: number;
  cfi: number;
  tli: number;
  rmsea: number;
  'rmsea.ci.lower': number;
  'rmsea.ci.upper': number;
  srmr: number;
  /** `lavInspect(fit, "cor.lv")`: the five- and three-factor fits carry it, the small ones not. */
  factorCorrelations?: number[][];
}

interface OneFactorReference {
  correlation: number[][];
  loadings: number[];
  uniquenesses: number[];
  omega: number;
  ave: number;
}

interface WelchReference {
  groups: { n: number; mean: number; variance: number }[];
  f: number;
  df1: number;
  df2: number;
  p: number;
}

interface ValidityReference {
  cfa: {
    n: number;
    covariance: number[][];
    factorOf: number[];
    factorOf3: number[];
    five: FitMeasures;
    three: FitMeasures;
    small: { n: number; covariance: number[][]; fit: FitMeasures }[];
  };
  factorMl: Record<string, OneFactorReference>;
  parallel: {
    eigenvalues: number[];
    n: number;
    ncomp: number;
    iterations: number;
    simMean: number[];
    simSd: number[];
    simQuantile95: number[];
  };
  parallelBlocks: { eigenvalues: number[]; n: number; ncomp: number };
  drivers: { correlation: number[][]; r: number[]; beta: number[]; weight: number[]; r2: number };
  welch: Record<string, WelchReference>;
}

export const reference: ValidityReference = JSON.parse(
  readFileSync(new URL('../../fixtures/validity-algorithms/expected.json', import.meta.url), 'utf8'),
);

/** |actual - expected| <= tolerance * max(1, |expected|): absolute near 0, relative for large values. */
export function expectClose(actual: number, expected: number, tolerance: number, what = ''): void {
  const error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  if (!(error <= tolerance)) throw new Error(`${what}: ${actual} differs from ${expected} by ${error} > ${tolerance}`);
}
