import { SERVQUAL_DIMENSIONS } from '../../questionnaire/model.js';

/**
 * Which SERVQUAL dimension an item belongs to, from its wording (stems of the words SERVQUAL's
 * own items and their usual adaptations use, in English, Russian and Korean) or from its id
 * (`TANG`, `REL`, `T1`, `RS2`...); and `--items "t01-t05=technical,f01-f13=functional"`, which
 * places items by id when the words cannot.
 */

type Dimension = (typeof SERVQUAL_DIMENSIONS)[number];

/** Word stems per dimension, matched at the start of a word (case folded). */
const DIMENSION_WORDS: Record<Dimension, readonly string[]> = {
  tangibles: [
    'equipment',
    'facilit',
    'appearance',
    'appealing',
    'clean',
    'neat',
    'material',
    'modern',
    'tidy',
    'decor',
    'physical',
    'comfortable',
    'comfort',
    'seat',
    'interior',
    'premises',
    'signage',
    'uniform',
    'look',
    'оборудован',
    'помещени',
    'внешн',
    'чист',
    'опрятн',
    'материал',
    'современ',
    'интерьер',
    'удобн',
    '시설',
    '장비',
    '외관',
    '청결',
    '깨끗',
  ],
  reliability: [
    'promis',
    'on time',
    'dependab',
    'depend on',
    'accura',
    'punctual',
    'reliab',
    'right the first',
    'first time',
    'error',
    'record',
    'consisten',
    'sincere interest',
    'as promised',
    'keeps its word',
    'timetable',
    'schedule',
    'обещ',
    'в срок',
    'надёжн',
    'надежн',
    'точн',
    'безошибочн',
    'правильно',
    'с первого раза',
    'пунктуальн',
    '약속',
    '정확',
    '신뢰',
  ],
  responsiveness: [
    'prompt',
    'quick',
    'fast',
    'willing',
    'help',
    'respond',
    'response',
    'queue',
    'waiting',
    'wait',
    'busy',
    'timely',
    'speed',
    'tell customers exactly when',
    'быстр',
    'оперативн',
    'готов',
    'помо',
    'очеред',
    'ждать',
    'отклик',
    'занят',
    'отвечать',
    'ответить',
    '신속',
    '빠른',
    '대기',
    '기꺼이',
    '도움',
  ],
  assurance: [
    'safe',
    'secur',
    'courte',
    'polite',
    'knowledg',
    'trust',
    'confiden',
    'competen',
    'honest',
    'respect',
    'instil',
    'qualified',
    'privacy',
    'безопасн',
    'вежлив',
    'знани',
    'знают',
    'довери',
    'уверен',
    'компетент',
    'квалифиц',
    'защищ',
    '안전',
    '보안',
    '예의',
    '지식',
    '신뢰감',
    '개인정보',
  ],
  empathy: [
    'individual',
    'personal attention',
    'attention',
    'convenient',
    'opening hours',
    'operating hours',
    'hours',
    'understand',
    'needs',
    'care',
    'caring',
    'best interest',
    'heart',
    'sympath',
    'approachab',
    'listen',
    'индивидуальн',
    'внимани',
    'удобные для',
    'часы работы',
    'понима',
    'потребност',
    'забот',
    'интерес',
    '개별',
    '관심',
    '배려',
    '이해',
    '편리한 시간',
  ],
};

/** The letter codes of the SERVQUAL items, as in its papers: T1-T4, R1-R5, RS1-RS4, A1-A4, E1-E5. */
const LETTER_CODES: Record<string, Dimension> = {
  t: 'tangibles',
  r: 'reliability',
  rs: 'responsiveness',
  re: 'responsiveness',
  a: 'assurance',
  e: 'empathy',
};

export interface Placement {
  dimension: string;
  /** Why, for the comment: `the words "equipment", "modern"`. */
  because: string;
}

/** The stems of a dimension that occur at a word start in the text. */
function hits(text: string, stems: readonly string[]): string[] {
  const folded = text.toLowerCase();
  return stems.filter((stem) => {
    // Korean and other scripts without spaces between the stem and its ending: a plain substring.
    if (/[\u3131-\uD79D]/.test(stem)) return folded.includes(stem);
    const at = folded.indexOf(stem);
    if (at < 0) return false;
    for (let i = at; i >= 0; i = folded.indexOf(stem, i + 1)) {
      if (i === 0 || !/[\p{L}\p{N}]/u.test(folded.charAt(i - 1))) return true;
    }
    return false;
  });
}

/**
 * The dimension an item's words name: the one with the most stems found, when one leads.
 * @example placeByWords('Excellent banks have modern-looking equipment.') // { dimension: 'tangibles', ... }
 */
export function placeByWords(text: string): Placement | null {
  const scored = SERVQUAL_DIMENSIONS.map((d) => ({ d, found: hits(text, DIMENSION_WORDS[d]) })).sort(
    (a, b) => b.found.length - a.found.length,
  );
  const best = scored[0];
  if (!best || best.found.length === 0 || best.found.length === scored[1]?.found.length) return null;
  return { dimension: best.d, because: `the words ${best.found.map((w) => `"${w}"`).join(', ')}` };
}

