import type { SourcePlatform } from '../questionnaire/model.js';
import { normaliseAnswer } from './labels.js';

/** One column of a platform's export, as its header rows describe it. */
export interface ExportColumn {
  index: number;
  /** The export's own name for the column, used in messages: header text, or the Qualtrics tag. */
  label: string;
  /** Names a `source.columns` entry may give, in order of preference (tag, text, ImportId...). */
  names: string[];
  /** For matching by text: the question, and the matrix row or sub-label when the header has one. */
  question: string;
  sub: string;
  /** A coded column: LimeSurvey `Q1[SQ001][1]`, Qualtrics `Q1#2_3` or `Q5_1`. */
  code?: { question: string; sub: string; scale?: number };
}

const BRACKETED = /^(.*?)\s*\[([^\]]*)\]\s*$/;
const LIME_CODE = /^([A-Za-z][A-Za-z0-9_]*)\[([A-Za-z0-9_]+)\](?:\[(\d+)\])?(.*)$/s;
const QUALTRICS_SIDE_BY_SIDE = /^([A-Za-z][A-Za-z0-9]*)#(\d+)_(\w+)$/;
const QUALTRICS_MATRIX = /^([A-Za-z][A-Za-z0-9]*)_(\d+)$/;
/** SurveyMonkey's second-row label of a question with one answer column. */
const SM_SINGLE = /^(response|open-ended response|)$/i;

/** A Qualtrics third header row cell: `{"ImportId":"QID1_1"}`. */
function importIdOf(cell: string): string | undefined {
  const match = /^\s*\{\s*"ImportId"\s*:\s*"([^"]*)"/.exec(cell);
  return match?.[1];
}

/** Whether a row is Qualtrics' third header row (JSON ImportIds). */
export function isImportIdRow(row: readonly string[] | undefined): boolean {
  return row?.some((cell) => importIdOf(cell) !== undefined) ?? false;
}

/**
 * How many header rows a platform's export has, looking at its first rows where the platform
 * varies (Qualtrics: 3 with an ImportId row, else the legacy 2).
 * @example defaultHeaderRows('surveymonkey', rows) // 2
 */
export function defaultHeaderRows(platform: SourcePlatform, rows: readonly (readonly string[])[]): number {
  if (platform === 'surveymonkey') return 2;
  if (platform === 'qualtrics') return isImportIdRow(rows[2]) ? 3 : 2;
  return 1;
}

/** `Question [Row]` split in two; a header without brackets is all question. */
function splitBracketed(text: string): { question: string; sub: string } {
  const match = BRACKETED.exec(text);
  return match
    ? { question: (match[1] as string).trim(), sub: (match[2] as string).trim() }
    : { question: text, sub: '' };
}

/**
 * Qualtrics question text `Question - Column set - Row`: the part after the last ` - ` is the row.
 * Legacy exports join them without spaces (`SERVAQUA-Tap water is...`): a dash between a word and
 * a capital letter, so that `modern-looking` stays whole.
 */
function splitDashed(text: string): { question: string; sub: string } {
  const at = text.lastIndexOf(' - ');
  if (at >= 0) return { question: text.slice(0, at).trim(), sub: text.slice(at + 3).trim() };
  const legacy = /^(.*?\S)-(\p{Lu}.*)$/su.exec(text);
  return legacy
    ? { question: (legacy[1] as string).trim(), sub: (legacy[2] as string).trim() }
    : { question: text, sub: '' };
}

function limeCode(label: string): (ExportColumn['code'] & { rest: string }) | undefined {
  const match = LIME_CODE.exec(label);
  if (!match) return undefined;
  const scale = match[3] === undefined ? {} : { scale: Number(match[3]) };
  return {
    question: match[1] as string,
    sub: match[2] as string,
    ...scale,
    rest: (match[4] ?? '').replace(/^[\s.:-]+/, ''),
  };
}

function qualtricsCode(tag: string): ExportColumn['code'] | undefined {
  const side = QUALTRICS_SIDE_BY_SIDE.exec(tag);
  if (side) return { question: side[1] as string, scale: Number(side[2]), sub: side[3] as string };
  const matrix = QUALTRICS_MATRIX.exec(tag);
  return matrix ? { question: matrix[1] as string, sub: matrix[2] as string } : undefined;
}

/**
 * The export's columns from its header rows: names, labels and codes as each platform writes
 * them. SurveyMonkey's blank first-row cells continue the matrix to their left.
 */
export function describeColumns(platform: SourcePlatform, headerRows: readonly (readonly string[])[]): ExportColumn[] {
  const width = Math.max(0, ...headerRows.map((row) => row.length));
  const cell = (row: number, index: number) => (headerRows[row]?.[index] ?? '').trim();
  const columns: ExportColumn[] = [];
  let carried = '';
  for (let index = 0; index < width; index++) {
    const first = cell(0, index);
    if (platform === 'surveymonkey') {
      if (first !== '') carried = first;
      const sub = cell(1, index);
      const single = SM_SINGLE.test(sub);
      const label = single ? carried : `${carried} [${sub}]`;
      columns.push({ index, label, names: [label], question: carried, sub: single ? '' : sub });
    } else if (platform === 'qualtrics') {
      const text = cell(1, index);
      const importId = importIdOf(cell(2, index));
      const code = qualtricsCode(first);
      const label = first || text;
      const names = [first, text, ...(importId ? [importId] : [])].filter((n) => n !== '');
      columns.push({ index, label, names, ...splitDashed(text), ...(code ? { code } : {}) });
    } else if (platform === 'limesurvey') {
      const code = limeCode(first);
      const parts = code ? splitBracketed(code.rest) : splitBracketed(first);
      columns.push({
        index,
        label: first,
        names: [first],
        ...parts,
        ...(code
          ? {
              code: {
                question: code.question,
                sub: code.sub,
                ...(code.scale !== undefined ? { scale: code.scale } : {}),
              },
            }
          : {}),
      });
    } else {
      columns.push({ index, label: first, names: [first], ...splitBracketed(first) });
    }
  }
  return columns;
}

/**
 * Finds the export column a questionnaire names, by each of the columns' names in turn (for
 * Qualtrics: tag, then question text, then ImportId), folding case and spaces.
 * Returns the column, or how many columns matched when it is not exactly one.
 */
export function findExportColumn(columns: readonly ExportColumn[], name: string): ExportColumn | { matches: number } {
  const wanted = normaliseAnswer(name);
  const depth = Math.max(0, ...columns.map((c) => c.names.length));
  for (let position = 0; position < depth; position++) {
    const hits = columns.filter(
      (c) => c.names[position] !== undefined && normaliseAnswer(c.names[position] as string) === wanted,
    );
    if (hits.length === 1) return hits[0] as ExportColumn;
    if (hits.length > 1) return { matches: hits.length };
  }
  return { matches: 0 };
}
