import type { Problem } from '../../problem.js';
import { type AnswerKind, type Format, SERVQUAL_DIMENSIONS } from '../../questionnaire/model.js';
import type { Detection } from '../detect.js';
import type { ExportColumn } from '../headers.js';
import { normaliseAnswer } from '../labels.js';
import { type LongKind, longKind } from '../long.js';
import type { Platform } from '../platforms/platform.js';
import type { Inference, InferOptions } from './infer.js';
import type { InferredItem } from './pairs.js';
import { place } from './place.js';
import { type ColumnProfile, profileColumns } from './profile.js';
import { type ColumnReading, inferScale, proposedLabels, readColumn } from './scale.js';

/**
 * `init --from` on a long-format file (one row per answer: respondent, item, kind, value): the
 * questionnaire from the rows rather than the header. Items are the ids with answer kinds (E, P,
 * MIN, DES), and the kinds present give the format; dimensions come from the ids as in the wide
 * inference; the scale from every answer value pooled (one scale serves every item); segments,
 * weights and KPIs from their rows. Pure: the rows are the first ones the command read.
 */

/** What the long inference adds to a wide one: the parts that live in rows, not columns. */
export interface LongParts {
  /** The export's column names where they differ from the defaults (respondent, item, kind, value). */
  names: { respondent?: string; item?: string; kind?: string; value?: string };
  /** Segment ids, in order of first appearance. */
  segments: { id: string; note: string }[];
  /** KPI rows: the id, the type guessed and why; csat and ces with their scale. */
  kpis: { id: string; type: 'nps' | 'csat' | 'ces'; scale?: { min: number; max: number }; note: string }[];
  /** Whether weight rows name the dimensions (weights come from the respondents). */
  weights: boolean;
}

/** The names each of the four columns goes by, folded (the defaults first). */
const NAMES = {
  respondent: [
    'respondent',
    'respondent id',
    'respondent_id',
    'respondentid',
    'id',
    'response id',
    'participant',
    'респондент',
    'участник',
  ],
  item: ['item', 'item id', 'item_id', 'question', 'variable', 'вопрос', 'пункт', 'утверждение'],
  kind: ['kind', 'type', 'answer kind', 'тип', 'вид'],
  value: ['value', 'answer', 'response', 'score', 'rating', 'ответ', 'значение', 'оценка'],
} as const;

type Role = keyof typeof NAMES;

/** Which column holds the respondent, the item, the kind and the value: by name, else by content and order. */
function findColumns(
  header: readonly string[],
  records: readonly (readonly string[])[],
): Record<Role, number> | string {
  const folded = header.map((h) => normaliseAnswer(h));
  const found: Partial<Record<Role, number>> = {};
  const used = new Set<number>();
  for (const role of Object.keys(NAMES) as Role[]) {
    const index = folded.findIndex((h, i) => !used.has(i) && (NAMES[role] as readonly string[]).includes(h));
    if (index >= 0) {
      found[role] = index;
      used.add(index);
    }
  }
  if (found.kind === undefined) {
    // The column whose filled cells are all answer kinds.
    const index = header.findIndex((_, c) => {
      if (used.has(c)) return false;
      const filled = records.map((r) => (r[c] ?? '').trim()).filter((v) => v !== '');
      return filled.length > 0 && filled.every((v) => longKind(v) !== undefined);
    });
    if (index >= 0) {
      found.kind = index;
      used.add(index);
    }
  }
  // The rest in the format's own order: respondent, item, (kind,) value.
  for (const role of ['respondent', 'item', 'value'] as Role[]) {
    if (found[role] !== undefined) continue;
    const index = header.findIndex((_, i) => !used.has(i));
    if (index < 0) break;
    found[role] = index;
    used.add(index);
  }
  const missing = (Object.keys(NAMES) as Role[]).filter((r) => found[r] === undefined);
  if (missing.length > 0) return `cannot tell its ${missing.join(', ')} column from the header "${header.join(', ')}"`;
  return found as Record<Role, number>;
}

