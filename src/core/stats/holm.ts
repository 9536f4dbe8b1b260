/**
 * Holm's step-down adjustment of p-values (as R's `p.adjust(p, "holm")`), skipping nulls.
 *
 * With the m non-null p sorted ascending, `p_adj(i) = min(1, max_{j <= i} (m - j + 1) * p_(j))`;
 * results are returned in input order and nulls stay null. Ties keep their input order.
 * Non-null entries are expected to be p-values in [0, 1].
 *
 * @example holmAdjust([0.01, null, 0.04, 0.03, 0.005]) // [0.03, null, 0.06, 0.06, 0.02]
 */
export function holmAdjust(ps: readonly (number | null)[]): (number | null)[] {
  const out: (number | null)[] = ps.map(() => null);
  const order: number[] = [];
  ps.forEach((p, i) => {
    if (p !== null) order.push(i);
  });
  // Indices in `order` all point at non-null entries, so the casts below only narrow the type.
  order.sort((i, j) => (ps[i] as number) - (ps[j] as number) || i - j);
  const m = order.length;
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (ps[idx] as number)));
    out[idx] = running;
  });
  return out;
}
