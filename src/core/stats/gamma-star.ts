// Stirling's series is used from z = 10 on, where nine terms leave an error below 1e-18.
const STIRLING_FROM = 10;

// B_2k / (2k (2k - 1)) for k = 1..9 (Bernoulli numbers B_2 = 1/6, B_4 = -1/30, ...).
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
  43867 / 244188,
];

/**
 * The log of the scaled gamma function: `ln Γ*(z)` with `Γ(z) = √(2π) z^(z - 1/2) e^(-z) Γ*(z)`, z > 0.
 *
 * Γ* is Stirling's correction factor (DLMF 5.11.3; Didonato & Morris's "bcorr" and Boost's Lanczos
 * "sum_expG_scaled" play the same part): ratios of gamma functions built from it keep full relative
 * accuracy for huge arguments, where `ln Γ(a) - ln Γ(a + b)` from two log-gammas would cancel.
 * For z >= 10 the series `Σ B_2k / (2k (2k - 1) z^(2k - 1))`; below, the recurrence
 * `Γ(z) = Γ(z + n) / (z (z + 1) ... (z + n - 1))` moves the argument up first.
 *
 * @example logGammaStar(0.5) // 0.15342640972002736 = (1 - ln 2) / 2, as Γ(1/2) = √π
 */
export function logGammaStar(z: number): number {
  if (z >= STIRLING_FROM) return stirlingSeries(z);
  const n = Math.ceil(STIRLING_FROM - z);
  const w = z + n;
  // ln Γ*(z) = ln Γ*(z + n) - n + n ln(z + n) + (z - 1/2) ln(1 + n / z) - Σ ln(z + k).
  let product = 1;
  for (let k = 0; k < n; k++) product *= w / (z + k);
  return stirlingSeries(w) - n + Math.log(product) + (z - 0.5) * Math.log1p(n / z);
}

function stirlingSeries(z: number): number {
  const r = 1 / (z * z);
  let sum = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) sum = sum * r + (STIRLING[k] as number);
  return sum / z;
}
