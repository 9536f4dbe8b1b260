/** A seeded source of uniform, normal and chi-square variates (deterministic simulations). */
export interface Random {
  /** Uniform on (0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Chi-square with `df` > 0 degrees of freedom. */
  chiSquare(df: number): number;
}

/**
 * xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32: 128 bits of state, period 2^128 - 1,
 * passing BigCrush; uniforms from 32-bit outputs (never 0). Normals by the Marsaglia polar method,
 * chi-squares as 2 Gamma(df / 2) by Marsaglia & Tsang (2000), with the U^(1/a) boost below shape 1.
 *
 * @example seededRandom(1).normal() // the same number on every run and platform
 */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state = [splitmix(), splitmix(), splitmix(), splitmix()];
  const next = (): number => {
    const [a, b, c, d] = state as [number, number, number, number];
    const result = Math.imul(rotate(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    const c1 = (c ^ a) >>> 0;
    const d1 = (d ^ b) >>> 0;
    state[1] = (b ^ c1) >>> 0;
    state[0] = (a ^ d1) >>> 0;
    state[2] = (c1 ^ t) >>> 0;
    state[3] = rotate(d1, 11);
    return result;
  };
  const uniform = (): number => (next() + 0.5) / 4294967296;
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const q = u * u + v * v;
      if (q > 0 && q < 1) {
        const factor = Math.sqrt((-2 * Math.log(q)) / q);
        spare = v * factor;
        return u * factor;
      }
    }
  };
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      const u = uniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return { uniform, normal, chiSquare: (df) => 2 * gamma(df / 2) };
}

function rotate(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
