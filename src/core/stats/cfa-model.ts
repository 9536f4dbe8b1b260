import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';

// The parameter vector of fitCfa's model (src/core/stats/cfa.ts), its Σ, derivatives and start values.

/** log|A| from A's Cholesky factor L: 2 Σ log L_ii (no overflow for large matrices). */
export function logDeterminant(cholesky: CholeskyDecomposition): number {
  const l = cholesky.lowerTriangularMatrix;
  let sum = 0;
  for (let i = 0; i < l.rows; i++) sum += 2 * Math.log(l.get(i, i));
  return sum;
}

/** `log|Σ| + tr(S Σ⁻¹)` and Σ⁻¹, or null when Σ is not positive definite. */
export function objective(s: Matrix, sigma: Matrix): { value: number; inverse: Matrix } | null {
  const cholesky = new CholeskyDecomposition(sigma);
  if (!cholesky.isPositiveDefinite()) return null;
  const inverse = cholesky.solve(Matrix.eye(sigma.rows));
  let trace = 0;
  for (let i = 0; i < s.rows; i++) for (let j = 0; j < s.rows; j++) trace += s.get(i, j) * inverse.get(j, i);
  return { value: logDeterminant(cholesky) + trace, inverse };
}

/** One outer product u v' of a parameter's ∂Σ; `uUnit`/`vUnit` is i when the vector is e_i, else -1. */
interface Pair {
  u: Float64Array;
  v: Float64Array;
  uUnit: number;
  vUnit: number;
}

/**
 * The parameters of a simple-structure CFA with marker identification, in one vector: the free
 * loadings (every item but its factor's first), the p residual variances, then the factor
 * covariance matrix's lower triangle row by row.
 */
export class Model {
  readonly p: number;
  readonly count: number;
  /** Index in θ of item i's loading, or -1 for a marker (fixed at 1). */
  private readonly loadingIndex: number[];
  private readonly residualStart: number;
  private readonly phiStart: number;

  constructor(
    private readonly factorOf: readonly number[],
    readonly m: number,
  ) {
    this.p = factorOf.length;
    const seen = new Set<number>();
    let next = 0;
    this.loadingIndex = factorOf.map((f) => {
      if (seen.has(f)) return next++;
      seen.add(f);
      return -1;
    });
    this.residualStart = next;
    this.phiStart = next + this.p;
    this.count = this.phiStart + (m * (m + 1)) / 2;
  }

  private phiIndex(f: number, g: number): number {
    const [a, b] = f >= g ? [f, g] : [g, f];
    return this.phiStart + (a * (a + 1)) / 2 + b;
  }

  loading(theta: readonly number[], i: number): number {
    const k = this.loadingIndex[i] as number;
    return k < 0 ? 1 : (theta[k] as number);
  }

  phi(theta: readonly number[], f: number, g: number): number {
    return theta[this.phiIndex(f, g)] as number;
  }

  /** Σ = Λ Φ Λ' + Ψ. */
  sigma(theta: readonly number[]): Matrix {
    const sigma = new Matrix(this.p, this.p);
    for (let i = 0; i < this.p; i++) {
      const fi = this.factorOf[i] as number;
      const li = this.loading(theta, i);
      for (let j = 0; j <= i; j++) {
        const v = li * this.loading(theta, j) * this.phi(theta, fi, this.factorOf[j] as number);
        sigma.set(i, j, v);
        sigma.set(j, i, v);
      }
      sigma.set(i, i, sigma.get(i, i) + (theta[this.residualStart + i] as number));
    }
    return sigma;
  }

  /** Residual variances positive and Φ positive definite: a proper solution. */
  proper(theta: readonly number[]): boolean {
    for (let i = 0; i < this.p; i++) if (!((theta[this.residualStart + i] as number) > 0)) return false;
    const phi = new Matrix(this.m, this.m);
    for (let f = 0; f < this.m; f++) for (let g = 0; g < this.m; g++) phi.set(f, g, this.phi(theta, f, g));
    return new CholeskyDecomposition(phi).isPositiveDefinite();
  }

