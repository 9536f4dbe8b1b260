import { Matrix } from 'ml-matrix';

// Sums merged in a different order leave a covariance or correlation matrix asymmetric in its last
// bits; ml-matrix's Cholesky throws on any asymmetry, so inputs are averaged with their transpose.
const ASYMMETRY = 1e-9;

/**
 * The square matrix `m` as an exactly symmetric Matrix (`(m + m') / 2`), or null when it is not
 * square, has a value that is not finite, or an entry differs from its mirror by more than 1e-9
 * relative to the larger diagonal entry of the two (a real asymmetry, not rounding).
 *
 * @example symmetricMatrix([[1, 0.5], [0.5000000000001, 1]])?.get(0, 1) // 0.50000000000005
 */
export function symmetricMatrix(m: readonly (readonly number[])[]): Matrix | null {
  const k = m.length;
  if (m.some((row) => row.length !== k || row.some((v) => !Number.isFinite(v)))) return null;
  const out = new Matrix(k, k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const a = m[i]?.[j] as number;
      const b = m[j]?.[i] as number;
      const scale = Math.max(Math.abs(m[i]?.[i] as number), Math.abs(m[j]?.[j] as number), Number.MIN_VALUE);
      if (Math.abs(a - b) > ASYMMETRY * scale) return null;
      const v = (a + b) / 2;
      out.set(i, j, v);
      out.set(j, i, v);
    }
  }
  return out;
}
