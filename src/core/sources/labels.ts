import { allItems, type Questionnaire, type Scale } from '../questionnaire/model.js';

/**
 * Answer texts of survey exports as numbers: the built-in English and Russian agreement scales,
 * the questionnaire's own `source.labels` (which win), and the texts that mean "no answer".
 */

/**
 * The form of an answer text that label matching compares: trimmed, lower case, runs of spaces as
 * one, typographic apostrophes and dashes made plain, `ё` as `е`, a trailing full stop dropped.
 * @example normaliseAnswer('  Strongly   AGREE ') // 'strongly agree'
 */
export function normaliseAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
}

const EN_5: Record<string, number> = {
  'strongly disagree': 1,
  disagree: 2,
  'somewhat disagree': 2,
  'neither agree nor disagree': 3,
  'neither agree or disagree': 3,
  neutral: 3,
  'somewhat agree': 4,
  agree: 4,
  'strongly agree': 5,
};

const EN_7: Record<string, number> = {
  'strongly disagree': 1,
  disagree: 2,
  'somewhat disagree': 3,
  'slightly disagree': 3,
  'neither agree nor disagree': 4,
  'neither agree or disagree': 4,
  neutral: 4,
  'somewhat agree': 5,
  'slightly agree': 5,
  agree: 6,
  'strongly agree': 7,
};

// Russian labels are written in the masculine form; the feminine and "(а)" forms are derived below.
const RU_5: Record<string, number> = {
  'полностью не согласен': 1,
  'совершенно не согласен': 1,
  'абсолютно не согласен': 1,
  'не согласен': 2,
  'скорее не согласен': 2,
  'ни согласен, ни не согласен': 3,
  нейтрально: 3,
  'скорее согласен': 4,
  согласен: 4,
  'полностью согласен': 5,
  'совершенно согласен': 5,
  'абсолютно согласен': 5,
};

const RU_7: Record<string, number> = {
  'полностью не согласен': 1,
  'совершенно не согласен': 1,
  'абсолютно не согласен': 1,
  'не согласен': 2,
  'скорее не согласен': 3,
  'ни согласен, ни не согласен': 4,
  нейтрально: 4,
  'скорее согласен': 5,
  согласен: 6,
  'полностью согласен': 7,
  'совершенно согласен': 7,
  'абсолютно согласен': 7,
};

function withRussianForms(labels: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [text, value] of Object.entries(labels)) {
    out[text] = value;
    if (text.includes('согласен')) {
      out[text.replaceAll('согласен', 'согласна')] = value;
      out[text.replaceAll('согласен', 'согласен(на)')] = value;
      out[text.replaceAll('согласен', 'согласен(а)')] = value;
    }
  }
  return out;
}

const YES_NO: Record<string, number> = { no: 0, yes: 1, нет: 0, да: 1 };

/**
 * The built-in labels for a scale: the agreement scales of 1-5 and 1-7 in English and Russian, and
 * no/yes (нет/да) on 0-1; other scales have none.
 * @example defaultLabels({ min: 1, max: 5 })['strongly agree'] // 5
 * @example defaultLabels({ min: 0, max: 1 }).yes // 1
 */
export function defaultLabels(scale: { min: number; max: number }): Record<string, number> {
  if (scale.min === 0 && scale.max === 1) return { ...YES_NO };
  if (scale.min !== 1) return {};
  if (scale.max === 5) return { ...EN_5, ...withRussianForms(RU_5) };
  if (scale.max === 7) return { ...EN_7, ...withRussianForms(RU_7) };
  return {};
}

/** Texts that mean no answer, in normalised form. */
export const DEFAULT_MISSING: readonly string[] = [
  'n/a',
  'na',
  '#n/a',
  'not applicable',
  "don't know",
  'do not know',
  "i don't know",
  'dont know',
  'prefer not to say',
  'no answer',
  'не знаю',
  'затрудняюсь ответить',
  'нет ответа',
  'не применимо',
  'неприменимо',
  'н/д',
  '-',
  '-99',
  '-98',
];

const BUILT_IN_MISSING = new Set(DEFAULT_MISSING);

/**
 * Whether a cell's text is one of the built-in missing codes (NA, N/A, "Don't know", "Нет ответа",
 * "-", -99...), which mean a missing answer in every file, a plain CSV as much as an export.
 * @example isBuiltInMissing(' N/A ') // true
 */
export function isBuiltInMissing(text: string): boolean {
  return mayBeMissingCode(text) && BUILT_IN_MISSING.has(normaliseAnswer(text));
}

/** The longest built-in missing code, in code units (its normalised form). */
export const LONGEST_MISSING = Math.max(...DEFAULT_MISSING.map((code) => code.length));

