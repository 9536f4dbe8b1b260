import type { Check } from '../../core/scoring/result.js';
import type { Labels } from '../labels.js';

/** The checks section as a reader of a CI run wants it: the verdict in the heading, failures first. */
export function checksView(checks: readonly Check[], l: Labels): { heading: string; checks: Check[] } {
  const failed = checks.filter((c) => !c.passed).length;
  return {
    heading: `${l.checks}: ${checks.length - failed} ${l.passed}, ${failed} ${l.failed}`,
    checks: [...checks].sort((a, b) => Number(a.passed) - Number(b.passed)),
  };
}
