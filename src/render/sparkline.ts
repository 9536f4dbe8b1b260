/** Eight heights, lowest first: Unicode block elements, and the ASCII stand-ins for a terminal that is not UTF-8. */
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
const ASCII = ['_', '.', '-', '~', '=', '+', '*', '#'] as const;

/**
 * A sparkline: one character per value, its height the value's place in `range` (default: between
 * the values' own lowest and highest, so a row shows its shape, not its size against other rows);
 * a missing value is a space, values with no spread sit at mid height.
 *
 * @example sparkline([1, 2, 3]) // '▁▅█'
 * @example sparkline([1, null, 3], { ascii: true }) // '_ #'
 * @example sparkline([1, 2], { range: [0, 4] }) // '▃▅'
 */
export function sparkline(
  values: readonly (number | null)[],
  options: { ascii?: boolean; range?: readonly [number, number] } = {},
): string {
  const glyphs = options.ascii === true ? ASCII : BLOCKS;
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(...present, ...(options.range ? [options.range[0]] : []));
  const hi = Math.max(...present, ...(options.range ? [options.range[1]] : []));
  const top = glyphs.length - 1;
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      // Differences this small against the values are rounding, not a shape to draw.
      const level =
        hi - lo <= 1e-12 * Math.max(1, Math.abs(hi)) ? Math.floor(top / 2) : Math.round(((v - lo) / (hi - lo)) * top);
      return glyphs[level] ?? ' ';
    })
    .join('');
}
