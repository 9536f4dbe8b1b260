import { bracketedColumns } from '../headers.js';
import type { Platform } from './platform.js';

/** servqual's own CSV: one header row, answers under the questionnaire's column names (`T1_E`). */
export const generic: Platform<'generic'> = {
  id: 'generic',
  name: 'generic',
  layout: 'generic',
  // The catch-all: it answers for any file, so it is asked last.
  detectOrder: 1000,
  detect(rows) {
    return (rows[0] ?? []).some((c) => /_(E|P|MIN|DES)$/i.test(c.trim()))
      ? { confidence: 'medium', reason: 'answer columns such as T1_E' }
      : { confidence: 'low', reason: 'no platform markers' };
  },
  headerRows: () => 1,
  describeColumns: bracketedColumns,
  respondentColumns: ['respondent'],
  durationColumns: [],
  filters: [],
  metadata: { names: [] },
};
