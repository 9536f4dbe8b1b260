import type { Questionnaire } from '../questionnaire/model.js';
import { allItems } from '../questionnaire/model.js';
import { answerKinds } from '../scoring/column-plan.js';
import type { Detection } from './detect.js';
import { findExportColumn, hasExportColumn, type ExportColumn } from './headers.js';
import {
  type AnswerTexts,
  answerTextTables,
  DEFAULT_MISSING,
  NUMBER,
  NUMBERED_LABEL,
  defaultLabels,
  normaliseAnswer,
} from './labels.js';
import type { Platform } from './platforms/platform.js';
import { proposeAnswers, proposeOthers, type ProposedColumn } from './propose.js';

/** A proposed label: the text as the export writes it, and its number (null: unknown, ask the user). */
interface ProposedLabel {
  text: string;
  value: number | null;
  note: string;
}

/** Everything `servqual map` proposes for a questionnaire's `source` section. */
export interface SourceProposal {
  platform: Platform;
  detection: Detection | null;
  headerRows: number;
  respondent: string | null;
  columns: ProposedColumn[];
  /** Needed answers no column was found for: `the expectation of item T1`. */
  unmatched: string[];
  labels: ProposedLabel[];
  missing: string[];
  duration: string | null;
  /** The default filter's effect, for a comment. */
  filterNote: string | null;
  /** How many responses the labels were collected from. */
  sampled: number;
  /** The long format's column names, as the export has them. */
  long: { item: string; kind: string; value: string } | null;
}

const KIND_CELL = /^(e|p|min|des|expectation|perception|minimum|desired|w|weight|kpi|segment|ожидание|восприятие)?$/i;

/**
 * The long format's columns from its content: the kinds column holds only answer kinds, the item
 * column mostly the questionnaire's ids, the respondent column comes first, the value column is
 * what is left. Null when the shape does not fit.
 */
function proposeLong(
  q: Questionnaire,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): { respondent: number; item: number; kind: number; value: number } | null {
  const ids = new Set([
    ...allItems(q).map((i) => i.id),
    ...q.dimensions.map((d) => d.id),
    ...q.kpis.map((k) => k.id),
    ...q.segments,
  ]);
  const width = header.length;
  const share = (test: (cell: string) => boolean, c: number) =>
    rows.filter((r) => test((r[c] ?? '').trim())).length / Math.max(1, rows.length);
  const columns = Array.from({ length: width }, (_, c) => c);
  const kind = columns.find(
    (c) => share((cell) => KIND_CELL.test(cell), c) === 1 && share((cell) => cell !== '', c) > 0,
  );
  const item = columns
    .filter((c) => c !== kind)
    .sort((a, b) => share((cell) => ids.has(cell), b) - share((cell) => ids.has(cell), a))[0];
  if (kind === undefined || item === undefined || share((cell) => ids.has(cell), item) < 0.5) return null;
  const rest = columns.filter((c) => c !== kind && c !== item);
  const respondent = rest[0];
  const value = rest[1];
  return respondent === undefined || value === undefined ? null : { respondent, item, kind, value };
}

/** LimeSurvey answer codes such as AO01 or A1: the number is most likely the scale point. */
const ANSWER_CODE = /^[A-Za-z]{1,3}0*(\d{1,2})$/;

function firstFound(columns: readonly ExportColumn[], names: readonly string[]): string | null {
  for (const name of names) {
    const found = findExportColumn(columns, name);
    if (!('matches' in found)) return name;
  }
  return null;
}

