/**
 * Reading and building records keyed by data (ids, column names, labels) without meeting
 * `Object.prototype`: `thresholds.items['toString']` is a function and `out['__proto__'] = 1`
 * replaces the prototype instead of adding a key.
 */

/** The record's own value for `key`, never an inherited one. @example own({}, 'constructor') // undefined */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A record with no prototype, so any key (even `__proto__`) is an ordinary key. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
