import { countNames, type ExportColumn, headerCells } from '../headers.js';
import type { Platform } from './platform.js';

/** Qualtrics: tags over question text, and since 2016 a third header row of JSON ImportIds. */

const META = [
  'startdate',
  'enddate',
  'status',
  'progress',
  'duration (in seconds)',
  'finished',
  'recordeddate',
  'responseid',
];
const SIDE_BY_SIDE = /^([A-Za-z][A-Za-z0-9]*)#(\d+)_(\w+)$/;
const MATRIX = /^([A-Za-z][A-Za-z0-9]*)_(\d+)$/;

/** A third header row cell: `{"ImportId":"QID1_1"}`. */
function importIdOf(cell: string): string | undefined {
  const match = /^\s*\{\s*"ImportId"\s*:\s*"([^"]*)"/.exec(cell);
  return match?.[1];
}

/** Whether a row is the third header row (JSON ImportIds). */
const isImportIdRow = (row: readonly string[] | undefined): boolean =>
  row?.some((cell) => importIdOf(cell) !== undefined) ?? false;

/**
 * Question text `Question - Column set - Row`: the part after the last ` - ` is the row.
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

/** A side-by-side tag `Q1#2_3` (question, scale, row) or a matrix tag `Q5_1`. */
function codeOf(tag: string): ExportColumn['code'] | undefined {
  const side = SIDE_BY_SIDE.exec(tag);
  if (side) return { question: side[1] as string, scale: Number(side[2]), sub: side[3] as string };
  const matrix = MATRIX.exec(tag);
  return matrix ? { question: matrix[1] as string, sub: matrix[2] as string } : undefined;
}

export const qualtrics: Platform<'qualtrics'> = {
  id: 'qualtrics',
  name: 'Qualtrics',
  layout: 'wide',
  detectOrder: 10,
  detect(rows) {
    const first = rows[0] ?? [];
    const second = rows[1] ?? [];
    if (isImportIdRow(rows[2])) return { confidence: 'high', reason: 'a third header row of {"ImportId": ...}' };
    if (
      /^v1$/i.test(first[0] ?? '') &&
      /^v2$/i.test(first[1] ?? '') &&
      (second[0] ?? '').trim().toLowerCase() === 'responseid'
    )
      return { confidence: 'high', reason: 'legacy header V1, V2... over ResponseID' };
    const found = countNames(first, META);
    if (found < 4) return null;
    return {
      confidence: found >= 6 ? 'high' : 'medium',
      reason: `Qualtrics metadata columns (${META.filter((n) => first.some((c) => c.trim().toLowerCase() === n))
        .slice(0, 3)
        .join(', ')}...)`,
    };
  },
  headerRows: (rows) => (isImportIdRow(rows[2]) ? 3 : 2),
  describeColumns(headerRows) {
    const { width, cell } = headerCells(headerRows);
    return Array.from({ length: width }, (_, index) => {
      const tag = cell(0, index);
      const text = cell(1, index);
      const importId = importIdOf(cell(2, index));
      const code = codeOf(tag);
      const names = [tag, text, ...(importId ? [importId] : [])].filter((n) => n !== '');
      return { index, label: tag || text, names, ...splitDashed(text), ...(code ? { code } : {}) };
    });
  },
  // Matched folding case, so ResponseID (older exports) too; V1 is the legacy export's tag for it.
  respondentColumns: ['ResponseId', 'V1'],
  durationColumns: ['Duration (in seconds)', 'Q_TotalDuration'],
  filters: [
    { filter: { column: 'Finished', in: ['true', '1'] }, note: 'only responses with Finished true (or 1) are scored' },
  ],
  metadata: {
    names: [
      'startdate',
      'enddate',
      'status',
      'ipaddress',
      'progress',
      'duration (in seconds)',
      'finished',
      'recordeddate',
      'responseid',
      'recipientlastname',
      'recipientfirstname',
      'recipientemail',
      'externalreference',
      'externaldatareference',
      'locationlatitude',
      'locationlongitude',
      'distributionchannel',
      'userlanguage',
      'responseset',
      'name',
      'emailaddress',
      'q_totalduration',
    ],
    label: /^V\d+$|_NPS_GROUP$|_TEXT$/,
  },
};