/**
 * False only when `normaliseAnswer(text)` is surely longer than every missing code, so the caller
 * need not fold it: every comment is checked, and folding one is a sixth of scoring a row. For
 * ASCII text folding changes no character's length and only drops spaces and a final full stop,
 * so more than LONGEST_MISSING + 1 other characters cannot fold into a code. Other text (where
 * NFKC may join or split characters) is always folded.
 */
function mayBeMissingCode(text: string): boolean {
  let kept = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x80) return true;
    if (c !== 32 && (c < 9 || c > 13) && ++kept > LONGEST_MISSING + 1) return false;
  }
  return true;
}

/** The label and missing-code tables one reading uses. */
export interface AnswerTexts {
  labels: Map<string, number>;
  missing: Set<string>;
  /**
   * Texts already converted: an export repeats a handful of answer texts millions of times, and
   * normalising one (Unicode NFKC and five replacements) cost a quarter of reading an export.
   */
  converted: Map<string, string>;
}

/** Converted texts kept at most: enough for every label of every scale; free text past it is converted each time. */
const MAX_CONVERTED = 4096;

/**
 * The tables for a questionnaire's answers on `scale` (the questionnaire's, or an item's own):
 * built-ins for that scale, then the scale's own labels (`scale.labels: {1: Strongly disagree}`),
 * then `source.labels`, then one column's own `labels` (which win); and `source.missing`.
 */
export function answerTexts(
  q: Questionnaire,
  scale: Scale = q.scale,
  columnLabels: Readonly<Record<string, number>> = {},
): AnswerTexts {
  const labels = new Map<string, number>(Object.entries(defaultLabels(scale)));
  for (const [point, text] of Object.entries(scale.labels)) labels.set(normaliseAnswer(text), Number(point));
  for (const [text, value] of Object.entries(q.source?.labels ?? {})) labels.set(normaliseAnswer(text), value);
  for (const [text, value] of Object.entries(columnLabels)) labels.set(normaliseAnswer(text), value);
  const missing = new Set(DEFAULT_MISSING);
  for (const text of q.source?.missing ?? []) missing.add(normaliseAnswer(text));
  // A text the questionnaire labels with a number is an answer, even when it is also a built-in missing code.
  for (const text of Object.keys(q.source?.labels ?? {})) missing.delete(normaliseAnswer(text));
  for (const text of Object.keys(columnLabels)) missing.delete(normaliseAnswer(text));
  return { labels, missing, converted: new Map() };
}

/**
 * The tables of each answer column, made once per distinct need: the questionnaire's for most
 * columns, one per item with its own scale, one per column with its own `labels`.
 * @example answerTextTables(q)('Y1').labels.get('yes') // 1 for an item on {min: 0, max: 1}
 */
export function answerTextTables(
  q: Questionnaire,
): (item?: string, columnLabels?: Readonly<Record<string, number>>) => AnswerTexts {
  const shared = answerTexts(q);
  const scales = new Map(allItems(q).flatMap((item) => (item.scale ? [[item.id, item.scale] as const] : [])));
  const byItem = new Map<string, AnswerTexts>();
  return (item, columnLabels) => {
    const scale = item === undefined ? undefined : scales.get(item);
    if (columnLabels !== undefined) return answerTexts(q, scale, columnLabels);
    if (scale === undefined || item === undefined) return shared;
    let texts = byItem.get(item);
    if (!texts) {
      texts = answerTexts(q, scale);
      byItem.set(item, texts);
    }
    return texts;
  };
}

export const NUMBER = /^[-+]?(\d+([.,]\d+)?|[.,]\d+)$/;
/** "7 - Strongly agree", "1 (Strongly disagree)", "10 = Extremely likely": the number in front. */
export const NUMBERED_LABEL = /^(-?\d+)\s*(?:[-=:.)(]|\s)\s*\D/;

/**
 * One export cell as the generic reader expects it: numbers as they are, a label as its number, a
 * missing code as blank. Text that is none of these is returned unchanged, so the scorer reports it
 * (with the export's line and column).
 * @example convertAnswer(' Strongly agree ', answerTexts(q)) // '7' on a 1-7 scale
 */
export function convertAnswer(text: string, texts: AnswerTexts): string {
  const known = texts.converted.get(text);
  if (known !== undefined) return known;
  const converted = convertText(text, texts);
  if (texts.converted.size < MAX_CONVERTED) texts.converted.set(text, converted);
  return converted;
}

function convertText(text: string, texts: AnswerTexts): string {
  const trimmed = text.trim();
  if (trimmed === '' || NUMBER.test(trimmed)) {
    return texts.missing.has(trimmed) ? '' : trimmed;
  }
  const key = normaliseAnswer(trimmed);
  const value = texts.labels.get(key);
  if (value !== undefined) return String(value);
  if (texts.missing.has(key)) return '';
  const numbered = NUMBERED_LABEL.exec(trimmed);
  return numbered ? (numbered[1] as string) : text;
}
