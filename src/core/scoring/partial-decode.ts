/**
 * Strict readers for the parts of a partial result: each checks one JSON value, reports what is
 * wrong with its path, and returns a safe stand-in so reading goes on and every problem is found.
 */

import type { Problem } from '../problem.js';
import { formatPath as formatQuestionnairePath } from '../questionnaire/problem.js';

export type JsonPath = (string | number)[];

export interface PartialProblem extends Problem {
  code: 'not-a-partial' | 'partial-version' | 'questionnaire-mismatch' | 'invalid-partial';
  /** Where in the JSON document, e.g. ["overall", "item", "gap", 3]. */
  path: JsonPath;
}

/** `overall.item.gap[3]`, or `document` for the root. */
function formatPath(path: JsonPath): string {
  return path.length === 0 ? 'document' : formatQuestionnairePath(path);
}

/** What a value is, for a message: `a string`, `null`, `a list of 3`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  if (value === undefined) return 'nothing';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Problems kept in full; beyond, only counted (a list of a million bad entries would hold a million messages). */
const MAX_KEPT = 1000;

export class Decoder {
  readonly problems: PartialProblem[] = [];
  /** Problems found beyond MAX_KEPT, counted only. */
  omitted = 0;
  /** Paths already reported: what lies under them is a stand-in, so its problems would only repeat the first. */
  private readonly failed = new Set<string>();

  /** Reports a problem at `path`; `covers` (default `path`) is the value whose inner problems it explains. */
  fail(path: JsonPath, message: string, covers: JsonPath = path): void {
    for (let length = covers.length; length >= 0; length--) {
      if (this.failed.has(JSON.stringify(covers.slice(0, length)))) return;
    }
    this.failed.add(JSON.stringify(covers));
    if (this.problems.length >= MAX_KEPT) {
      this.omitted++;
      return;
    }
    this.problems.push({ code: 'invalid-partial', path, message: `${formatPath(path)}: ${message}` });
  }

  /** An object with exactly these keys; unknown and missing keys are problems. */
  record(value: unknown, path: JsonPath, keys: readonly string[]): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, `expected an object, found ${describe(value)}`);
      return {};
    }
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (!keys.includes(key)) this.fail([...path, key], 'unknown key');
    }
    for (const key of keys) {
      if (!Object.hasOwn(obj, key)) this.fail(path, `missing key "${key}"`, [...path, key]);
    }
    return obj;
  }

  /** A list; with `length`, of exactly that many entries (`what` says what one entry is for). */
  list(value: unknown, path: JsonPath, length?: number, what = 'entry'): unknown[] {
    if (!Array.isArray(value)) {
      this.fail(path, `expected a list, found ${describe(value)}`);
      return length === undefined ? [] : new Array<unknown>(length).fill(undefined);
    }
    if (length !== undefined && value.length !== length) {
      this.fail(path, `expected ${length} entries (one per ${what}), found ${value.length}`);
      return new Array<unknown>(length).fill(undefined);
    }
    return value;
  }

  /** A finite number (JSON has no NaN or Infinity; a hand-edited file may hold null or a string). */
  real(value: unknown, path: JsonPath): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(path, `expected a finite number, found ${describe(value)}`);
      return 0;
    }
    return value;
  }

  nonNegative(value: unknown, path: JsonPath): number {
    const x = this.real(value, path);
    if (x < 0) {
      this.fail(path, `expected a number >= 0, found ${x}`);
      return 0;
    }
    return x;
  }

  /** A whole number >= 0 that doubles hold exactly. */
  count(value: unknown, path: JsonPath): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      this.fail(path, `expected a whole number >= 0, found ${describe(value)}`);
      return 0;
    }
    return value;
  }

  string(value: unknown, path: JsonPath): string {
    if (typeof value !== 'string') {
      this.fail(path, `expected a string, found ${describe(value)}`);
      return '';
    }
    return value;
  }

  boolean(value: unknown, path: JsonPath): boolean {
    if (typeof value !== 'boolean') {
      this.fail(path, `expected true or false, found ${describe(value)}`);
      return false;
    }
    return value;
  }
}
