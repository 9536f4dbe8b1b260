/**
 * The report formats, as lists (the CLI's `--format` choices come from them) and as unions (a
 * renderer switch over them is checked for exhaustiveness by the compiler through `unreachable`).
 * A new format: one renderer file, its name here, its case in report.ts or compare.ts (a binary
 * format: in BINARY_REPORT_FORMATS, its case in renderBinaryReport).
 */

/** The report formats that are text (printed to a terminal as they are). */
export const TEXT_REPORT_FORMATS = ['table', 'json', 'markdown', 'html', 'csv'] as const;
export type TextReportFormat = (typeof TEXT_REPORT_FORMATS)[number];

/**
 * The report formats that are bytes (a file, or a pipe; never printed to a terminal). `pdf` is the
 * HTML printed by a browser, an io edge: report-output.ts prints it, not renderBinaryReport.
 */
export const BINARY_REPORT_FORMATS = ['xlsx', 'pdf'] as const;
export type BinaryReportFormat = (typeof BINARY_REPORT_FORMATS)[number];
/** The binary formats rendered in pure code (everything but the browser-printed pdf). */
export type RenderedBinaryFormat = Exclude<BinaryReportFormat, 'pdf'>;

/** What `score`, `report`, `check` and `merge` write with `--format`. */
export const REPORT_FORMATS = [...TEXT_REPORT_FORMATS, ...BINARY_REPORT_FORMATS] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Whether a format is written as bytes (renderBinaryReport) rather than text (renderReport). */
export function isBinaryFormat(format: ReportFormat): format is BinaryReportFormat {
  return (BINARY_REPORT_FORMATS as readonly string[]).includes(format);
}

/** What `compare` writes with `--format`. */
export const COMPARE_FORMATS = ['table', 'json', 'markdown', 'html'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/**
 * The end of an exhaustive switch: the compiler rejects a call whose argument is not `never`, so a
 * case left out is a compile error; at run time (a value the types did not foresee) it throws.
 */
export function unreachable(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}

/** What `trend` writes with `--format`. */
export const TREND_FORMATS = ['table', 'json', 'markdown', 'html'] as const;
export type TrendFormat = (typeof TREND_FORMATS)[number];

/** What `plan` writes with `--format`. */
export const PLAN_FORMATS = ['table', 'json', 'markdown', 'html'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];
