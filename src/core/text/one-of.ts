/**
 * "column is value" or "column is one of a, b": how a filter (`source.filter`) and a `--where`
 * condition are both worded in messages, so the two read alike.
 * @example isOneOf('Finished', ['true', '1']) // 'Finished is one of true, 1'
 */
export function isOneOf(column: string, values: readonly string[]): string {
  return `${column} is ${values.length === 1 ? '' : 'one of '}${values.join(', ')}`;
}
