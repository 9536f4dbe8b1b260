import { countNames, headerCells, splitBracketed, type ExportColumn } from '../headers.js';
import type { Platform } from './platform.js';

/** LimeSurvey: one header row of question codes, `Q1[SQ001]` for an array row and `Q1[SQ001][1]` for a dual scale. */

const META = ['id', 'submitdate', 'lastpage', 'startlanguage', 'seed', 'startdate', 'datestamp'];
const CODE = /^([A-Za-z][A-Za-z0-9_]*)\[([A-Za-z0-9_]+)\](?:\[(\d+)\])?(.*)$/s;
const CODE_START = /^[A-Za-z][A-Za-z0-9_]*\[[A-Za-z0-9_]+\](\[\d+\])?/;

/** A coded header's code, and the text after it (`Q1[SQ001]. Modern equipment`). */
function codeOf(label: string): { code: NonNullable<ExportColumn['code']>; rest: string } | undefined {
  const match = CODE.exec(label);
  if (!match) return undefined;
  const scale = match[3] === undefined ? {} : { scale: Number(match[3]) };
  return {
    code: { question: match[1] as string, sub: match[2] as string, ...scale },
    rest: (match[4] ?? '').replace(/^[\s.:-]+/, ''),
  };
}

export const limesurvey: Platform<'limesurvey'> = {
  id: 'limesurvey',
  name: 'LimeSurvey',
  layout: 'wide',
  detectOrder: 30,
  detect(rows) {
    const first = rows[0] ?? [];
    if (countNames(first, META) >= 3)
      return { confidence: 'high', reason: 'LimeSurvey columns id, submitdate, lastpage...' };
    const codes = first.filter((c) => CODE_START.test(c.trim())).length;
    if (codes < 2) return null;
    return {
      confidence: 'medium',
      reason: `question codes such as "${first.find((c) => c.includes('['))?.trim() ?? ''}"`,
    };
  },
  headerRows: () => 1,
  describeColumns(headerRows) {
    const { width, cell } = headerCells(headerRows);
    return Array.from({ length: width }, (_, index) => {
      const label = cell(0, index);
      const coded = codeOf(label);
      const parts = coded ? splitBracketed(coded.rest) : splitBracketed(label);
      return { index, label, names: [label], ...parts, ...(coded ? { code: coded.code } : {}) };
    });
  },
  respondentColumns: ['id'],
  durationColumns: ['interviewtime'],
  filters: [{ filter: { column: 'submitdate', notBlank: true }, note: 'only responses with a submitdate are scored' }],
  metadata: {
    names: [
      'id',
      'submitdate',
      'lastpage',
      'startlanguage',
      'seed',
      'startdate',
      'datestamp',
      'ipaddr',
      'refurl',
      'token',
      'interviewtime',
    ],
    label: /^groupTime\d+$|^[A-Za-z0-9]+Time$/,
  },
};
