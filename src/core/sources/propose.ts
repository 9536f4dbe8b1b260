import { allItems, type AnswerKind, type Questionnaire, type SourceTarget } from '../questionnaire/model.js';
import { answerKinds, columnName } from '../scoring/column-plan.js';
import { findExportColumn, type ExportColumn } from './headers.js';
import { normaliseAnswer } from './labels.js';
import { platformsWith } from './platforms/index.js';
import type { Platform } from './platforms/platform.js';
import { containment, similarity, words } from './similarity.js';

/** One proposed `source.columns` entry. */
export interface ProposedColumn {
  column: string;
  target: SourceTarget;
  /** 0-1; `certain` entries are written as they are, the others with a comment to check them. */
  score: number;
  certain: boolean;
  /** Why, for the YAML comment: the header text that matched, or `by position`. */
  note: string;
}

/**
 * Whether a column is metadata (ids, dates, statuses) rather than an answer: blank, or named like
 * the metadata of any registered platform (or of `platform`), since exports are often re-saved
 * through another tool.
 */
function metadataTest(platform: Platform): (column: ExportColumn) => boolean {
  const platforms = platformsWith(platform);
  const names = new Set(platforms.flatMap((p) => p.metadata.names));
  const labels = platforms.flatMap((p) => (p.metadata.label ? [p.metadata.label] : []));
  return (column) =>
    column.label === '' ||
    labels.some((pattern) => pattern.test(column.label)) ||
    column.names.some((n) => names.has(normaliseAnswer(n)));
}

const KIND_WORDS: Record<AnswerKind, RegExp> = {
  expectation: /expect|ideal|should|ожидан|идеал|должн/,
  perception: /percept|experience|actual|восприят|фактич|оценит|опыт/,
  minimum: /minim|adequate|минимал/,
  desired: /desired|желаем/,
};
const KIND_CODES: Record<AnswerKind, RegExp> = {
  expectation: /^(e|exp)$/,
  perception: /^(p|per|perc)$/,
  minimum: /^min$/,
  desired: /^des$/,
};

/** The kind a column's question or code names, when exactly one kind fits. */
function kindFromText(column: ExportColumn, kinds: readonly AnswerKind[]): AnswerKind | undefined {
  const code = column.code?.question.toLowerCase() ?? '';
  const byCode = kinds.filter((k) => KIND_CODES[k].test(code));
  if (byCode.length === 1) return byCode[0];
  const question = normaliseAnswer(column.sub === '' ? '' : column.question);
  const byWords = kinds.filter((k) => KIND_WORDS[k].test(question));
  return byWords.length === 1 ? byWords[0] : undefined;
}

/** The kind of a side-by-side (Qualtrics `Q1#2_3`) or dual-scale (LimeSurvey `Q1[SQ001][2]`) column: its scale's rank. */
function kindFromScale(
  column: ExportColumn,
  columns: readonly ExportColumn[],
  kinds: readonly AnswerKind[],
): AnswerKind | undefined {
  const scale = column.code?.scale;
  if (scale === undefined) return undefined;
  const scales = [
    ...new Set(
      columns
        .filter((c) => c.code?.question === column.code?.question && c.code?.scale !== undefined)
        .map((c) => c.code?.scale as number),
    ),
  ].sort((a, b) => a - b);
  return scales.length === kinds.length ? kinds[scales.indexOf(scale)] : undefined;
}

function statementOf(q: Questionnaire, itemId: string, kind: AnswerKind): string {
  const item = allItems(q).find((i) => i.id === itemId);
  return (
    (kind === 'expectation'
      ? item?.expectation
      : kind === 'minimum'
        ? item?.minimum
        : kind === 'desired'
          ? item?.desired
          : item?.perception) ?? ''
  );
}

/** How well a header text matches a statement: word overlap, or containment for a short row label. */
function textScore(text: string, statement: string): number {
  const short = words(text).length >= 2 ? 0.85 * containment(text, statement) : 0;
  return Math.max(similarity(text, statement), short);
}

