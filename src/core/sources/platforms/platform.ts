import type { SourceFilter } from '../../questionnaire/model.js';
import type { ExportColumn } from '../headers.js';

/** What a platform's `detect` says about an export's first rows. */
export interface PlatformMatch {
  /** high: the platform's own markers; medium: its usual shape; low: nothing recognised. */
  confidence: 'high' | 'medium' | 'low';
  /** Why, in words for a message: `first column "Timestamp"`. */
  reason: string;
}

/** A response filter a platform applies when the export has its column and the questionnaire gives none. */
interface DefaultFilter {
  filter: SourceFilter;
  /** What it does, for the comment `servqual map` writes: `only responses with a submitdate are scored`. */
  note: string;
}

/**
 * Everything servqual knows about one survey platform's export, in one object: the registry
 * (`platforms/index.ts`) lists them, and the readers, `servqual map` and the questionnaire schema
 * ask it instead of testing platform names.
 */
export interface Platform<Id extends string = string> {
  /** The value of `source.platform` and `--source`. */
  id: Id;
  /** The platform's name in messages: `Google Forms`. */
  name: string;
  /**
   * How its rows are read: `generic` is servqual's own CSV (read as it is, no source section
   * needed); `wide` is one row per respondent, adapted through `source.columns`; `long` is one
   * row per answer, pivoted into one record per respondent.
   */
  layout: 'generic' | 'wide' | 'long';
  /**
   * When detection asks this platform, lower first: platforms with their own markers go before
   * those that only recognise a shape, and the catch-all (generic) last.
   */
  detectOrder: number;
  /** Whether an export's first rows (header rows and a response or two) are this platform's; null when not. */
  detect(rows: readonly (readonly string[])[]): PlatformMatch | null;
  /** How many header rows its export has, from its first rows where the platform varies. */
  headerRows(rows: readonly (readonly string[])[]): number;
  /** Its export's columns as the header rows describe them: names, labels, codes. */
  describeColumns(headerRows: readonly (readonly string[])[]): ExportColumn[];
  /** The respondent id column when the questionnaire names none: the first the export has. */
  respondentColumns: readonly string[];
  /** The duration column (seconds, for speeders) when the questionnaire names none: the first the export has. */
  durationColumns: readonly string[];
  /** Filters applied when the questionnaire gives none, each where the export has its column. */
  filters: readonly DefaultFilter[];
  /**
   * Columns every export of the platform has besides the answers, which `servqual map` never
   * proposes as answers: names compared folded (`normaliseAnswer`), and a pattern for the export
   * label (Qualtrics `V1`, LimeSurvey `groupTime12`).
   */
  metadata: { names: readonly string[]; label?: RegExp };
}
