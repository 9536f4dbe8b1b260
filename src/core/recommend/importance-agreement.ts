import type { Drivers, Warning } from '../scoring/result.js';

/**
 * Stated versus derived importance (issue 16): "what customers say matters" (the questionnaire's
 * 100-point importance, as shares of 1) against "what moves the outcome" (Johnson's relative
 * weights, as shares of 1). One rule for the JSON warning and the measurement view's findings.
 *
 * Strong disagreement: one share at least twice the other and the two 0.10 or more apart. Both
 * conditions, because a ratio alone flags 0.02 vs 0.05 (noise) and a difference alone flags
 * 0.40 vs 0.30 (the same story).
 */
const RATIO = 2;
const DIFFERENCE = 0.1;

/** Whether one dimension's stated and derived shares disagree strongly; false when either is unknown. */
export function importanceDisagrees(stated: number | null, derived: number | null): boolean {
  if (stated === null || derived === null) return false;
  const high = Math.max(stated, derived);
  const low = Math.min(stated, derived);
  return high - low >= DIFFERENCE && high >= RATIO * low;
}

interface StatedImportance {
  id: string;
  /** The dimension's label, as the reports name it (the id when absent). */
  label?: string;
  importance: number | null;
}

/**
 * The `importance-disagreement` warning naming every dimension whose shares disagree by its label
 * (with its id, label and both shares in the fields, label and shares in the message), or null when
 * none does or no outcome is declared.
 */
export function importanceDisagreement(
  dimensions: readonly StatedImportance[],
  drivers: Drivers | null,
): Warning | null {
  if (drivers === null) return null;
  const derivedOf = new Map(drivers.dimensions.map((d) => [d.id, d.share]));
  const disagreeing = dimensions.flatMap((d) => {
    const derived = derivedOf.get(d.id) ?? null;
    return d.importance !== null && derived !== null && importanceDisagrees(d.importance, derived)
      ? [{ id: d.id, label: d.label ?? d.id, stated: d.importance, derived }]
      : [];
  });
  if (disagreeing.length === 0) return null;
  const list = disagreeing.map((d) => `${d.label} (stated ${d.stated.toFixed(2)}, derived ${d.derived.toFixed(2)})`);
  return {
    code: 'importance-disagreement',
    message: `stated and derived importance disagree strongly for ${list.join(', ')}: what customers say matters is not what moves ${drivers.outcome}`,
    outcome: drivers.outcome,
    dimensions: disagreeing,
  };
}
