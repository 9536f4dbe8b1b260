import { comparabilityProblems } from '../compare/comparable.js';
import type { Problem } from '../problem.js';
import type { Result } from '../scoring/result.js';

/** A reason one wave cannot stand in a trend with the first: its index and what differs. */
export interface WaveProblem extends Problem {
  code: 'incomparable';
  /** The wave (0-based, in the order given) that differs from the first. */
  wave: number;
}

/** `a, b, c and 3 more`: at most five ids named. */
function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}

/**
 * Why each later wave cannot be read beside the first: what `compare` refuses (title, format,
 * scales: `comparabilityProblems`), and, for a trend, items that are not the same set (an item
 * added, dropped or moved to another dimension changes what every dimension score averages).
 * Equality is transitive, so checking each wave against the first covers every pair. Empty when
 * every wave is comparable.
 *
 * @example trendComparabilityProblems([q1, q2]) // [] when q2 was scored with q1's questionnaire
 */
export function trendComparabilityProblems(waves: readonly Result[]): WaveProblem[] {
  const [first, ...rest] = waves;
  if (first === undefined) return [];
  const problems: WaveProblem[] = [];
  const firstItems = new Map(first.items.map((item) => [item.id, item.dimension]));
  rest.forEach((wave, i) => {
    const index = i + 1;
    for (const p of comparabilityProblems(first, wave))
      problems.push({ code: 'incomparable', wave: index, message: p.message });
    const items = new Map(wave.items.map((item) => [item.id, item.dimension]));
    const missing = [...firstItems.keys()].filter((id) => !items.has(id));
    const added = [...items.keys()].filter((id) => !firstItems.has(id));
    const moved = [...items].filter(([id, d]) => firstItems.has(id) && firstItems.get(id) !== d).map(([id]) => id);
    const parts = [
      ...(missing.length > 0 ? [`lacks ${listIds(missing)}`] : []),
      ...(added.length > 0 ? [`adds ${listIds(added)}`] : []),
      ...(moved.length > 0 ? [`moves ${listIds(moved)} to another dimension`] : []),
    ];
    if (parts.length > 0) {
      problems.push({
        code: 'incomparable',
        wave: index,
        message: `the items differ from the first wave's: it ${parts.join('; ')}`,
      });
    }
  });
  return problems;
}
