import { stringify } from 'csv-stringify/sync';
import type { Distribution } from '../core/stats/moments.js';
import type { ItemResult, Result } from '../core/scoring/result.js';
import { terminalText } from '../core/text/safe-text.js';
import { itemWordings } from './view/columns.js';

/**
 * A text cell made safe for spreadsheets and logs: control and bidi characters escaped visibly
 * (so a cell is one line), no workflow command (`terminalText`), and one that begins with = + - @ (or a full-width ＝ ＋ － ＠) would be
 * run as a formula, so it gets a leading apostrophe (OWASP's advice). Numbers are written as
 * numbers, so a negative gap stays a number.
 * @example safeCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function safeCell(text: string): string {
  const shown = terminalText(text);
  return /^[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(shown) ? `'${shown}` : shown;
}

/** Cells that could start a line as a CI workflow command are quoted (a quoted line starts with `"`). */
const OPTIONS = { record_delimiter: '\n', quoted_match: /^\s*::|##\[/ } as const;

const number = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);

const distribution = (d: Distribution | null): string[] => [
  number(d?.mean),
  number(d?.sd),
  d ? String(d.n) : '',
  number(d?.ci95?.[0]),
  number(d?.ci95?.[1]),
];

const ITEM_COLUMNS = [
  'item',
  'dimension',
  'expectation',
  'perception',
  'minimum',
  'desired',
  'gap_mean',
  'gap_sd',
  'gap_n',
  'gap_ci_low',
  'gap_ci_high',
  'msa_mean',
  'msa_sd',
  'msa_n',
  'msa_ci_low',
  'msa_ci_high',
  't',
  'p',
  'dz',
  'p_holm',
  'zone',
  'alpha_if_deleted',
  'item_total',
  // Last, so that readers of the columns before it by position read on unchanged.
  'statement',
];

/** The item's perception statement, from the result's items (a segment's pair with them by id); blank in a result saved without statements. */
type StatementOf = (id: string) => string;

function itemCells(item: ItemResult, statementOf: StatementOf): string[] {
  return [
    safeCell(item.id),
    safeCell(item.dimension),
    number(item.expectation),
    number(item.perception),
    number(item.minimum),
    number(item.desired),
    ...distribution(item.gap),
    ...distribution(item.msa),
    number(item.t),
    number(item.p),
    number(item.dz),
    number(item.pHolm),
    item.zone ?? '',
    number(item.alphaIfDeleted),
    number(item.itemTotal),
    safeCell(statementOf(item.id)),
  ];
}

/**
 * The item-level table as CSV: one row per item with every statistic as a column, unrounded.
 * With segments, the rows for all respondents come first (blank segment columns), then one row
 * per segment and item.
 */
export function renderCsv(result: Result): string {
  const wordingOf = itemWordings(result.items);
  const statementOf: StatementOf = (id) => wordingOf(id).statement ?? '';
  if (result.segments.length === 0)
    return stringify([ITEM_COLUMNS, ...result.items.map((item) => itemCells(item, statementOf))], OPTIONS);
  const rows = [
    ['segment_column', 'segment_value', ...ITEM_COLUMNS],
    ...result.items.map((item) => ['', '', ...itemCells(item, statementOf)]),
    ...result.segments.flatMap((segment) =>
      segment.items.map((item) => [safeCell(segment.column), safeCell(segment.value), ...itemCells(item, statementOf)]),
    ),
  ];
  return stringify(rows, OPTIONS);
}