  /**
   * Each parameter's ∂Σ as a sum of outer products u v' (at most two), so that the gradient
   * `tr(W ∂Σ_k) = Σ v' W u` and the information `tr(A ∂Σ_k A ∂Σ_l) = Σ (v' A x)(y' A u)` need only
   * matrix-vector products. Most of u and v are unit vectors e_i, which carry their index `i`
   * (-1 for the others): a product with e_i is then a lookup, the same number as the full sum.
   */
  private outerProducts(theta: readonly number[]): Pair[][] {
    const { p, m } = this;
    const units: Float64Array[] = Array.from({ length: p }, (_, i) => {
      const e = new Float64Array(p);
      e[i] = 1;
      return e;
    });
    const pair = (u: Float64Array, v: Float64Array): Pair => ({
      u,
      v,
      uUnit: units.indexOf(u),
      vUnit: units.indexOf(v),
    });
    // column f of Λ, and column f of Λ Φ
    const lambdaColumn = Array.from({ length: m }, () => new Float64Array(p));
    const lambdaPhi = Array.from({ length: m }, () => new Float64Array(p));
    for (let i = 0; i < p; i++) {
      const fi = this.factorOf[i] as number;
      const li = this.loading(theta, i);
      (lambdaColumn[fi] as Float64Array)[i] = li;
      for (let f = 0; f < m; f++) (lambdaPhi[f] as Float64Array)[i] = li * this.phi(theta, fi, f);
    }
    const products: Pair[][] = [];
    for (let i = 0; i < p; i++) {
      const k = this.loadingIndex[i] as number;
      if (k < 0) continue;
      const a = lambdaPhi[this.factorOf[i] as number] as Float64Array;
      const e = units[i] as Float64Array;
      products[k] = [pair(e, a), pair(a, e)];
    }
    for (let i = 0; i < p; i++) {
      const e = units[i] as Float64Array;
      products[this.residualStart + i] = [pair(e, e)];
    }
    for (let f = 0; f < m; f++) {
      for (let g = 0; g <= f; g++) {
        const cf = lambdaColumn[f] as Float64Array;
        const cg = lambdaColumn[g] as Float64Array;
        products[this.phiIndex(f, g)] = f === g ? [pair(cf, cf)] : [pair(cf, cg), pair(cg, cf)];
      }
    }
    return products;
  }

  /** The gradient of F and its expected Hessian (Fisher information) at θ, given Σ⁻¹. */
  derivatives(theta: readonly number[], s: Matrix, inverse: Matrix): { gradient: number[]; information: Matrix } {
    const { p, count } = this;
    const products = this.outerProducts(theta);
    // W = Σ⁻¹ - Σ⁻¹ S Σ⁻¹
    // ml-matrix's sub works in place: subtract from a copy, Σ⁻¹ is needed below.
    const w = inverse.clone().sub(inverse.mmul(s).mmul(inverse));
    const a = inverse.to2DArray();
    const wRows = w.to2DArray();
    // rows · v; for v = e_unit, the column `unit` of rows.
    const times = (rows: number[][], v: Float64Array, unit: number): Float64Array => {
      const out = new Float64Array(p);
      for (let i = 0; i < p; i++) {
        const row = rows[i] as number[];
        if (unit >= 0) {
          out[i] = row[unit] as number;
          continue;
        }
        let sum = 0;
        for (let j = 0; j < p; j++) sum += (row[j] as number) * (v[j] as number);
        out[i] = sum;
      }
      return out;
    };
    // x' y, where x is e_unit when unit >= 0.
    const dot = (x: Float64Array, unit: number, y: Float64Array): number => {
      if (unit >= 0) return y[unit] as number;
      let sum = 0;
      for (let i = 0; i < p; i++) sum += (x[i] as number) * (y[i] as number);
      return sum;
    };
    const gradient = products.map((pairs) =>
      pairs.reduce((sum, { u, v, uUnit, vUnit }) => sum + dot(v, vUnit, times(wRows, u, uUnit)), 0),
    );
    // A u for every pair, computed once.
    const aTimes = products.map((pairs) => pairs.map(({ u, uUnit }) => times(a, u, uUnit)));
    const information = new Matrix(count, count);
    for (let k = 0; k < count; k++) {
      const pk = products[k] as Pair[];
      const ak = aTimes[k] as Float64Array[];
      for (let l = 0; l <= k; l++) {
        const pl = products[l] as Pair[];
        const al = aTimes[l] as Float64Array[];
        let sum = 0;
        for (let x = 0; x < pk.length; x++) {
          const { v, vUnit } = pk[x] as Pair;
          const au = ak[x] as Float64Array;
          for (let y = 0; y < pl.length; y++) {
            const { v: yv, vUnit: yUnit } = pl[y] as Pair;
            const ax = al[y] as Float64Array;
            // pair k = u v', pair l = x y': tr(A u v' A x y') = (v' A x)(y' A u)
            sum += dot(v, vUnit, ax) * dot(yv, yUnit, au);
          }
        }
        information.set(k, l, sum);
        information.set(l, k, sum);
      }
    }
    return { gradient, information };
  }

