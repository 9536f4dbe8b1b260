import type { Format } from '../../core/questionnaire/model.js';
import type { DimensionResult, ItemResult, Result, Zone } from '../../core/scoring/result.js';
import { unreachable } from '../formats.js';
import { fixed, pValue } from '../format.js';
import type { HtmlLabels } from '../html-labels.js';
import type { Labels } from '../labels.js';
import { importanceDisagrees } from '../../core/recommend/importance-agreement.js';
import { type Advice, adviceView } from './advice.js';
import { type Mark, withMark } from './segment-tests.js';
import { type AnswerMean, answerMeans, isGap, type ScoreReading, scoreLabel } from './reading.js';

/**
 * The report's tables defined once: each column's name (per language, through the labels), where
 * it reads its value, what kind of value it is, its alignment, and in which views and for which
 * questionnaire formats it is shown. The table, Markdown and HTML renderers lay out these columns;
 * none of them decides which statistics a report has. A new statistic is one entry here.
 */

/** The renderers that lay out column tables. */
export type View = 'table' | 'markdown' | 'html' | 'xlsx';

/** The views that show every statistic: the HTML report and the workbook an analyst takes further. */
const complete = (view: View) => view === 'html' || view === 'xlsx';

/** One cell's value and kind; a renderer decides how each kind looks (colour, tag, escaping). */
export type Cell =
  /** Text from the result (a label or id): escaped by each renderer for its medium. */
  | { kind: 'text'; text: string }
  /** A statistic shown with two decimals. */
  | { kind: 'number'; value: number | null }
  /**
   * A share of a whole (0-1), such as a dimension's importance: two decimals in text, a percentage
   * in a workbook; `flag`: marked with "!" in text (derived importance that disagrees with the stated).
   */
  | { kind: 'share'; value: number | null; flag?: boolean }
  | { kind: 'count'; value: number }
  /**
   * A gap or perception score, read as the result's reading says (signed, coloured by side);
   * `baseline`: the side is taken against this instead (a perception of an item on its own scale);
   * `mark`: a segment's score significantly above or below the other respondents' (view/segment-tests.ts).
   */
  | { kind: 'score'; value: number | null; baseline?: number; mark?: Mark }
  | { kind: 'interval'; value: readonly [number, number] | null }
  | { kind: 'p'; value: number | null }
  | { kind: 'zone'; value: Zone | null }
  /** The advice worded for a dimension's IPA quadrant (decided in `view/advice.ts`). */
  | { kind: 'advice'; value: Advice | null }
  /** A bar of the gap around its centre line (the terminal table only). */
  | { kind: 'bar'; value: number | null }
  /** A segment of `--group-by`: the column and its value (data, escaped by each renderer). */
  | { kind: 'segment'; column: string; value: string }
  /** An item's wording (data, escaped by each renderer); the shorter reports show only the perception. */
  | ({ kind: 'statement' } & ItemWording);

export interface Wording {
  l: Labels;
  h: HtmlLabels;
}

export interface Column<Row> {
  /** Names the column (HTML's data-col). */
  key: string;
  label: (w: Wording, view: View, format: Format) => string;
  align: 'left' | 'right';
  cell: (row: Row) => Cell;
  /** Whether the column is shown in this view for this questionnaire format; always when absent. */
  shown?: (view: View, format: Format) => boolean;
}

/** A cell's text where it needs no medium of its own: numbers formatted, text as it is (unescaped). */
export function cellText(cell: Cell, reading: ScoreReading, l: Labels): string {
  switch (cell.kind) {
    case 'share':
      return cell.flag ? `${fixed(cell.value)}!` : fixed(cell.value);
    case 'number':
      return fixed(cell.value);
    case 'count':
      return String(cell.value);
    case 'score':
      return withMark(reading.score(cell.value), cell.mark);
    case 'bar':
      return reading.score(cell.value);
    case 'interval':
      return reading.interval(cell.value);
    case 'p':
      return pValue(cell.value);
    case 'text':
    case 'zone':
    case 'advice':
    case 'segment':
    case 'statement':
      return cellWords(cell, l) ?? '–';
    default:
      return unreachable(cell);
  }
}

/** A cell made of words rather than a number. */
export type WordCell = Extract<Cell, { kind: 'text' | 'zone' | 'advice' | 'segment' | 'statement' }>;

/**
 * A word cell's words in the result's language, null when it has none: one wording for the text
 * renderers (which show null as "–") and the workbook (which leaves the cell empty).
 */
export function cellWords(cell: WordCell, l: Labels): string | null {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'zone':
      return cell.value ? l.zones[cell.value] : null;
    case 'advice':
      return cell.value ? l.advice[cell.value] : null;
    case 'segment':
      return `${cell.column}=${cell.value === '' ? '(blank)' : cell.value}`;
    case 'statement':
      return cell.statement === null ? null : `${cell.reverse ? `${l.reversedMark} ` : ''}${cell.statement}`;
    default:
      return unreachable(cell);
  }
}

