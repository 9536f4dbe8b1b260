/**
 * Text from data (segment values, ids, labels, titles, warning messages) made safe wherever it is
 * shown: a terminal, a CI log, Markdown, CSV, XML. One module, so every renderer escapes alike.
 * Pure: strings in, strings out.
 */

/**
 * C0 controls (ESC, CR, LF, TAB...), DEL, C1 controls, the line and paragraph separators and the
 * Unicode bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069): characters that move
 * the cursor, recolour or clear a terminal, break a line, or reorder what a reader sees.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');

/**
 * Control and bidi characters escaped visibly, as a programmer would write them; other text
 * unchanged. The result holds no line break.
 * @example visible('a\u001b[31mb\nc\u202e') // 'a\\x1b[31mb\\x0ac\\u202e'
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/**
 * Text for a terminal or a log: `visible`, and no GitHub Actions workflow command can be formed.
 * The runner takes a line as a command when, after leading spaces, it begins with `::` (or holds
 * the legacy `##[`); data is never a whole line, but wrapped text may start a line with any word,
 * so `::` after a space or at the start, and every `##[`, get their first character escaped.
 * @example terminalText('::error::x') // '\\x3a:error::x'
 */
export function terminalText(text: string): string {
  return visible(text)
    .replace(/(^|\s)::/g, '$1\\x3a:')
    .replace(/##\[/g, '#\\x23[');
}

/**
 * Data inside a GitHub Actions workflow command's message, escaped as the runner specifies
 * (`%` first, then CR and LF), after `terminalText` so no control character reaches the log.
 * @example workflowData('50%\nx') // '50%25%0Ax'
 */
export function workflowData(text: string): string {
  return terminalText(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Data inside a workflow command's property value (`title=...`): as `workflowData`, and also `:`
 * and `,`, which end a property.
 * @example workflowProperty('dimension:x,y') // 'dimension%3Ax%2Cy'
 */
export function workflowProperty(text: string): string {
  return workflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * A copy of a JSON-like value with every string (not keys) passed through `fn`: renderers apply
 * an escape once to a whole result instead of at each place a string is shown. Own enumerable
 * keys only, copied onto plain objects with `defineProperty`, so `__proto__` stays data.
 * @example mapStrings({ a: ['x\n'] }, visible) // { a: ['x\\x0a'] }
 */
export function mapStrings<T>(value: T, fn: (text: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((entry: unknown) => mapStrings(entry, fn)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    Object.defineProperty(out, key, {
      value: mapStrings(entry, fn),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out as T;
}