interface Candidate {
  column: ExportColumn;
  item: string;
  kind: AnswerKind;
  score: number;
  note: string;
}

/** Every plausible (item, kind) of one column, best first. */
function candidatesOf(q: Questionnaire, column: ExportColumn, columns: readonly ExportColumn[]): Candidate[] {
  const kinds = answerKinds(q.format);
  const known =
    kindFromScale(column, columns, kinds) ?? kindFromText(column, kinds) ?? (kinds.length === 1 ? kinds[0] : undefined);
  const text = column.sub !== '' ? column.sub : column.question;
  const out: Candidate[] = [];
  for (const item of allItems(q)) {
    for (const kind of known ? [known] : kinds) {
      const generic = columnName(q.columns[kind], { item: item.id });
      const byId =
        column.names.some((n) => normaliseAnswer(n) === normaliseAnswer(generic)) ||
        (known !== undefined && normaliseAnswer(text) === normaliseAnswer(item.id));
      const score = byId ? 1 : textScore(text, statementOf(q, item.id, kind));
      if (score > 0) out.push({ column, item: item.id, kind, score, note: text });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * Proposes which export column holds each answer: by the generic names (`T1_E`), by text (the
 * matrix row or question against the item statements, with the kind from a side-by-side scale,
 * the question's words, or the closer statement), and for coded exports without usable text by
 * position (the n-th row of the expectation block is the n-th item).
 */
export function proposeAnswers(
  q: Questionnaire,
  platform: Platform,
  columns: readonly ExportColumn[],
): ProposedColumn[] {
  const items = allItems(q);
  const kinds = answerKinds(q.format);
  const isMetadata = metadataTest(platform);
  const pool = columns.filter((c) => !isMetadata(c));
  const all = pool.flatMap((c) => {
    const ranked = candidatesOf(q, c, columns);
    const best = ranked[0];
    if (!best) return [];
    // A clear winner over the next item (of any kind) is certain; a close race is a guess.
    const runnerUp = ranked.find((r) => r.item !== best.item || r.kind !== best.kind);
    const margin = best.score - (runnerUp?.score ?? 0);
    return ranked.map((r) => ({ ...r, certain: r === best && best.score >= 0.6 && margin >= 0.1 }));
  });
  all.sort((a, b) => Number(b.certain) - Number(a.certain) || b.score - a.score);
  const usedColumns = new Set<number>();
  const usedTargets = new Set<string>();
  const proposed: ProposedColumn[] = [];
  for (const c of all) {
    const key = `${c.item}\u0000${c.kind}`;
    if (c.score < 0.3 || usedColumns.has(c.column.index) || usedTargets.has(key)) continue;
    usedColumns.add(c.column.index);
    usedTargets.add(key);
    proposed.push({
      column: c.column.names[0] ?? c.column.label,
      target: { type: 'answer', item: c.item, kind: c.kind },
      score: c.score,
      certain: c.certain,
      note: c.note,
    });
  }

  // Coded columns nothing certain claimed, in export order, fill the remaining answers by position.
  const certain = proposed.filter((p) => p.certain);
  if (certain.length < items.length * kinds.length) {
    const taken = new Set(certain.map((p) => p.column));
    const coded = pool.filter((c) => c.code !== undefined && !taken.has(c.names[0] ?? c.label));
    const byKind = new Map<AnswerKind, ExportColumn[]>(kinds.map((k) => [k, []]));
    const unknown: ExportColumn[] = [];
    for (const c of coded) {
      const kind = kindFromScale(c, columns, kinds) ?? kindFromText(c, kinds);
      (kind ? (byKind.get(kind) as ExportColumn[]) : unknown).push(c);
    }
    if (unknown.length === items.length * kinds.length)
      kinds.forEach((k, i) => {
        byKind.set(k, unknown.slice(i * items.length, (i + 1) * items.length));
      });
    const positional: ProposedColumn[] = [];
    for (const kind of kinds) {
      const block = byKind.get(kind) as ExportColumn[];
      const open = items.filter(
        (item) =>
          !certain.some((p) => p.target.type === 'answer' && p.target.item === item.id && p.target.kind === kind),
      );
      if (block.length !== open.length || open.length === 0) continue;
      block.forEach((c, i) => {
        positional.push({
          column: c.names[0] ?? c.label,
          target: { type: 'answer', item: (open[i] as { id: string }).id, kind },
          score: 0.7,
          certain: true,
          note: 'by position',
        });
      });
    }
    if (positional.length > 0) return order(q, [...certain, ...positional]);
  }
  return order(q, proposed);
}

/** Entries in questionnaire order (item, then kind), as a person reads them. */
function order(q: Questionnaire, entries: ProposedColumn[]): ProposedColumn[] {
  const items = allItems(q).map((i) => i.id);
  const kinds = answerKinds(q.format) as string[];
  const rank = (p: ProposedColumn) =>
    p.target.type === 'answer' ? items.indexOf(p.target.item) * 10 + kinds.indexOf(p.target.kind) : 1e6;
  return [...entries].sort((a, b) => rank(a) - rank(b));
}

const WEIGHT_WORDS = /importan|point|weight|allocat|100|важн|балл|вес|распредел/;

/** Weight, KPI and segment columns: importance allocations by dimension label, KPIs by question, segments by name. */
export function proposeOthers(
  q: Questionnaire,
  platform: Platform,
  columns: readonly ExportColumn[],
  claimed: ReadonlySet<string>,
): ProposedColumn[] {
  const out: ProposedColumn[] = [];
  const isMetadata = metadataTest(platform);
  const free = columns.filter((c) => !isMetadata(c) && !claimed.has(c.names[0] ?? c.label));
  const name = (c: ExportColumn) => c.names[0] ?? c.label;
  const take = (c: ExportColumn, target: SourceTarget, score: number, note: string) => {
    claimed = new Set([...claimed, name(c)]);
    out.push({ column: name(c), target, score, certain: score >= 0.6, note });
  };
  for (const d of q.dimensions) {
    const generic = columnName(q.columns.weight, { dimension: d.id });
    const hit = free.find(
      (c) =>
        !claimed.has(name(c)) &&
        (c.names.some((n) => normaliseAnswer(n) === normaliseAnswer(generic)) ||
          (WEIGHT_WORDS.test(normaliseAnswer(c.question)) &&
            c.sub !== '' &&
            Math.max(similarity(c.sub, d.label), similarity(c.sub, d.id)) >= 0.6)),
    );
    if (hit) take(hit, { type: 'weight', dimension: d.id }, 0.9, hit.sub || hit.label);
  }
  for (const k of q.kpis) {
    const ranked = free
      .filter((c) => !claimed.has(name(c)))
      .map((c) => {
        const text = c.sub !== '' ? `${c.question} ${c.sub}` : c.question;
        const byId = c.names.some((n) => normaliseAnswer(n) === k.id.toLowerCase());
        const recommend = k.type === 'nps' && /recommend|рекоменд/.test(normaliseAnswer(text)) ? 0.7 : 0;
        return { c, text, score: byId ? 1 : Math.max(similarity(text, k.question), recommend) };
      })
      .sort((a, b) => b.score - a.score);
    const best = ranked[0];
    if (best && best.score >= 0.4) take(best.c, { type: 'kpi', kpi: k.id }, best.score, best.text);
  }
  for (const segment of q.segments) {
    const found = findExportColumn(free, segment);
    const hit =
      'matches' in found
        ? free.find((c) => !claimed.has(name(c)) && containment(segment, [...c.names, c.question].join(' ')) === 1)
        : found;
    if (hit) take(hit, { type: 'segment', segment }, 0.8, hit.label);
  }
  return out;
}
