import type { DimensionResult, SegmentResult } from '../../core/scoring/result.js';
import type { Labels } from '../labels.js';
import type { Column } from './columns.js';
import { segmentTestLabelsOf } from '../segment-test-labels.js';
import { dimensionMark, MARK_SYMBOL, type Mark, overallMark } from './segment-tests.js';

/** The mark as an optional cell field (absent, not undefined, under exactOptionalPropertyTypes). */
const marked = (mark: Mark | undefined): { mark?: Mark } => (mark ? { mark } : {});

/**
 * The segments table (`--group-by`): the segment, its respondents, its weighted overall score and
 * one score per dimension of the result. The terminal heads a dimension by the first four letters
 * of its id (to fit 80 columns); Markdown by its label.
 */
export function segmentColumns(dimensions: readonly DimensionResult[], l?: Labels): Column<SegmentResult>[] {
  return [
    {
      key: 'segment',
      label: ({ l }) => l.segment,
      align: 'left',
      cell: (s) => ({ kind: 'segment', column: s.column, value: s.value }),
    },
    { key: 'n', label: ({ l }) => l.n, align: 'right', cell: (s) => ({ kind: 'count', value: s.respondents.total }) },
    {
      key: 'overall',
      label: ({ l }) => l.overall,
      align: 'right',
      // The mark is the test of the unweighted overall (the kind of score tested against the rest): see docs/decisions.md.
      cell: (s) => ({ kind: 'score', value: s.overall.weighted.mean, ...marked(overallMark(s)) }),
    },
    ...dimensionColumns(dimensions),
    // The workbook's numbers stay numbers, so its marks are a column of their own.
    {
      key: 'versus-rest',
      label: ({ l }) => segmentTestLabelsOf(l).versusRest,
      align: 'left',
      shown: (view) => view === 'xlsx',
      cell: (s) => ({ kind: 'text', text: versusRestText(s, dimensions, l?.overall ?? 'Overall') }),
    },
  ];
}

/** "▼ Overall; ▲ Reliability": the segment's significant differences, for the workbook. */
function versusRestText(s: SegmentResult, dimensions: readonly DimensionResult[], overallName: string): string {
  const parts: string[] = [];
  const overall = overallMark(s);
  if (overall) parts.push(`${MARK_SYMBOL[overall]} ${overallName}`);
  for (const d of dimensions) {
    const mark = dimensionMark(s, d.id);
    if (mark) parts.push(`${MARK_SYMBOL[mark]} ${d.label}`);
  }
  return parts.join('; ');
}

/** Widest dimension heading of the terminal's segment table: as wide as its cells ("-1.05 ▲"), so the table stays narrow. */
const HEADER_WIDTH = 7;

/** A dimension's label within HEADER_WIDTH code points, ended with an ellipsis when cut (its label, not its id, so a reader knows it). */
function headerOf(label: string): string {
  const chars = Array.from(label);
  return chars.length <= HEADER_WIDTH ? label : `${chars.slice(0, HEADER_WIDTH - 1).join('')}…`;
}

function dimensionColumns(dimensions: readonly DimensionResult[]): Column<SegmentResult>[] {
  return [
    ...dimensions.map(
      (d): Column<SegmentResult> => ({
        key: `dimension:${d.id}`,
        label: (_w, view) => (view === 'table' ? headerOf(d.label) : d.label),
        align: 'right',
        cell: (s) => ({
          kind: 'score',
          value: s.dimensions.find((sd) => sd.id === d.id)?.gap.mean ?? null,
          ...marked(dimensionMark(s, d.id)),
        }),
      }),
    ),
  ];
}
