// Type declarations for scripts/generate-responses.js (plain ESM JavaScript, run with bare node).
import type { Writable } from 'node:stream';

export interface GeneratorScale {
  min: number;
  max: number;
}

export interface GeneratorQuestionnaire {
  format?: 'two-column' | 'three-column' | 'perceptions-only';
  language?: string;
  scale?: GeneratorScale;
  dimensions: Array<{ id: string; items: Array<{ id: string; reverse?: boolean; scale?: GeneratorScale }> }>;
  kpis?: Array<{ id: string; type: string; scale?: GeneratorScale }>;
  columns?: {
    respondent?: string;
    expectation?: string;
    perception?: string;
    minimum?: string;
    desired?: string;
    weight?: string;
  };
}

export interface GenerateOptions {
  /** number of respondent rows (header not counted) */
  rows: number;
  /** number or text; the same seed gives byte-identical output (default 1) */
  seed?: number | string;
  /** probability that an answer cell is blank (default 0.02) */
  missingRate?: number;
  /** probability that a row's 100-point allocation does not sum to 100 (default 0.05) */
  invalidWeightRate?: number;
  /** probability that all of a row's weight cells are blank (default 0.05) */
  blankWeightRate?: number;
  /** segment columns and their values (default branch and channel) */
  segments?: Record<string, string[]>;
  /** about 30% of rows get a free-text comment (default true) */
  comments?: boolean;
  /** the last N rows reuse earlier respondent ids (default 0) */
  duplicateIds?: number;
  /** N rows give the same answer to every item (default 0) */
  straightLiners?: number;
  /** CRLF line endings (also inside quoted multi-line comments) (default false) */
  crlf?: boolean;
}

export declare const DEFAULT_SEGMENTS: Readonly<Record<string, string[]>>;

/** Quotes a CSV field per RFC 4180 only when needed. */
export declare function csvField(s: string): string;

/** CSV lines (header first), without trailing newlines; built lazily, one row at a time. */
export declare function generateResponses(
  questionnaire: GeneratorQuestionnaire,
  options: GenerateOptions,
): Generator<string, void, void>;

/** Writes the CSV to `out` with backpressure; does not end it. Resolves to the bytes written. */
export declare function writeResponses(
  questionnaire: GeneratorQuestionnaire,
  options: GenerateOptions,
  out: Writable,
): Promise<number>;