  /**
   * Start values: per factor, the first principal component of its items' correlations gives
   * loadings L_i (in the items' units); λ_i = L_i / L_marker, φ_ff = L_marker², ψ_i = s_ii / 2
   * (lavaan's default for residual variances); factor covariances from the mean cross-covariance
   * of their items, shrunk until Φ is positive definite. Null when no start gives a valid Σ.
   */
  start(s: Matrix): number[] | null {
    const theta = new Array<number>(this.count).fill(0);
    const scaleOf: number[] = [];
    for (let f = 0; f < this.m; f++) {
      const items = this.factorOf.flatMap((g, i) => (g === f ? [i] : []));
      const loadings = principalLoadings(s, items);
      const marker = loadings[0] as number;
      const usable = Math.abs(marker) > 1e-3 * Math.sqrt(s.get(items[0] as number, items[0] as number));
      scaleOf[f] = usable ? marker : Math.sqrt(s.get(items[0] as number, items[0] as number));
      items.forEach((item, position) => {
        const k = this.loadingIndex[item] as number;
        if (k >= 0) theta[k] = usable ? (loadings[position] as number) / marker : 1;
      });
      theta[this.phiIndex(f, f)] = (scaleOf[f] as number) ** 2;
    }
    for (let i = 0; i < this.p; i++) theta[this.residualStart + i] = s.get(i, i) / 2;
    for (let f = 0; f < this.m; f++) {
      for (let g = 0; g < f; g++) {
        let cross = 0;
        let model = 0;
        for (let i = 0; i < this.p; i++) {
          if (this.factorOf[i] !== f) continue;
          for (let j = 0; j < this.p; j++) {
            if (this.factorOf[j] !== g) continue;
            cross += s.get(i, j);
            model += this.loading(theta, i) * this.loading(theta, j);
          }
        }
        theta[this.phiIndex(f, g)] = model !== 0 ? cross / model : 0;
      }
    }
    for (let shrink = 0; shrink < 30; shrink++) {
      if (this.proper(theta) && objective(s, this.sigma(theta))) return theta;
      for (let f = 0; f < this.m; f++)
        for (let g = 0; g < f; g++) theta[this.phiIndex(f, g)] = this.phi(theta, f, g) * 0.7;
    }
    return null;
  }
}

/** First principal component loadings (in the items' units) of the items' correlation matrix, summing positive. */
function principalLoadings(s: Matrix, items: readonly number[]): number[] {
  const sd = items.map((i) => Math.sqrt(s.get(i, i)));
  const k = items.length;
  const r = new Matrix(k, k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++)
      r.set(a, b, s.get(items[a] as number, items[b] as number) / ((sd[a] as number) * (sd[b] as number)));
  }
  const eigen = new EigenvalueDecomposition(r, { assumeSymmetric: true });
  const values = eigen.realEigenvalues;
  let top = 0;
  for (let j = 1; j < k; j++) if ((values[j] as number) > (values[top] as number)) top = j;
  const vector = eigen.eigenvectorMatrix.getColumn(top);
  const sign = vector.reduce((x, y) => x + y, 0) < 0 ? -1 : 1;
  return vector.map((v, a) => sign * v * Math.sqrt(values[top] as number) * (sd[a] as number));
}