const NPS_ID = /nps|recommend|ltr|рекоменд/i;
const CSAT_ID = /csat|satisf|удовлетвор/i;
const CES_ID = /(^|[^a-z])ces|effort|easy|усили|легк/i;

/** The usual tops of a rating scale (as in `scale.ts`). */
const TOPS = [3, 4, 5, 7, 9, 10];

/** A KPI's type from its id and the numbers seen: NPS on 0-10, else CSAT or CES on their scale. */
function kpiOf(id: string, reading: ColumnReading): LongParts['kpis'][number] {
  const range = reading.kind === 'rating' || reading.kind === 'numeric' ? reading.range : null;
  const zeroToTen = range !== null && range.min >= 0 && range.max <= 10;
  if (NPS_ID.test(id) && (range === null || zeroToTen))
    return { id, type: 'nps', note: `the KPI id "${id}" names NPS (0-10)` };
  const top = TOPS.find((t) => t >= (range?.max ?? 5)) ?? 10;
  const scale = { min: range?.min === 0 ? 0 : 1, max: top };
  if (CES_ID.test(id)) return { id, type: 'ces', scale, note: `the KPI id "${id}" names effort (CES)` };
  if (CSAT_ID.test(id)) return { id, type: 'csat', scale, note: `the KPI id "${id}" names satisfaction (CSAT)` };
  if (zeroToTen && (range?.max ?? 0) > 7) return { id, type: 'nps', note: `answers from 0 to 10 (NPS): check it` };
  return {
    id,
    type: 'csat',
    scale,
    note: `an unknown KPI, taken as CSAT on ${scale.min}-${scale.max}: check its type`,
  };
}

const ANSWER_KINDS: readonly AnswerKind[] = ['expectation', 'perception', 'minimum', 'desired'];
const ID = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** A synthetic column for an item's answers: its label is the id, the only words a long file has. */
const idColumn = (id: string, index: number): ExportColumn => ({
  index,
  label: id,
  names: [id],
  question: '',
  sub: '',
});

/** Sorts ids with their numbers compared as numbers (T2 before T10). */
const byId = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;

/**
 * Infers a questionnaire from the first rows of a long-format file (the header, then one row per
 * answer). Returns the inference, or the problems that stop it.
 * @example inferLong([['respondent','item','kind','value'],['r1','T1','E','7'],['r1','T1','P','5']], long, null)
 */
