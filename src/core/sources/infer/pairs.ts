import type { AnswerKind, Format } from '../../questionnaire/model.js';
import type { ExportColumn } from '../headers.js';

/**
 * Answer columns grouped into items, from the common shapes of SERVQUAL exports: a platform's own
 * scales (LimeSurvey `Q1[SQ001][1]/[2]`, Qualtrics side-by-side `Q1#1_3/Q1#2_3`), the words
 * (Expectation/Perception, Ожидание/Восприятие, (기대)/(인지), "excellent banks" against "this
 * bank"), `_E/_P` suffixes, `E1/P1` prefixes, `[1]/[2]` and `#1_/#2_` in plain headers, `-1/-2`,
 * and two grids with the same row labels. No shape: every column is one perception item.
 */

export interface InferredItem {
  id: string;
  columns: Partial<Record<AnswerKind, ExportColumn>>;
}

export interface Pairing {
  format: Format;
  items: InferredItem[];
  /** How the columns were paired, for the questionnaire's comment: `the words Expectation/Perception`. */
  shape: string;
}

/** The kinds of a group of ranked columns (scale 1, 2[, 3]), as surveys order them. */
const BY_RANK: Record<number, AnswerKind[]> = {
  2: ['expectation', 'perception'],
  3: ['minimum', 'desired', 'perception'],
};

const ID = /^[A-Za-z][A-Za-z0-9_.-]{0,23}$/;

/** The text of a column people read: the grid row, else the question, else its name. */
export function columnText(column: ExportColumn): string {
  return (column.sub || column.question || column.label).replace(/\s+/g, ' ').trim();
}

/** A leading item number, as in `12-1. The kiosk...` or `7. Staff are...`. */
const LEADING_NUMBER = /^\s*(?:[A-Za-z]{0,2})?(\d{1,3})\s*(?:[-.)]|\s)/;

/** Item ids: the key when it is an id, `Q<number>` for a number, else by the header's number or position. */
function makeIds(keys: readonly { key: string; text: string; fallback: number }[]): string[] {
  const taken = new Set<string>();
  return keys.map(({ key, text, fallback }) => {
    const number = /^\d+$/.test(key) ? key : LEADING_NUMBER.exec(text)?.[1];
    let id = ID.test(key) ? key : number !== undefined ? `Q${Number(number)}` : `Q${fallback}`;
    const base = id;
    for (let k = 2; taken.has(id.toLowerCase()); k++) id = `${base}_${k}`;
    taken.add(id.toLowerCase());
    return id;
  });
}

type Ranked = { column: ExportColumn; key: string; rank: number };

/** Groups ranked columns by key; a key whose ranks make a known set of kinds is an item. */
function fromRanks(ranked: readonly Ranked[], shape: string): Pairing | null {
  const groups = new Map<string, Ranked[]>();
  for (const r of ranked) {
    const list = groups.get(r.key) ?? [];
    list.push(r);
    groups.set(r.key, list);
  }
  const complete = [...groups.entries()].filter(([, list]) => {
    const ranks = new Set(list.map((r) => r.rank));
    return ranks.size === list.length && BY_RANK[list.length] !== undefined;
  });
  const sizes = new Set(complete.map(([, list]) => list.length));
  if (complete.length < 2 || sizes.size !== 1) return null;
  const size = [...sizes][0] as number;
  const kinds = BY_RANK[size] as AnswerKind[];
  const ids = makeIds(complete.map(([key, list], i) => ({ key, text: list[0]?.column.label ?? '', fallback: i + 1 })));
  const items = complete.map(([, list], i) => {
    const sorted = [...list].sort((a, b) => a.rank - b.rank);
    const columns: InferredItem['columns'] = {};
    sorted.forEach((r, k) => {
      columns[kinds[k] as AnswerKind] = r.column;
    });
    return { id: ids[i] as string, columns };
  });
  return { format: size === 3 ? 'three-column' : 'two-column', items, shape };
}

