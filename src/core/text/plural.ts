/**
 * An English count with its noun: the scorer's warnings and the exports' warnings word counts alike.
 * @example plural(1, 'row') // "1 row"; plural(3, 'response') // "3 responses"
 */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
