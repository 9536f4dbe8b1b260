import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/scoring/result.js';
import { renderHtml } from '../../../src/render/html.js';
import { renderMarkdown } from '../../../src/render/markdown.js';
import { renderTable } from '../../../src/render/table.js';
import {
  adviceFor,
  adviceView,
  dimensionStanding,
  equalImportance,
  itemStanding,
  lowestRated,
} from '../../../src/render/view/advice.js';
import { buildResult, dom } from './html-fixtures.js';

const FINE = /keep up the good work|keep it up|possible overkill|low priority|так держать|избыточно|низкий приоритет/i;

/** A scored two-column result whose first recommendation's dimension is made a low-importance, well-performing one with a significant shortfall. */
function lowImportanceShortfall(language: 'en' | 'ru' = 'en'): { result: Result; id: string } {
  const result = structuredClone(buildResult({ format: 'two-column', language, n: 80, seed: 7 }));
  const first = result.recommendations[0] as Result['recommendations'][number];
  result.dimensions.forEach((d, i) => {
    d.importance = [0.4, 0.3, 0.1, 0.1, 0.1][i] ?? 0.1;
  });
  // Move the dimension to the end so it is of low importance, and give it the SPEC's quadrant for that place.
  const target = result.dimensions.find((d) => d.id === first.dimension) as Result['dimensions'][number];
  target.importance = 0.05;
  target.quadrant = 'possible-overkill';
  target.gap = { ...target.gap, mean: -0.8, ci95: [-1.0, -0.6] };
  for (const rec of result.recommendations) if (rec.dimension === target.id) rec.quadrant = 'possible-overkill';
  return { result, id: target.id };
}

describe('adviceFor: the words never call a significant shortfall fine', () => {
  it('keeps the quadrant where the score does not fall short', () => {
    expect(adviceFor('possible-overkill', 'fine', false)).toBe('possible-overkill');
    expect(adviceFor('keep-up-the-good-work', 'fine', false)).toBe('keep-up-the-good-work');
    expect(adviceFor('low-priority', 'unclear', false)).toBe('low-priority');
    expect(adviceFor('concentrate-here', 'shortfall', false)).toBe('concentrate-here');
    expect(adviceFor(null, 'shortfall', false)).toBeNull();
  });

  it('says a significant shortfall is one to fix, whatever the quadrant', () => {
    expect(adviceFor('possible-overkill', 'shortfall', false)).toBe('shortfall-minor');
    expect(adviceFor('low-priority', 'shortfall', false)).toBe('shortfall-minor');
    expect(adviceFor('keep-up-the-good-work', 'shortfall', false)).toBe('shortfall-important');
    expect(adviceFor('possible-overkill', 'unclear', false)).toBe('shortfall-unclear');
    expect(adviceFor('keep-up-the-good-work', 'unclear', false)).toBe('shortfall-unclear');
  });

  it('words by the score alone when importances are equal', () => {
    expect(adviceFor('keep-up-the-good-work', 'shortfall', true)).toBe('equal-shortfall');
    expect(adviceFor('concentrate-here', 'unclear', true)).toBe('equal-unclear');
    expect(adviceFor('concentrate-here', 'fine', true)).toBe('equal-fine');
  });

  it('reads significance from the CI (dimensions) and pHolm (items), against the baseline', () => {
    const result = buildResult({ format: 'two-column', n: 60, seed: 3 });
    const d = structuredClone(result.dimensions[0] as Result['dimensions'][number]);
    d.gap = { ...d.gap, mean: -0.5, ci95: [-0.9, -0.1] };
    expect(dimensionStanding(d, 0)).toBe('shortfall');
    d.gap = { ...d.gap, mean: -0.5, ci95: [-0.9, 0.1] };
    expect(dimensionStanding(d, 0)).toBe('unclear');
    d.gap = { ...d.gap, mean: 3.6, ci95: [3.2, 4.0] };
    expect(dimensionStanding(d, 4)).toBe('unclear');
    const item = structuredClone(result.items[0] as Result['items'][number]);
    item.gap = { ...item.gap, mean: -1.94 };
    item.pHolm = 0.001;
    expect(itemStanding(item, 0)).toBe('shortfall');
    item.pHolm = 0.2;
    expect(itemStanding(item, 0)).toBe('unclear');
    item.gap = { ...item.gap, mean: 0.3 };
    expect(itemStanding(item, 0)).toBe('fine');
  });
});