/**
 * The dimension an id names by its stem: the id's letters start the dimension's name (at least
 * three of them, five when the id is longer), after an optional `c` for "capacity of" (`TANG`,
 * `REL_2`, `CRES`, `CASS`, `EMPAT`, `Tangibility`).
 */
export function placeById(id: string): Placement | null {
  const letters = id.toLowerCase().replace(/[^a-z]/g, '');
  const found = SERVQUAL_DIMENSIONS.filter((d) =>
    [letters, letters.replace(/^c/, '')].some((l) => {
      let common = 0;
      while (common < l.length && l[common] === d[common]) common++;
      return common >= 3 && common >= Math.min(l.length, 5);
    }),
  );
  return found.length === 1 ? { dimension: found[0] as string, because: `the id "${id}"` } : null;
}

/**
 * The SERVQUAL letter codes, when the ids as a whole are such codes (letters T, R, RS, A, E with a
 * number, at least four of the five dimensions): otherwise `E1` could as well be an expectation.
 */
export function placeByLetterCodes(ids: readonly string[]): Map<string, Placement> | null {
  const out = new Map<string, Placement>();
  for (const id of ids) {
    const m = /^([A-Za-z]{1,2})[_.-]?\d+$/.exec(id);
    const dimension = m ? LETTER_CODES[(m[1] as string).toLowerCase()] : undefined;
    if (!dimension) return null;
    out.set(id, { dimension, because: `the SERVQUAL item code "${id}"` });
  }
  return new Set([...out.values()].map((p) => p.dimension)).size >= 4 ? out : null;
}

/** One `--items` entry: a list of ids or ranges, and the dimension they go to. */
export interface ItemsRule {
  dimension: string;
  /** The ids and ranges as written (`t01-t05`), for messages. */
  spec: string;
  matches(id: string, position: number): boolean;
}

const DIMENSION_ID = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** One id or range: `t01-t05` (same letters, numbers from-to), `Q3`, `4-6` or `4` (positions, from 1). */
function selector(text: string): ((id: string, position: number) => boolean) | string {
  const range = /^([A-Za-z_]*)(\d+)\s*-\s*([A-Za-z_]*)(\d+)$/.exec(text);
  if (range) {
    const [, a, from, b, to] = range as unknown as [string, string, string, string, string];
    if (a.toLowerCase() !== b.toLowerCase()) return `"${text}": both ends of a range need the same letters`;
    const lo = Math.min(Number(from), Number(to));
    const hi = Math.max(Number(from), Number(to));
    if (a === '') return (_id, position) => position >= lo && position <= hi;
    return (id) => {
      const m = /^([A-Za-z_]*)(\d+)$/.exec(id);
      return (
        m !== null && (m[1] as string).toLowerCase() === a.toLowerCase() && Number(m[2]) >= lo && Number(m[2]) <= hi
      );
    };
  }
  if (/^\d+$/.test(text)) return (_id, position) => position === Number(text);
  if (DIMENSION_ID.test(text)) return (id) => id.toLowerCase() === text.toLowerCase();
  return `"${text}" is neither an item id nor a range such as t01-t05`;
}

/**
 * Parses `--items "t01-t05=technical,f01-f13=functional"` (also `;` between entries and `+`
 * between selectors of one dimension: `q1-q3+q7=reliability`).
 * @example parseItemsSpec('t01-t05=technical').rules[0].dimension // 'technical'
 */
export function parseItemsSpec(spec: string): { rules: ItemsRule[]; errors: string[] } {
  const rules: ItemsRule[] = [];
  const errors: string[] = [];
  for (const entry of spec
    .split(/[,;]/)
    .map((e) => e.trim())
    .filter((e) => e !== '')) {
    const at = entry.lastIndexOf('=');
    const dimension = at < 0 ? '' : entry.slice(at + 1).trim();
    const list = at < 0 ? '' : entry.slice(0, at).trim();
    if (at < 0 || dimension === '' || list === '') {
      errors.push(`"${entry}": expected IDS=DIMENSION, e.g. t01-t05=technical`);
      continue;
    }
    if (!DIMENSION_ID.test(dimension)) {
      errors.push(
        `"${entry}": the dimension "${dimension}" must start with a letter and hold letters, digits, _ . or -`,
      );
      continue;
    }
    const selectors = list.split('+').map((s) => s.trim());
    const made = selectors.map(selector);
    const bad = made.filter((m): m is string => typeof m === 'string');
    if (bad.length > 0) {
      errors.push(...bad);
      continue;
    }
    const tests = made as ((id: string, position: number) => boolean)[];
    rules.push({ dimension, spec: list, matches: (id, position) => tests.some((t) => t(id, position)) });
  }
  if (rules.length === 0 && errors.length === 0)
    errors.push('--items is empty: expected IDS=DIMENSION, e.g. t01-t05=technical');
  return { rules, errors };
}