export function inferLong(
  rows: readonly (readonly string[])[],
  platform: Platform,
  detection: Detection | null,
  options: InferOptions = {},
): { inference: Inference; problems: [] } | { inference: null; problems: Problem[] } {
  const header = rows[0] ?? [];
  const records = rows.slice(1);
  const stop = (code: Problem['code'], message: string, hint?: string) => ({
    inference: null,
    problems: [{ code, message, ...(hint ? { hint } : {}) }],
  });
  const at = findColumns(header, records.slice(0, 200));
  if (typeof at === 'string')
    return stop('long-format', `a long-format file, but ${at}`, 'name them respondent, item, kind and value');

  // Every id with its kinds, and its values by kind, in order of first appearance.
  const kindsOf = new Map<string, Map<LongKind | '', string[]>>();
  const respondents = new Set<string>();
  for (const record of records) {
    const respondent = (record[at.respondent] ?? '').trim();
    const id = (record[at.item] ?? '').trim();
    if (respondent === '' || id === '') continue;
    respondents.add(respondent);
    const kindText = (record[at.kind] ?? '').trim();
    const kind = kindText === '' ? '' : longKind(kindText);
    if (kind === undefined)
      return stop(
        'long-format',
        `unknown kind "${kindText}" (item "${id}")`,
        'kind is one of E, P, MIN, DES, weight, kpi, segment',
      );
    let kinds = kindsOf.get(id);
    if (!kinds) {
      kinds = new Map();
      kindsOf.set(id, kinds);
    }
    const values = kinds.get(kind) ?? [];
    values.push(record[at.value] ?? '');
    kinds.set(kind, values);
  }

  const present = new Set([...kindsOf.values()].flatMap((k) => [...k.keys()]));
  const expectation = present.has('expectation');
  const threeColumn = present.has('minimum') || present.has('desired');
  if (expectation && threeColumn)
    return stop(
      'long-format',
      'the rows hold both expectations (E) and minimum/desired (MIN, DES) answers: one questionnaire has one format',
    );
  const hasItems = ANSWER_KINDS.some((k) => present.has(k));
  const blankReading = (values: readonly string[]) =>
    readColumn(
      profileColumns(
        [idColumn('x', 0)],
        values.map((v) => [v]),
      )[0] as ColumnProfile,
    );

  // Blank kinds, as the scorer reads them: a KPI, a segment, or a perceptions-only item.
  const blankKinds = new Map<string, LongKind>();
  const problems: Problem[] = [];
  for (const [id, kinds] of kindsOf) {
    const values = kinds.get('');
    if (!values) continue;
    const reading = blankReading(values);
    const kind: LongKind | null =
      NPS_ID.test(id) || CSAT_ID.test(id) || CES_ID.test(id)
        ? 'kpi'
        : reading.kind === 'text' || reading.kind === 'yes-no'
          ? 'segment'
          : reading.kind === 'rating' && !hasItems
            ? 'perception'
            : null;
    if (kind === null)
      problems.push({
        code: 'long-format',
        message: `the kind of "${id}" is blank, and its answers do not say which it is`,
        hint: 'fill in its kind (E, P, MIN, DES, weight, kpi or segment)',
      });
    else blankKinds.set(id, kind);
  }
  if (problems.length > 0) return { inference: null, problems };
  const kindSet = (id: string, kinds: Map<LongKind | '', string[]>) =>
    new Set([...kinds.keys()].map((k) => (k === '' ? (blankKinds.get(id) as LongKind) : k)));

  const format: Format = threeColumn ? 'three-column' : expectation ? 'two-column' : 'perceptions-only';
  const itemIds: string[] = [];
  const segments: LongParts['segments'] = [];
  const weightIds: string[] = [];
  const kpiIds: string[] = [];
  const bad: string[] = [];
  for (const [id, kinds] of kindsOf) {
    const set = kindSet(id, kinds);
    if (ANSWER_KINDS.some((k) => set.has(k))) itemIds.push(id);
    if (set.has('segment'))
      segments.push({ id, note: kinds.has('') ? 'text answers with a blank kind' : 'segment rows' });
    if (set.has('weight')) weightIds.push(id);
    if (set.has('kpi')) kpiIds.push(id);
    if ((ANSWER_KINDS.some((k) => set.has(k)) || set.has('kpi')) && !ID.test(id)) bad.push(id);
  }
  if (bad.length > 0)
    return stop(
      'long-format',
      `item or KPI ids must start with a letter and hold letters, digits, _ . or -: ${bad
        .slice(0, 5)
        .map((b) => `"${b}"`)
        .join(', ')}`,
      'rename them in the file (they are the ids of the questionnaire and of its reports)',
    );
  const folded = new Map<string, string>();
  for (const id of [...itemIds, ...kpiIds]) {
    const other = folded.get(id.toLowerCase());
    if (other !== undefined && other !== id)
      return stop(
        'long-format',
        `ids "${other}" and "${id}" differ only in case: the questionnaire's ids must differ in more than case`,
        'spell each id one way in the file',
      );
    folded.set(id.toLowerCase(), id);
  }
  if (itemIds.length === 0)
    return stop(
      'no-answer-columns',
      records.length === 0
        ? 'the long-format file has no rows after its header'
        : `no row holds an answer of kind E, P, MIN or DES in the first ${records.length} rows`,
      'kind is one of E, P, MIN, DES, weight, kpi, segment',
    );

  itemIds.sort(byId);
  const columnsOf = (id: string, i: number): InferredItem['columns'] => {
    const set = kindSet(id, kindsOf.get(id) as Map<LongKind | '', string[]>);
    const columns: InferredItem['columns'] = {};
    ANSWER_KINDS.forEach((k, j) => {
      if (set.has(k) || (format === 'two-column' && (k === 'expectation' || k === 'perception')))
        columns[k] = idColumn(id, 4 * i + j);
    });
    return columns;
  };
  const items: InferredItem[] = itemIds.map((id, i) => ({ id, columns: columnsOf(id, i) }));
  const placed = place(items, options.items);
  if (placed.problems.length > 0) return { inference: null, problems: placed.problems };
  if (placed.left.length > 0)
    return stop(
      'items-spec',
      `--items leaves out ${placed.left.map((i) => i.id).join(', ')}: a long file's rows name every item, so each needs a dimension`,
    );
  const dimensions = [...new Set(placed.placed.map((p) => p.dimension))];
  const servqual =
    dimensions.every((d) => (SERVQUAL_DIMENSIONS as readonly string[]).includes(d)) &&
    SERVQUAL_DIMENSIONS.every((d) => dimensions.includes(d));
  const ordered = servqual ? [...SERVQUAL_DIMENSIONS] : dimensions;
  const strays = weightIds.filter((w) => !ordered.includes(w));
  if (strays.length > 0)
    return stop(
      'long-format',
      `weight rows name ${strays.map((w) => `"${w}"`).join(', ')}, which ${strays.length === 1 ? 'is not a dimension' : 'are not dimensions'} here (${ordered.join(', ')})`,
      'weight rows name dimensions by id; place the items in those dimensions with --items IDS=DIMENSION',
    );

  // One scale serves every item: the answers of all items pooled into one profile.
  const answers: string[][] = [];
  for (const id of itemIds)
    for (const [kind, values] of kindsOf.get(id) ?? [])
      if (kind === '' || ANSWER_KINDS.includes(kind as AnswerKind)) for (const v of values) answers.push([v]);
  const pooled = profileColumns([idColumn('answers', 0)], answers)[0] as ColumnProfile;
  const reading = readColumn(pooled);
  if (reading.kind !== 'rating')
    return stop(
      'no-answer-columns',
      `the answers of the items are not ratings (whole numbers from 0 to 10, or agreement, satisfaction, quality or frequency labels): ${reading.kind === 'numeric' ? 'numbers off a rating scale' : 'text'}`,
    );

  const kinds =
    format === 'two-column'
      ? ['expectation', 'perception']
      : format === 'three-column'
        ? ['minimum', 'desired', 'perception']
        : ['perception'];
  const placedItems: Inference['items'] = ordered.flatMap((d) =>
    placed.placed
      .filter((p) => p.dimension === d)
      .map((p) => {
        const names: Partial<Record<AnswerKind, string>> = {};
        const statements: Partial<Record<AnswerKind, string>> = {};
        for (const kind of kinds as AnswerKind[]) {
          names[kind] = p.id;
          statements[kind] = p.id;
        }
        return { ...p, names, statements };
      }),
  );
  const kpis = kpiIds.map((id) => {
    const values = [...(kindsOf.get(id)?.values() ?? [])].flat();
    return kpiOf(id, blankReading(values));
  });
  const names: LongParts['names'] = {};
  for (const role of Object.keys(NAMES) as Role[]) {
    const name = (header[at[role]] ?? '').trim();
    if (normaliseAnswer(name) !== NAMES[role][0]) names[role] = name;
  }
  const text = [...header, ...[...pooled.texts.values()].map((t) => t.text)].join(' ');
  const cyrillic = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const latin = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  const shape = `one row per answer, kinds ${[...present]
    .filter((k) => k !== '')
    .join(', ')}${present.has('') ? ' and blank' : ''}: ${format}`;
  return {
    inference: {
      platform,
      detection,
      format,
      shape,
      model: servqual ? 'servqual' : 'custom',
      dimensions: ordered,
      items: placedItems,
      scale: inferScale([reading], [pooled]),
      labels: proposedLabels([reading], [pooled]),
      missing: [...pooled.missing.values()],
      roles: {
        respondent: null,
        nps: null,
        segments: [],
        outcomes: [],
        duration: null,
        comments: [],
        filters: [],
        taken: new Set(),
      },
      language: cyrillic > latin ? 'ru' : 'en',
      notScored: [],
      sampled: respondents.size,
      long: { names, segments, kpis, weights: weightIds.length > 0 },
    },
    problems: [],
  };
}