/** A platform's own scales: LimeSurvey dual-scale arrays, Qualtrics side-by-side matrices. */
function byScaleCodes(columns: readonly ExportColumn[]): Pairing | null {
  const ranked = columns.flatMap((c) =>
    c.code?.scale !== undefined
      ? [
          {
            column: c,
            key: /^\d+$/.test(c.code.sub) ? `${c.code.question}_${c.code.sub}` : c.code.sub,
            rank: c.code.scale,
          },
        ]
      : [],
  );
  return fromRanks(ranked, 'the scales of a dual-scale (side-by-side) question');
}

const KIND_CODE: [RegExp, number][] = [
  [/^(e|exp|expectations?)$/i, 1],
  [/^(p|per|perc|perceptions?)$/i, 2],
];
const MIN_DES_CODE: [RegExp, number][] = [
  [/^(min|minimum)$/i, 1],
  [/^(des|desired)$/i, 2],
  [/^(p|per|perc|perceptions?)$/i, 3],
];

/** `T1_E`/`T1_P` (also `_MIN`/`_DES`), `E1`/`P1`, and coded arrays `E[SQ001]`/`P[SQ001]`. */
function bySuffixOrPrefix(columns: readonly ExportColumn[]): Pairing | null {
  for (const [codes, shape] of [
    [MIN_DES_CODE, '_MIN/_DES/_P'],
    [KIND_CODE, '_E/_P'],
  ] as const) {
    const rank = (text: string) => codes.find(([re]) => re.test(text))?.[1];
    const ranked: Ranked[] = [];
    for (const c of columns) {
      const name = c.label.trim();
      const suffix = /^(.*[^_.\- ])[_.\- ]([A-Za-z]+)$/.exec(name);
      const prefix = /^([A-Za-z]+)[_.\- ]?(\d+[A-Za-z0-9_]*)$/.exec(name);
      const coded = c.code && c.code.scale === undefined ? c.code : undefined;
      if (coded && rank(coded.question) !== undefined)
        ranked.push({ column: c, key: coded.sub, rank: rank(coded.question) as number });
      else if (suffix && rank(suffix[2] as string) !== undefined)
        ranked.push({ column: c, key: suffix[1] as string, rank: rank(suffix[2] as string) as number });
      else if (prefix && rank(prefix[1] as string) !== undefined)
        ranked.push({ column: c, key: prefix[2] as string, rank: rank(prefix[1] as string) as number });
    }
    const found = fromRanks(ranked, `${shape} in the column names`);
    if (found) return found;
  }
  return null;
}

/** `Q1[1]`/`Q1[2]` and `Q1#1_3`/`Q1#2_3` in a plain header, then `1-1`/`1-2`. */
function byMarks(columns: readonly ExportColumn[]): Pairing | null {
  const brackets = columns.flatMap((c) => {
    const m = /^(.*\S)\s*\[(\d)\]$/.exec(c.label.trim());
    return m ? [{ column: c, key: m[1] as string, rank: Number(m[2]) }] : [];
  });
  const hash = columns.flatMap((c) => {
    const m = /^([A-Za-z][A-Za-z0-9]*)#(\d)_(\w+)$/.exec(c.label.trim());
    return m ? [{ column: c, key: `${m[1]}_${m[3]}`, rank: Number(m[2]) }] : [];
  });
  const dash = columns.flatMap((c) => {
    const m = /^\s*([A-Za-z]*\d+)\s*-\s*([123])(?=[.\s):]|$)/.exec(c.label);
    return m ? [{ column: c, key: m[1] as string, rank: Number(m[2]) }] : [];
  });
  return (
    fromRanks(brackets, '[1]/[2] in the column names') ??
    fromRanks(hash, '#1_/#2_ in the column names') ??
    fromRanks(dash, '-1/-2 in the column names')
  );
}

