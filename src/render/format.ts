import { displayWidth, splitToWidth } from './display-width.js';
/** Number formatting for human formats; JSON keeps every number unrounded. */

/** Fixed decimals, or an en dash for a missing value. @example fixed(1.234) // '1.23' */
export function fixed(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/** With an explicit sign, as gaps are read. @example signed(0.5) // '+0.50' */
export function signed(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = value.toFixed(digits);
  return value > 0 && text !== (0).toFixed(digits)
    ? `+${text}`
    : text === `-${(0).toFixed(digits)}`
      ? (0).toFixed(digits)
      : text;
}

/** A percentage. @example percent(12.345) // '12.3%' */
export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(digits)}%`;
}

/** A p-value as people read it. @example pValue(0.00001) // '<0.001' */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** `[lo, hi]` as `lo..hi`. */
export function interval(ci: readonly [number, number] | null, digits = 2): string {
  return ci ? `${signed(ci[0], digits)}..${signed(ci[1], digits)}` : '–';
}

/** Words wrapped to a width in terminal columns (a wide character counts two), each line prefixed. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  const room = width - displayWidth(indent);
  let line = '';
  let lineWidth = 0;
  for (const word of text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => splitToWidth(w, room))) {
    const wordWidth = displayWidth(word);
    if (line && lineWidth + 1 + wordWidth > room) {
      lines.push(indent + line);
      line = word;
      lineWidth = wordWidth;
    } else {
      line = line ? `${line} ${word}` : word;
      lineWidth = line === word ? wordWidth : lineWidth + 1 + wordWidth;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}
