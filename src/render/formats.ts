/**
 * The report formats, as lists (the CLI's `--format` choices come from them) and as unions (a
 * renderer switch over them is checked for exhaustiveness by the compiler through `unreachable`).
 * A new format: one renderer file, its name here, its case in report.ts or compare.ts.
 */

/** What `score`, `report`, `check` and `merge` write with `--format`. */
export const REPORT_FORMATS = ['table', 'json', 'markdown', 'html', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What `compare` writes with `--format`. */
export const COMPARE_FORMATS = ['table', 'json', 'markdown'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/**
 * The end of an exhaustive switch: the compiler rejects a call whose argument is not `never`, so a
 * case left out is a compile error; at run time (a value the types did not foresee) it throws.
 */
export function unreachable(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
