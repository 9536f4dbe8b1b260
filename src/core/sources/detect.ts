import type { SourcePlatform } from '../questionnaire/model.js';
import { isImportIdRow } from './headers.js';
import { NUMBER } from './labels.js';

export interface Detection {
  platform: SourcePlatform;
  /** high: the platform's own markers; medium: its usual shape; low: nothing recognised. */
  confidence: 'high' | 'medium' | 'low';
  /** Why, in words for a message: `first column "Timestamp"`. */
  reason: string;
}

export const PLATFORM_NAMES: Record<SourcePlatform, string> = {
  generic: 'generic',
  'google-forms': 'Google Forms',
  surveymonkey: 'SurveyMonkey',
  qualtrics: 'Qualtrics',
  limesurvey: 'LimeSurvey',
  long: 'long-format',
};

/** Google Forms' first column in the interface languages people are likely to use. */
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
const SURVEYMONKEY_META = ['respondent id', 'collector id', 'start date', 'end date'];
const QUALTRICS_META = [
  'startdate',
  'enddate',
  'status',
  'progress',
  'duration (in seconds)',
  'finished',
  'recordeddate',
  'responseid',
];
const LIMESURVEY_META = ['id', 'submitdate', 'lastpage', 'startlanguage', 'seed', 'startdate', 'datestamp'];
const LONG_NAMES = ['respondent', 'item', 'kind', 'value'];

const fold = (cell: string) => cell.trim().toLowerCase();
const count = (row: readonly string[], names: readonly string[]) =>
  names.filter((n) => row.some((c) => fold(c) === n)).length;

const KIND_CELL = /^(e|p|min|des|expectation|perception|minimum|desired|weight|kpi|segment)$/i;

/** A long export under other column names: few columns, ids repeating, a column of kinds. */
function looksLong(rows: readonly (readonly string[])[]): boolean {
  const data = rows.slice(1);
  if (data.length < 2 || (rows[0]?.length ?? 0) > 6) return false;
  const repeats = data.every((row) => row[0] !== undefined && row[0].trim() !== '' && row[0] === data[0]?.[0]);
  const width = rows[0]?.length ?? 0;
  const kinds = Array.from({ length: width }, (_, c) =>
    data.every((row) => KIND_CELL.test((row[c] ?? '').trim())),
  ).some(Boolean);
  return repeats && kinds;
}

/**
 * Which platform exported a CSV, from its first rows (the header rows and a response or two):
 * the platforms' fixed metadata columns, Qualtrics' ImportId row, LimeSurvey's codes, Google
 * Forms' `Timestamp`, the long format's four columns. One row is enough for most.
 * @example detectPlatform([['Timestamp', 'Expectations [T1]']]).platform // 'google-forms'
 */
