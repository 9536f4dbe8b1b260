/**
 * The heterotrait-monotrait ratio of correlations of two blocks of items (Henseler, Ringle &
 * Sarstedt 2015, J. Acad. Mark. Sci. 43, eq. 6): the mean correlation between the blocks' items
 * over the geometric mean of each block's mean correlation among its own items,
 * `HTMT_ab = mean(r_ij : i in a, j in b) / sqrt(mean(r_ij : i < j in a) · mean(r_ij : i < j in b))`.
 *
 * The correlations are used as they are (the paper's definition; semTools' `absolute = TRUE`
 * would hide a negatively keyed item instead). Null when a block has fewer than two items or
 * the product of the monotrait means is not positive.
 *
 * @example htmt(r, [0, 1], [2, 3]) // 0.3 / sqrt(0.6 * 0.5) for within-block r .6 and .5, between .3
 */
export function htmt(r: readonly (readonly number[])[], a: readonly number[], b: readonly number[]): number | null {
  const monoA = meanWithin(r, a);
  const monoB = meanWithin(r, b);
  if (monoA === null || monoB === null || !(monoA * monoB > 0)) return null;
  let hetero = 0;
  for (const i of a) for (const j of b) hetero += (r[i] as readonly number[])[j] as number;
  return hetero / (a.length * b.length) / Math.sqrt(monoA * monoB);
}

/** Mean correlation among a block's own items (i < j); null with fewer than two items. */
function meanWithin(r: readonly (readonly number[])[], block: readonly number[]): number | null {
  if (block.length < 2) return null;
  let sum = 0;
  for (let x = 0; x < block.length; x++)
    for (let y = x + 1; y < block.length; y++)
      sum += (r[block[x] as number] as readonly number[])[block[y] as number] as number;
  return sum / ((block.length * (block.length - 1)) / 2);
}