const only = (wanted: Format) => (_view: View, format: Format) => format === wanted;

/** Every answer mean a table may show, in column order. */
const MEANS: readonly AnswerMean[] = ['minimum', 'desired', 'expectation', 'perception'];

/** The columns every item and dimension table shares: the format's answer means, then the score. */
function meanColumns<Row>(means: (row: Row) => DimensionResult | ItemResult): Column<Row>[] {
  return [
    ...MEANS.map(
      (key): Column<Row> => ({
        key,
        label: ({ l }) => l[key],
        align: 'right',
        cell: (row) => ({ kind: 'number', value: means(row)[key] }),
        // Perceptions only: the score column is the mean perception already.
        shown: (_view, format) => answerMeans(format).includes(key) && (key !== 'perception' || isGap(format)),
      }),
    ),
    {
      // The gap's mean: P - E, MSS = P - DES, or the mean perception itself.
      key: 'gap',
      label: ({ l }, _view, format) => scoreLabel(format, l),
      align: 'right',
      cell: (row) => {
        const m = means(row);
        // Only items carry a scale of their own; its midpoint is what a perception is read against.
        const own = 'scale' in m && m.scale ? (m.scale.min + m.scale.max) / 2 : undefined;
        return { kind: 'score', value: m.gap.mean, ...(own !== undefined ? { baseline: own } : {}) };
      },
    },
  ];
}

/**
 * A dimension table's row: the dimension, the advice worded for it, and its derived importance
 * (key drivers' share of R², null without drivers) with whether it disagrees strongly with the stated.
 */
export type DimensionRow = DimensionResult & { advice: Advice | null; derived: number | null; disagree: boolean };

/** The dimension table's rows, each with its advice decided once for every renderer. */
export function dimensionRows(result: Result): DimensionRow[] {
  const advice = adviceView(result);
  const derivedOf = new Map((result.drivers?.dimensions ?? []).map((d) => [d.id, d.share]));
  return result.dimensions.map((d) => {
    const derived = derivedOf.get(d.id) ?? null;
    return {
      ...d,
      advice: advice.dimension(d.id),
      derived,
      disagree: importanceDisagrees(d.importance, derived),
    };
  });
}

/** The dimension table's columns for a result: derived importance only when it has key drivers. */
export function dimensionColumns(result: Pick<Result, 'drivers'>): readonly Column<DimensionRow>[] {
  return result.drivers ? DIMENSION_COLUMNS : DIMENSION_COLUMNS.filter((c) => c.key !== 'derivedImportance');
}

export const DIMENSION_COLUMNS: readonly Column<DimensionRow>[] = [
  { key: 'dimension', label: ({ l }) => l.dimension, align: 'left', cell: (d) => ({ kind: 'text', text: d.label }) },
  {
    key: 'importance',
    label: ({ l, h }, view) => (complete(view) ? h.importance : l.importance),
    align: 'right',
    cell: (d) => ({ kind: 'share', value: d.importance }),
    shown: (view, format) => complete(view) || format !== 'three-column',
  },
  {
    // Beside the stated importance, as the importance-performance view compares them (issue 16).
    key: 'derivedImportance',
    label: ({ l, h }, view) => (complete(view) ? h.derivedImportance : l.derivedImportance),
    align: 'right',
    cell: (d) => ({ kind: 'share', value: d.derived, flag: d.disagree }),
    shown: (view, format) => complete(view) || format !== 'three-column',
  },
  ...meanColumns((d: DimensionRow) => d),
  {
    key: 'bar',
    label: () => '',
    align: 'left',
    cell: (d) => ({ kind: 'bar', value: d.gap.mean }),
    shown: (view, format) => view === 'table' && format === 'two-column',
  },
  {
    key: 'ci95',
    label: ({ l }) => l.ci95,
    align: 'right',
    cell: (d) => ({ kind: 'interval', value: d.gap.ci95 }),
    shown: (view, format) =>
      complete(view) || (view === 'markdown' ? format !== 'three-column' : format === 'perceptions-only'),
  },
  {
    key: 'msa',
    label: ({ l }) => l.msa,
    align: 'right',
    cell: (d) => ({ kind: 'score', value: d.msa?.mean ?? null }),
    shown: only('three-column'),
  },
  {
    key: 'zone',
    label: ({ l }) => l.zone,
    align: 'left',
    cell: (d) => ({ kind: 'zone', value: d.zone }),
    shown: only('three-column'),
  },
  { key: 'n', label: ({ l }) => l.n, align: 'right', cell: (d) => ({ kind: 'count', value: d.gap.n }) },
  { key: 'alpha', label: ({ l }) => l.alpha, align: 'right', cell: (d) => ({ kind: 'number', value: d.alpha }) },
  {
    key: 'quadrant',
    label: ({ l }) => l.quadrantHeading,
    align: 'left',
    cell: (d) => ({ kind: 'advice', value: d.advice }),
    shown: (view, format) => complete(view) || (view === 'markdown' && format !== 'three-column'),
  },
];

