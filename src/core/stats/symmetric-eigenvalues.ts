/**
 * Eigenvalues (no eigenvectors) of a real symmetric matrix: Householder reduction to tridiagonal
 * form, then the implicit QL iteration (EISPACK tred1/tql1; Numerical Recipes' tred2 and tqli
 * without the vectors). Parallel analysis (issue 16) needs only the eigenvalues of 200 correlation
 * matrices; ml-matrix's EigenvalueDecomposition also accumulates the eigenvectors, which costs
 * about as much again. Same values to rounding (the unit test compares the two).
 */

const MAX_SWEEPS = 60;

/** The eigenvalues of symmetric `a` (rows; only the lower triangle is read, and `a` is overwritten), descending. */
export function symmetricEigenvalues(a: Float64Array[]): number[] {
  const n = a.length;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalise(a, d, e);
  tridiagonalQl(d, e);
  return Array.from(d).sort((x, y) => y - x);
}

/** Householder: diagonal to `d`, subdiagonal to `e[1..n-1]` (e[i] couples rows i-1 and i). */
function tridiagonalise(a: Float64Array[], d: Float64Array, e: Float64Array): void {
  const n = a.length;
  for (let i = n - 1; i > 0; i--) {
    const ai = a[i] as Float64Array;
    const l = i - 1;
    let h = 0;
    if (l > 0) {
      let scale = 0;
      for (let k = 0; k < i; k++) scale += Math.abs(ai[k] as number);
      if (scale === 0) {
        e[i] = ai[l] as number;
      } else {
        // Scaled to avoid under- and overflow in the sum of squares.
        for (let k = 0; k < i; k++) {
          ai[k] = (ai[k] as number) / scale;
          h += (ai[k] as number) ** 2;
        }
        let f = ai[l] as number;
        let g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        e[i] = scale * g;
        h -= f * g;
        ai[l] = f - g;
        f = 0;
        for (let j = 0; j < i; j++) {
          g = 0;
          for (let k = 0; k <= j; k++) g += ((a[j] as Float64Array)[k] as number) * (ai[k] as number);
          for (let k = j + 1; k < i; k++) g += ((a[k] as Float64Array)[j] as number) * (ai[k] as number);
          e[j] = g / h;
          f += (e[j] as number) * (ai[j] as number);
        }
        const hh = f / (h + h);
        for (let j = 0; j < i; j++) {
          const aj = a[j] as Float64Array;
          f = ai[j] as number;
          g = (e[j] as number) - hh * f;
          e[j] = g;
          for (let k = 0; k <= j; k++) aj[k] = (aj[k] as number) - (f * (e[k] as number) + g * (ai[k] as number));
        }
      }
    } else {
      e[i] = ai[l] as number;
    }
  }
  for (let i = 0; i < n; i++) d[i] = (a[i] as Float64Array)[i] as number;
}

/** Implicit QL with Wilkinson shifts on the tridiagonal (d, e from `tridiagonalise`); eigenvalues left in `d`. */
function tridiagonalQl(d: Float64Array, e: Float64Array): void {
  const n = d.length;
  for (let i = 1; i < n; i++) e[i - 1] = e[i] as number;
  e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let sweeps = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m] as number) + Math.abs(d[m + 1] as number);
        if (Math.abs(e[m] as number) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (sweeps++ === MAX_SWEEPS) throw new RangeError('symmetricEigenvalues: QL iteration did not converge');
      let g = ((d[l + 1] as number) - (d[l] as number)) / (2 * (e[l] as number));
      let r = Math.hypot(g, 1);
      g = (d[m] as number) - (d[l] as number) + (e[l] as number) / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i: number;
      for (i = m - 1; i >= l; i--) {
        const f = s * (e[i] as number);
        const b = c * (e[i] as number);
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // Deflation: the matrix splits here; start the sweep again.
          d[i + 1] = (d[i + 1] as number) - p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = (d[i + 1] as number) - p;
        r = ((d[i] as number) - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (r === 0 && i >= l) continue;
      d[l] = (d[l] as number) - p;
      e[l] = g;
      e[m] = 0;
    } while (m !== l);
  }
}