export function detectPlatform(rows: readonly (readonly string[])[]): Detection {
  const first = rows[0] ?? [];
  const second = rows[1] ?? [];
  const head = fold(first[0] ?? '');

  if (isImportIdRow(rows[2]))
    return { platform: 'qualtrics', confidence: 'high', reason: 'a third header row of {"ImportId": ...}' };
  if (/^v1$/i.test(first[0] ?? '') && /^v2$/i.test(first[1] ?? '') && fold(second[0] ?? '') === 'responseid') {
    return { platform: 'qualtrics', confidence: 'high', reason: 'legacy header V1, V2... over ResponseID' };
  }
  const qualtrics = count(first, QUALTRICS_META);
  if (qualtrics >= 4)
    return {
      platform: 'qualtrics',
      confidence: qualtrics >= 6 ? 'high' : 'medium',
      reason: `Qualtrics metadata columns (${QUALTRICS_META.filter((n) => first.some((c) => fold(c) === n))
        .slice(0, 3)
        .join(', ')}...)`,
    };

  const monkey = count(first, SURVEYMONKEY_META);
  if (monkey >= 2)
    return {
      platform: 'surveymonkey',
      confidence: monkey >= 3 ? 'high' : 'medium',
      reason: 'SurveyMonkey metadata columns (Respondent ID, Collector ID...)',
    };

  const lime = count(first, LIMESURVEY_META);
  const codes = first.filter((c) => /^[A-Za-z][A-Za-z0-9_]*\[[A-Za-z0-9_]+\](\[\d+\])?/.test(c.trim())).length;
  if (lime >= 3)
    return { platform: 'limesurvey', confidence: 'high', reason: 'LimeSurvey columns id, submitdate, lastpage...' };
  if (codes >= 2)
    return {
      platform: 'limesurvey',
      confidence: 'medium',
      reason: `question codes such as "${first.find((c) => c.includes('['))?.trim() ?? ''}"`,
    };

  if (TIMESTAMPS.includes(head))
    return { platform: 'google-forms', confidence: 'high', reason: `first column "${(first[0] ?? '').trim()}"` };
  const bracketed = first.filter((c) => /\S\s+\[[^\]]+\]\s*$/.test(c)).length;
  if (bracketed >= 2)
    return { platform: 'google-forms', confidence: 'medium', reason: 'grid columns such as "Question [Row]"' };

  if (count(first, LONG_NAMES) === 4 || (count(first, LONG_NAMES.slice(1)) === 3 && first.length <= 6)) {
    return { platform: 'long', confidence: 'high', reason: 'columns respondent, item, kind, value' };
  }
  if (looksLong(rows))
    return {
      platform: 'long',
      confidence: 'high',
      reason: 'one row per answer: ids repeat down the first column beside a column of answer kinds',
    };
  if (first.some((c) => /_(E|P|MIN|DES)$/i.test(c.trim())))
    return { platform: 'generic', confidence: 'medium', reason: 'answer columns such as T1_E' };
  return { platform: 'generic', confidence: 'low', reason: 'no platform markers' };
}

/**
 * The hint for a generic read that misses columns: which `--source` the header suggests, if any.
 * @example sourceHint([['Timestamp', 'Q [a]']]) // 'this looks like a Google Forms export (first column "Timestamp"): try --source google-forms, ...'
 */
export function sourceHint(rows: readonly (readonly string[])[]): string | undefined {
  const detection = detectPlatform(rows);
  if (detection.platform === 'generic' || detection.confidence === 'low') return undefined;
  return `this looks like a ${PLATFORM_NAMES[detection.platform]} export (${detection.reason}): try --source ${detection.platform}, with a source section from \`servqual map\``;
}

/**
 * A declared platform's header row (beyond the first) that is mostly numbers is a response, which
 * reading it as a header would silently drop. Which row, and what the file looks like instead; null
 * when the header rows are text. (Another platform's own markers are `planExport`'s wrong-source.)
 * @example responseInHeader('qualtrics', [['id', 'T1_P'], ['r1', '5']], 2) // row 1, a plain CSV
 */
export function responseInHeader(
  platform: SourcePlatform,
  rows: readonly (readonly string[])[],
  headerRows: number,
): { row: number; message: string; hint: string } | null {
  for (let r = 1; r < Math.min(headerRows, rows.length); r++) {
    const cells = (rows[r] ?? []).map((c) => c.trim()).filter((c) => c !== '');
    const numbers = cells.filter((c) => NUMBER.test(c)).length;
    if (cells.length === 0 || numbers * 2 <= cells.length) continue;
    const detection = detectPlatform(rows);
    const plain = detection.platform === 'generic' || detection.platform === platform;
    return {
      row: r,
      message: `a ${PLATFORM_NAMES[platform]} export has ${headerRows} header rows, but this one is a response (${numbers} of its ${cells.length} cells are numbers): it looks like ${plain ? 'a CSV with one header row' : `a ${PLATFORM_NAMES[detection.platform]} export (${detection.reason})`}`,
      hint: plain
        ? 'leave --source out (and source.platform), or give source.headerRows'
        : `try --source ${detection.platform}`,
    };
  }
  return null;
}