const EXPECTATION_WORDS = /expect|\bideal|excellent|\bshould\b|ожидан|идеальн|отличн|должн|기대|해야/iu;
const PERCEPTION_WORDS = /percept|experience|actual|восприят|фактическ|реальн|인지|지각|실제/iu;

/** The kind a column's words name, when they name one: the grid's question first, then the row. */
function kindByWords(column: ExportColumn): AnswerKind | undefined {
  for (const text of [column.sub !== '' ? column.question : '', column.label]) {
    const e = EXPECTATION_WORDS.test(text);
    const p = PERCEPTION_WORDS.test(text);
    if (e !== p) return e ? 'expectation' : 'perception';
  }
  return undefined;
}

/**
 * The words: columns marked as expectations, paired in order with as many marked as perceptions
 * (or, when no column says perception, with the same number of unmarked columns: "excellent banks"
 * against "this bank").
 */
function byWords(columns: readonly ExportColumn[]): Pairing | null {
  const kinds = columns.map(kindByWords);
  const e = columns.filter((_, i) => kinds[i] === 'expectation');
  let p = columns.filter((_, i) => kinds[i] === 'perception');
  let shape = 'the words for expectation and perception in the headers';
  if (p.length === 0) {
    p = columns.filter((_, i) => kinds[i] === undefined);
    shape = 'expectation words (such as "excellent") in half of the headers';
  }
  if (e.length < 2 || e.length !== p.length) return null;
  const ids = makeIds(e.map((c, i) => ({ key: '', text: c.label, fallback: i + 1 })));
  return {
    format: 'two-column',
    items: e.map((c, i) => ({ id: ids[i] as string, columns: { expectation: c, perception: p[i] as ExportColumn } })),
    shape,
  };
}

/** Two grids whose rows have the same labels (or codes): the first is the expectations. */
function byGrids(columns: readonly ExportColumn[]): Pairing | null {
  const grids = new Map<string, ExportColumn[]>();
  for (const c of columns) {
    const question = c.code?.question ?? c.question;
    const sub = c.code?.sub ?? c.sub;
    if (sub === '' || question === '') continue;
    grids.set(question, [...(grids.get(question) ?? []), c]);
  }
  const rowsOf = (list: ExportColumn[]) => list.map((c) => (c.code?.sub ?? c.sub).toLowerCase()).join('\u0000');
  const list = [...grids.values()].filter((g) => g.length >= 2);
  for (let a = 0; a < list.length; a++) {
    for (let b = a + 1; b < list.length; b++) {
      const first = list[a] as ExportColumn[];
      const second = list[b] as ExportColumn[];
      if (rowsOf(first) !== rowsOf(second)) continue;
      const ids = makeIds(first.map((c, i) => ({ key: c.code?.sub ?? '', text: c.sub, fallback: i + 1 })));
      return {
        format: 'two-column',
        items: first.map((c, i) => ({
          id: ids[i] as string,
          columns: { expectation: c, perception: second[i] as ExportColumn },
        })),
        shape: 'two grids with the same row labels (the first read as expectations)',
      };
    }
  }
  return null;
}

/**
 * The items of the answer columns: the first shape that pairs at least two items wins; without
 * one, every column is a perception (perceptions-only). Columns a shape leaves out are not items.
 */
export function pairColumns(columns: readonly ExportColumn[]): Pairing {
  const found =
    byScaleCodes(columns) ?? byWords(columns) ?? bySuffixOrPrefix(columns) ?? byMarks(columns) ?? byGrids(columns);
  if (found) return found;
  const ids = makeIds(columns.map((c) => ({ key: c.label.trim(), text: c.label, fallback: c.index + 1 })));
  return {
    format: 'perceptions-only',
    items: columns.map((c, i) => ({ id: ids[i] as string, columns: { perception: c } })),
    shape: 'no expectation columns found: one perception per column',
  };
}