describe('a significant negative gap in a low-importance quadrant', () => {
  it('is a shortfall to fix in every report, never overkill', () => {
    const { result, id } = lowImportanceShortfall();
    const label = result.dimensions.find((d) => d.id === id)?.label as string;
    expect(adviceView(result).dimension(id)).toBe('shortfall-minor');
    const md = renderMarkdown(result, { top: 22 });
    const row = md.split('\n').find((line) => line.startsWith(`| ${label} |`)) as string;
    expect(row).toContain('significant shortfall: fix (importance below average)');
    expect(row).not.toMatch(FINE);
    const group = dom(renderHtml(result)).querySelector(`tbody.group[data-dimension="${id}"]`);
    expect(group?.querySelector('.diagnosis')?.text).toBe(
      'Low importance, but a significant shortfall: fix it, after the more important ones.',
    );
    expect(group?.querySelector('.significance')?.text).toContain('excludes 0');
    for (const cell of group?.querySelectorAll('[data-col="quadrant"]') ?? []) expect(cell.text).not.toMatch(FINE);
  });

  it('is worded in Russian', () => {
    const { result, id } = lowImportanceShortfall('ru');
    const group = dom(renderHtml(result)).querySelector(`tbody.group[data-dimension="${id}"]`);
    expect(group?.querySelector('.diagnosis')?.text).toBe(
      'Низкая важность, но значимое отставание: исправлять после более важных.',
    );
    expect(renderMarkdown(result)).toContain('значимое отставание: исправлять (важность ниже средней)');
  });
});

describe('equal importances', () => {
  function equal(language: 'en' | 'ru' = 'en'): Result {
    const result = structuredClone(buildResult({ format: 'two-column', language, n: 80, seed: 7 }));
    for (const d of result.dimensions) d.importance = 0.13;
    for (const rec of result.recommendations) rec.importance = 0.13;
    // The user's case: the second-largest shortfall, significant, in a dimension above average.
    const rec = result.recommendations[1] as Result['recommendations'][number];
    rec.quadrant = 'keep-up-the-good-work';
    const item = result.items.find((i) => i.id === rec.item) as Result['items'][number];
    item.gap = { ...item.gap, mean: -1.94 };
    item.pHolm = 0.001;
    return result;
  }

  it('are detected, and the advice follows the score alone', () => {
    const result = equal();
    expect(equalImportance(result.dimensions)).toBe(true);
    expect(equalImportance(buildResult({ format: 'two-column', n: 80, seed: 7 }).dimensions)).toBe(false);
    const view = adviceView(result);
    for (const d of result.dimensions) expect(view.dimension(d.id)).toMatch(/^equal-/);
    expect(view.recommendation(result.recommendations[1] as Result['recommendations'][number])).toBe('equal-shortfall');
  });

  it('never label a significant shortfall "keep up the good work" in the top recommendations', () => {
    const result = equal();
    const text = renderTable(result, { color: false, width: 200 });
    const top = text.slice(text.indexOf('Top recommendations'));
    const second = top.split('\n').find((line) => line.startsWith('2. ')) as string;
    expect(second).toContain('significant shortfall: fix (importances equal)');
    expect(top.split('\n\n')[0]).not.toMatch(FINE);
    const diagnoses = dom(renderHtml(result))
      .querySelectorAll('.diagnosis')
      .map((d) => d.text);
    for (const text of diagnoses) expect(text).toMatch(/^Every dimension has the same importance/);
  });

  it('say so in Russian', () => {
    const md = renderMarkdown(equal('ru'));
    expect(md).toMatch(/\(важности равны\)/);
    const diagnoses = dom(renderHtml(equal('ru')))
      .querySelectorAll('.diagnosis')
      .map((d) => d.text);
    for (const text of diagnoses) expect(text).toMatch(/^Важность всех измерений одинакова/);
  });
});

describe('perceptions only, no item below the midpoint', () => {
  function noneShort(language: 'en' | 'ru' = 'en'): Result {
    const result = structuredClone(buildResult({ format: 'perceptions-only', language, n: 60, seed: 5 }));
    result.recommendations = [];
    result.items.forEach((item, i) => {
      item.gap = { ...item.gap, mean: 6 - (i % 7) * 0.1 - (i === 9 ? 1.5 : 0) };
    });
    return result;
  }

  it('still names the lowest-rated items, lowest first', () => {
    const result = noneShort();
    const lowest = lowestRated(result).map((i) => i.id);
    const ids = result.items.map((i) => i.id);
    expect(lowest).toEqual([ids[9], ids[6], ids[13]]);
    const line = `No item falls below the scale midpoint; the lowest-rated: ${ids[9]} (P 4.30), ${ids[6]} (P 5.40), ${ids[13]} (P 5.40).`;
    expect(renderMarkdown(result)).toContain(line);
    expect(renderTable(result, { color: false, width: 200 })).toContain(line);
    expect(dom(renderHtml(result)).querySelector('#recommendations p')?.text).toBe(line);
  });

  it('in Russian too', () => {
    expect(renderMarkdown(noneShort('ru'))).toContain('Ни один вопрос не ниже середины шкалы; самые низкие оценки:');
  });

  it('names none for gap formats or where there are recommendations', () => {
    expect(lowestRated(buildResult({ format: 'two-column', n: 40, seed: 2 }))).toEqual([]);
    const withRecs = buildResult({ format: 'perceptions-only', n: 40, seed: 2 });
    if (withRecs.recommendations.length > 0) expect(lowestRated(withRecs)).toEqual([]);
  });
});