/** The distinct texts in the mapped columns' cells, with their proposed numbers. */
function proposeLabels(
  q: Questionnaire,
  indexes: readonly number[],
  rows: readonly (readonly string[])[],
  own: ReadonlyMap<number, AnswerTexts> = new Map(),
): { labels: ProposedLabel[]; missing: string[] } {
  const texts = new Map<string, string>();
  for (const row of rows) {
    for (const index of indexes) {
      const text = (row[index] ?? '').trim();
      if (text === '' || (NUMBER.test(text) && !DEFAULT_MISSING.includes(text))) continue;
      const key = normaliseAnswer(text);
      // A column of an item on its own scale reads its scale's texts already (Yes and No on 0-1).
      if (own.get(index)?.labels.has(key)) continue;
      if (!texts.has(key)) texts.set(key, text);
    }
  }
  const builtIn = new Map(Object.entries(defaultLabels(q.scale)));
  for (const [point, text] of Object.entries(q.scale.labels)) builtIn.set(normaliseAnswer(text), Number(point));
  const labels: ProposedLabel[] = [];
  const missing: string[] = [];
  for (const [key, text] of texts) {
    const known = builtIn.get(key);
    const code = ANSWER_CODE.exec(text);
    if (known !== undefined) labels.push({ text, value: known, note: '' });
    else if (DEFAULT_MISSING.includes(key)) missing.push(text);
    else if (NUMBERED_LABEL.test(text)) continue;
    else if (code)
      labels.push({ text, value: Number(code[1]), note: 'an answer code: check that it is this point of the scale' });
    else labels.push({ text, value: null, note: 'unknown answer: give its number, or move it under missing' });
  }
  labels.sort((a, b) => (a.value ?? Infinity) - (b.value ?? Infinity) || a.text.localeCompare(b.text));
  return { labels, missing: missing.sort() };
}

/**
 * Proposes the `source` section for an export from its first rows (header rows, then a sample of
 * responses for the answer texts): the columns of every answer, weight, KPI and segment it can
 * match, the labels of the text answers found, and the platform's respondent and duration columns.
 */
export function proposeSource(
  q: Questionnaire,
  platform: Platform,
  rows: readonly (readonly string[])[],
  detection: Detection | null,
): SourceProposal {
  const headerRows = platform.headerRows(rows);
  const columns = platform.describeColumns(rows.slice(0, headerRows));
  const sample = rows.slice(headerRows);
  const isLong = platform.layout === 'long';
  const answers = isLong ? [] : proposeAnswers(q, platform, columns);
  const others = isLong ? [] : proposeOthers(q, platform, columns, new Set(answers.map((a) => a.column)));
  const mapped = [...answers, ...others];
  const unmatched: string[] = [];
  if (!isLong) {
    for (const item of allItems(q)) {
      for (const kind of answerKinds(q.format)) {
        if (!answers.some((a) => a.target.type === 'answer' && a.target.item === item.id && a.target.kind === kind))
          unmatched.push(`the ${kind} of item ${item.id}`);
      }
    }
  }
  const long = isLong ? proposeLong(q, rows[0] ?? [], sample) : null;
  const answerColumns = isLong
    ? long
      ? [long.value]
      : []
    : mapped.flatMap((p) => {
        const found = p.target.type === 'segment' ? { matches: 0 } : findExportColumn(columns, p.column);
        return 'matches' in found ? [] : [found.index];
      });
  // Segment rows of a long export hold names, not answers.
  const answerRows = long
    ? sample.filter(
        (r) => !/^segment$/i.test((r[long.kind] ?? '').trim()) && !q.segments.includes((r[long.item] ?? '').trim()),
      )
    : sample;
  // The columns of items on a scale of their own, with the texts that scale reads.
  const tables = answerTextTables(q);
  const scaled = new Set(allItems(q).flatMap((item) => (item.scale ? [item.id] : [])));
  const own = new Map<number, AnswerTexts>();
  if (!isLong) {
    for (const p of mapped) {
      if (p.target.type !== 'answer' || !scaled.has(p.target.item)) continue;
      const found = findExportColumn(columns, p.column);
      if (!('matches' in found)) own.set(found.index, tables(p.target.item));
    }
  }
  const { labels, missing } = proposeLabels(q, answerColumns, answerRows, own);
  const label = (index: number | undefined) => columns[index ?? -1]?.label ?? '';
  const respondent = long ? label(long.respondent) : firstFound(columns, platform.respondentColumns);
  // The default filters the export has columns for, as `planExport` applies them.
  const filterNotes = platform.filters.filter((f) => hasExportColumn(columns, f.filter.column)).map((f) => f.note);
  return {
    platform,
    detection,
    headerRows,
    respondent,
    columns: mapped,
    unmatched,
    labels,
    missing,
    duration: firstFound(columns, platform.durationColumns),
    filterNote: filterNotes.length > 0 ? filterNotes.join('; ') : null,
    sampled: sample.length,
    long: long ? { item: label(long.item), kind: label(long.kind), value: label(long.value) } : null,
  };
}
