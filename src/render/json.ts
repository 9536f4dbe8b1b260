import type { Result } from '../core/scoring/result.js';

/**
 * The contract's JSON result: every number unrounded, keys in a fixed order, so the same input gives
 * byte-identical output, and no character that could act on a terminal or a CI log. A non-finite number cannot occur in a result; if one did, JSON would hold null.
 */
export function renderJson(result: Result): string {
  // JSON.stringify escapes C0 controls only. The rest a terminal or reader may act on (DEL, C1 such as
  // CSI, line separators, bidi controls) and `##[` (a legacy CI workflow command, honoured anywhere in
  // a line) can only sit inside strings here, where a \uXXXX escape is the same character.
  const text = JSON.stringify(result, null, 2)
    .replace(
      /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
      (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .replaceAll('##[', '#\\u0023[');
  return `${text}\n`;
}
