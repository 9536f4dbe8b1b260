import type { Result } from '../../core/scoring/result.js';
import { fill } from '../../core/text/fill.js';
import { summaryLabelsFor } from '../summary-labels.js';

/** The cover a report opens with: its title and one line of provenance, as plain text (renderers escape it). */
export interface CoverView {
  title: string;
  /** "Prepared 2026-12-05 · 400 respondents · inputs: responses.csv · servqual 0.1.0 · questionnaire sha256 0123456789ab". */
  line: string;
}

/** Hex digits of the questionnaire's hash a cover shows: enough to tell two versions apart at a glance. */
const HASH_DIGITS = 12;

/**
 * The cover of a result. `date` is the date the shell chose (`--date`, else the result's `run.date`,
 * else today); without one, `run.date` if any. Renderers never read the clock. A result without
 * `run` (written before it existed) shows what it has: the date given and the respondents.
 */
export function coverView(result: Result, date: string | undefined): CoverView {
  const s = summaryLabelsFor(result.questionnaire.language);
  const { run } = result;
  const shown = date ?? run?.date;
  const parts = [
    ...(shown !== undefined ? [fill(s.prepared, { date: shown })] : []),
    fill(s.respondents, { n: String(result.respondents.total) }),
    ...(run && run.inputs.length > 0 ? [fill(s.inputs, { files: run.inputs.join(', ') })] : []),
    ...(run
      ? [`servqual ${run.servqual}`, fill(s.questionnaire, { hash: run.questionnaire.sha256.slice(0, HASH_DIGITS) })]
      : []),
  ];
  return { title: result.questionnaire.title, line: parts.join(' · ') };
}
