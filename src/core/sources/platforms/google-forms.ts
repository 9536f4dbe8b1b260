import { bracketedColumns } from '../headers.js';
import type { Platform } from './platform.js';

/** Google Forms: one header row starting with the submission time; a grid's columns are `Question [Row]`. */

/** The first column in the interface languages people are likely to use. */
const TIMESTAMPS = [
  'timestamp',
  'отметка времени',
  'marca temporal',
  'horodateur',
  'zeitstempel',
  'carimbo de data/hora',
  'informazioni cronologiche',
  '타임스탬프',
];

export const googleForms: Platform<'google-forms'> = {
  id: 'google-forms',
  name: 'Google Forms',
  layout: 'wide',
  detectOrder: 40,
  detect(rows) {
    const first = rows[0] ?? [];
    if (TIMESTAMPS.includes((first[0] ?? '').trim().toLowerCase()))
      return { confidence: 'high', reason: `first column "${(first[0] ?? '').trim()}"` };
    const bracketed = first.filter((c) => /\S\s+\[[^\]]+\]\s*$/.test(c)).length;
    return bracketed >= 2 ? { confidence: 'medium', reason: 'grid columns such as "Question [Row]"' } : null;
  },
  headerRows: () => 1,
  describeColumns: bracketedColumns,
  respondentColumns: [],
  durationColumns: [],
  filters: [],
  // A quiz adds Score; a form that collects addresses adds Email address.
  metadata: { names: ['timestamp', 'отметка времени', 'email address', 'адрес электронной почты', 'score', 'баллы'] },
};
