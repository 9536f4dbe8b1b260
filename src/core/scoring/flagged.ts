/**
 * Respondents a warning names (straight-liners, speeders): how many, and the ids of the first
 * `MAX_FLAGGED` by input order (issue 15). Each row is judged on its own, so a shard's list is the
 * first ids of its rows, and shards merged in input order (threads, `merge` of partials) name the
 * same ids as one pass: a's list, then b's, cut at the bound.
 */
import type { Decoder, JsonPath } from './partial-decode.js';

/** As many as a duplicate-id warning names (`MAX_EXAMPLES`): the count says how many there are. */
export const MAX_FLAGGED = 10;

export interface Flagged {
  count: number;
  /** The first MAX_FLAGGED flagged respondents' ids (the row number where a row has no id). */
  ids: string[];
}

export function emptyFlagged(): Flagged {
  return { count: 0, ids: [] };
}

/** Counts one flagged respondent; its id is kept while the list has room. */
export function flagRespondent(flagged: Flagged, id: string): void {
  flagged.count++;
  if (flagged.ids.length < MAX_FLAGGED) flagged.ids.push(id);
}

/** a's respondents, then b's, as one pass over a's rows and then b's would flag them. */
export function mergeFlagged(a: Flagged, b: Flagged): Flagged {
  return { count: a.count + b.count, ids: [...a.ids, ...b.ids].slice(0, MAX_FLAGGED) };
}

/** Reads a partial's `{count, ids}` back, reporting to `d` what does not fit. */
export function decodeFlagged(value: unknown, path: JsonPath, d: Decoder): Flagged {
  const o = d.record(value, path, ['count', 'ids']);
  const count = d.count(o.count, [...path, 'count']);
  const ids = d.list(o.ids, [...path, 'ids']).map((x, i) => d.string(x, [...path, 'ids', i]));
  if (ids.length > Math.min(count, MAX_FLAGGED))
    d.fail([...path, 'ids'], `expected at most ${Math.min(count, MAX_FLAGGED)} ids, found ${ids.length}`);
  return { count, ids };
}
