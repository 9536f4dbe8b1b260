/**
 * The segment tests in reports (issue 15): the top priorities per segment follow their rule and
 * stay capped and fast with 400 segments; the marks agree with the JSON's Holm-adjusted p.
 */
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/scoring/result.js';
import { scoreObjects } from '../../../src/core/scoring/score-table.js';
import { renderHtml } from '../../../src/render/html.js';
import { renderMarkdown } from '../../../src/render/markdown.js';
import {
  dimensionMark,
  PRIORITIES_PER_SEGMENT,
  PRIORITY_SEGMENTS_SHOWN,
  segmentPriorities,
} from '../../../src/render/view/segment-tests.js';
import { generateRows, makeQuestionnaire } from '../scoring/support.js';

const q = makeQuestionnaire();
const segments = Array.from({ length: 400 }, (_, i) => `s${String(i).padStart(3, '0')}`);
const rows = generateRows(q, { n: 3000, seed: 15, branches: segments });

function score(): Result {
  const { result } = scoreObjects(q, rows, { groupBy: ['branch'] });
  if (!result) throw new Error('not scored');
  return result;
}

/** What qualifies, as docs/methods.md words it, checked on the JSON's numbers. */
function qualifies(s: Result['segments'][number], id: string): boolean {
  const d = s.dimensions.find((x) => x.id === id);
  const test = s.test?.dimensions.find((x) => x.id === id);
  const belowRest = test?.pHolm != null && test.pHolm < 0.05 && (test.difference ?? 0) < 0;
  return belowRest || (d?.gap.ci95 != null && d.gap.ci95[1] < 0);
}

describe('top priorities per segment', () => {
  const result = score();
  const { shown, more } = segmentPriorities(result);
  const withFindings = result.segments.filter((s) => s.dimensions.some((d) => qualifies(s, d.id)));

  it('lists up to three qualifying dimensions per segment, worst weighted shortfall first', () => {
    expect(withFindings.length).toBeGreaterThan(PRIORITY_SEGMENTS_SHOWN);
    for (const { segment, priorities } of shown) {
      expect(priorities.length).toBeGreaterThan(0);
      expect(priorities.length).toBeLessThanOrEqual(PRIORITIES_PER_SEGMENT);
      for (const p of priorities) {
        expect(qualifies(segment, p.id), `${segment.value} ${p.id}`).toBe(true);
        const d = segment.dimensions.find((x) => x.id === p.id);
        expect(p.shortfall).toBeCloseTo((d?.gap.mean ?? Number.NaN) * (d?.importance ?? Number.NaN), 12);
        expect(p.belowRest).toBe(dimensionMark(segment, p.id) === 'below');
      }
      const shortfalls = priorities.map((p) => p.shortfall);
      expect(shortfalls).toEqual([...shortfalls].sort((a, b) => a - b));
      // Nothing left out is worse than the last one listed.
      const listed = new Set(priorities.map((p) => p.id));
      const last = shortfalls[shortfalls.length - 1] as number;
      for (const d of segment.dimensions)
        if (!listed.has(d.id) && qualifies(segment, d.id))
          expect((d.gap.mean as number) * (d.importance as number)).toBeGreaterThanOrEqual(last);
    }
  });

  it('shows the first segments with findings and counts the others', () => {
    expect(shown.map((s) => s.segment.value)).toEqual(
      withFindings.slice(0, PRIORITY_SEGMENTS_SHOWN).map((s) => s.value),
    );
    expect(more).toBe(withFindings.length - PRIORITY_SEGMENTS_SHOWN);
    const md = renderMarkdown(result);
    const section = md.slice(md.indexOf('### Top priorities per segment'), md.indexOf('### Warnings'));
    expect(section.match(/^- \*\*branch=/gm)).toHaveLength(PRIORITY_SEGMENTS_SHOWN);
    expect(section).toContain(`…and ${more} more segments with significant findings`);
  });

  it('renders 400 segments in Markdown and HTML quickly', () => {
    const started = performance.now();
    const html = renderHtml(result);
    renderMarkdown(result);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(html.match(/<li data-segment=/g)).toHaveLength(PRIORITY_SEGMENTS_SHOWN);
    expect(html).toContain(`…and ${more} more segments`);
  });
});
