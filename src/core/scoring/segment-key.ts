/**
 * Crossed segments: `--group-by sex,frequency` makes one segment per observed combination of the
 * two columns' values. The segment keeps the contract's shape `{column, value}`: `column` is the
 * flag's text with each name trimmed (`sex,frequency`) and `value` the values joined by " × ".
 */

/** Between the values of a crossed segment: a character no export puts between categories. */
const CROSS_SEPARATOR = ' × ';

/** How a blank cell shows inside a crossed value (a whole blank value stays '', as one-way segments keep it). */
const BLANK_PART = '(blank)';

/**
 * The column names a --group-by flag crosses, each trimmed.
 * @example crossedColumns(' sex , frequency') // ['sex', 'frequency']
 */
export function crossedColumns(spec: string): string[] {
  return spec.split(',').map((name) => name.trim());
}

/**
 * The --group-by flag as segments name it: the names trimmed, around the commas too.
 * @example groupLabel(' sex , frequency') // 'sex,frequency'
 */
export function groupLabel(spec: string): string {
  return crossedColumns(spec).join(',');
}

/**
 * The value of a crossed segment: the cells' values (trimmed) in flag order, a blank one as
 * "(blank)", joined by " × ". One column gives its value unchanged ('' when blank).
 * @example crossValue(['F', 'daily']) // 'F × daily'
 * @example crossValue(['F', '']) // 'F × (blank)'
 */
export function crossValue(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0] as string;
  return parts.map((part) => (part === '' ? BLANK_PART : part)).join(CROSS_SEPARATOR);
}
