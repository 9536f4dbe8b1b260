import { countNames, headerCells } from '../headers.js';
import type { Platform } from './platform.js';

/** SurveyMonkey: two header rows, questions over sub-labels; a matrix names its question once, over its first column. */

const META = ['respondent id', 'collector id', 'start date', 'end date'];
/** The second-row label of a question with one answer column. */
const SINGLE = /^(response|open-ended response|)$/i;

export const surveymonkey: Platform<'surveymonkey'> = {
  id: 'surveymonkey',
  name: 'SurveyMonkey',
  layout: 'wide',
  detectOrder: 20,
  detect(rows) {
    const found = countNames(rows[0] ?? [], META);
    if (found < 2) return null;
    return {
      confidence: found >= 3 ? 'high' : 'medium',
      reason: 'SurveyMonkey metadata columns (Respondent ID, Collector ID...)',
    };
  },
  headerRows: () => 2,
  describeColumns(headerRows) {
    const { width, cell } = headerCells(headerRows);
    // A blank first-row cell continues the matrix to its left.
    let carried = '';
    return Array.from({ length: width }, (_, index) => {
      const first = cell(0, index);
      if (first !== '') carried = first;
      const sub = cell(1, index);
      const single = SINGLE.test(sub);
      const label = single ? carried : `${carried} [${sub}]`;
      return { index, label, names: [label], question: carried, sub: single ? '' : sub };
    });
  },
  respondentColumns: ['Respondent ID'],
  durationColumns: [],
  filters: [],
  metadata: {
    names: [
      'respondent id',
      'collector id',
      'start date',
      'end date',
      'ip address',
      'email address',
      'first name',
      'last name',
      'custom data 1',
    ],
  },
};
