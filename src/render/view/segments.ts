import type { DimensionResult, SegmentResult } from '../../core/scoring/result.js';
import type { Column } from './columns.js';

/**
 * The segments table (`--group-by`): the segment, its respondents, its weighted overall score and
 * one score per dimension of the result. The terminal heads a dimension by the first four letters
 * of its id (to fit 80 columns); Markdown by its label.
 */
export function segmentColumns(dimensions: readonly DimensionResult[]): Column<SegmentResult>[] {
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
      cell: (s) => ({ kind: 'score', value: s.overall.weighted.mean }),
    },
    ...dimensions.map(
      (d): Column<SegmentResult> => ({
        key: `dimension:${d.id}`,
        label: (_w, view) => (view === 'table' ? d.id.slice(0, 4) : d.label),
        align: 'right',
        cell: (s) => ({ kind: 'score', value: s.dimensions.find((sd) => sd.id === d.id)?.gap.mean ?? null }),
      }),
    ),
  ];
}
