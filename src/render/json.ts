import type { Result } from '../core/scoring/result.js';

/**
 * The contract's JSON result: every number unrounded, keys in a fixed order, so the same input gives
 * byte-identical output. A non-finite number cannot occur in a result; if one did, JSON would hold null.
 */
export function renderJson(result: Result): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