/** An item's wording as the reports show it: the perception statement, and the others the format asked. */
export interface ItemWording {
  /** The perception statement; null for a result saved before statements were written (the id stands alone). */
  statement: string | null;
  /**
   * The other statements in the order they are asked: the expectation (two-column), or the minimum
   * and the desired level (three-column; one, as `desired`, when the two are worded alike).
   */
  others: readonly { kind: 'expectation' | 'minimum' | 'desired'; text: string }[];
  /** A reverse-scored (negatively worded) item: its statement is marked, so no one reads the score backwards. */
  reverse: boolean;
}

/** The wording of a result's item (its id when the result lacks it). */
export function itemWording(item: ItemResult | undefined): ItemWording {
  const s = item?.statements ?? {};
  const others: ItemWording['others'][number][] = [];
  if (s.expectation !== undefined) others.push({ kind: 'expectation', text: s.expectation });
  if (s.minimum !== undefined && s.minimum !== s.desired) others.push({ kind: 'minimum', text: s.minimum });
  if (s.desired !== undefined) others.push({ kind: 'desired', text: s.desired });
  return { statement: item?.statement ?? null, others, reverse: item?.reverse === true };
}

/**
 * Each item's wording by id, for the places that name an item by its id (recommendations, segment
 * rows): a segment's items and a recommendation pair with the result's items by id.
 */
export function itemWordings(items: readonly ItemResult[]): (id: string) => ItemWording {
  const byId = new Map(items.map((item) => [item.id, item]));
  return (id) => itemWording(byId.get(id));
}

/** An item with the label of its dimension and its wording, as the item table shows it. */
export interface ItemRow {
  item: ItemResult;
  dimensionLabel: string;
  wording: ItemWording;
}

export const ITEM_COLUMNS: readonly Column<ItemRow>[] = [
  { key: 'item', label: ({ l }) => l.item, align: 'left', cell: (r) => ({ kind: 'text', text: r.item.id }) },
  {
    key: 'statement',
    label: ({ l }) => l.statement,
    align: 'left',
    cell: (r) => ({ kind: 'statement', ...r.wording }),
  },
  {
    key: 'dimension',
    label: ({ l }) => l.dimension,
    align: 'left',
    cell: (r) => ({ kind: 'text', text: r.dimensionLabel }),
    shown: complete,
  },
  ...meanColumns((r: ItemRow) => r.item),
  {
    key: 'ci95',
    label: ({ l }) => l.ci95,
    align: 'right',
    cell: (r) => ({ kind: 'interval', value: r.item.gap.ci95 }),
  },
  {
    key: 'msa',
    label: ({ l }) => l.msa,
    align: 'right',
    cell: (r) => ({ kind: 'score', value: r.item.msa?.mean ?? null }),
    shown: (view, format) => complete(view) && format === 'three-column',
  },
  {
    key: 'zone',
    label: ({ l }) => l.zone,
    align: 'left',
    cell: (r) => ({ kind: 'zone', value: r.item.zone }),
    shown: (view, format) => complete(view) && format === 'three-column',
  },
  {
    key: 't',
    label: ({ h }) => h.t,
    align: 'right',
    cell: (r) => ({ kind: 'number', value: r.item.t }),
    shown: complete,
  },
  { key: 'pHolm', label: ({ l }) => l.pHolm, align: 'right', cell: (r) => ({ kind: 'p', value: r.item.pHolm }) },
  {
    key: 'dz',
    label: ({ h }) => h.dz,
    align: 'right',
    cell: (r) => ({ kind: 'number', value: r.item.dz }),
    shown: complete,
  },
  {
    key: 'alphaIfDeleted',
    label: ({ h }) => h.alphaIfDeleted,
    align: 'right',
    cell: (r) => ({ kind: 'number', value: r.item.alphaIfDeleted }),
    shown: complete,
  },
  {
    key: 'itemTotal',
    label: ({ h }) => h.itemTotal,
    align: 'right',
    cell: (r) => ({ kind: 'number', value: r.item.itemTotal }),
    shown: complete,
  },
  { key: 'n', label: ({ l }) => l.n, align: 'right', cell: (r) => ({ kind: 'count', value: r.item.gap.n }) },
];

/** The columns a view shows for a questionnaire format, in order. */
export function columnsFor<Row>(columns: readonly Column<Row>[], view: View, format: Format): Column<Row>[] {
  return columns.filter((c) => c.shown?.(view, format) ?? true);
}

/**
 * The rows of the item table: each item with its dimension's label (its id when the result lacks
 * it) and its wording.
 */
export function itemRows(items: readonly ItemResult[], dimensions: readonly DimensionResult[]): ItemRow[] {
  const labelOf = new Map(dimensions.map((d) => [d.id, d.label]));
  return items.map((item) => ({
    item,
    dimensionLabel: labelOf.get(item.dimension) ?? item.dimension,
    wording: itemWording(item),
  }));
}
