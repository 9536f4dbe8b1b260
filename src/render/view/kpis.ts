import type { KpiResult } from '../../core/scoring/result.js';
import { unreachable } from '../formats.js';
import { fill } from '../labels.js';
import { fixed, percent, signed } from '../format.js';
import type { Labels } from '../labels.js';

/** A KPI as every report states it: its kind's name, its score, a line on what the score is and its margin of error. */
export interface KpiView {
  name: string;
  value: string;
  detail: string;
  /** The 95% interval of the score in the score's own format (`lo..hi`), or an en dash when there is none. */
  ci95: string;
}

/** `lo..hi` with each end formatted as the score is. */
function range(ci: readonly [number, number] | null | undefined, format: (v: number) => string): string {
  return ci ? `${format(ci[0])}..${format(ci[1])}` : '–';
}

/** The score and detail of each kind of KPI, decided once (a new kind is a compile error here until it has them). */
export function kpiView(kpi: KpiResult, l: Labels): KpiView {
  // A result saved by another tool may lack the scale.
  const scale = kpi.scale ? `${kpi.scale.min}-${kpi.scale.max}` : '–';
  const type = kpi.type;
  const ci = kpi.ci95;
  switch (type) {
    case 'nps':
      return {
        name: 'NPS',
        value: signed(kpi.score, 1),
        detail: fill(l.npsLine, {
          p: percent(kpi.promoters),
          pa: percent(kpi.passives),
          d: percent(kpi.detractors),
        }),
        ci95: range(ci, (v) => signed(v, 1)),
      };
    case 'csat':
      return {
        name: 'CSAT',
        value: percent(kpi.score),
        detail: fill(l.csatLine, { scale }),
        ci95: range(ci, (v) => percent(v)),
      };
    case 'ces':
      return {
        name: 'CES',
        value: fixed(kpi.score),
        detail: fill(l.cesLine, { scale }),
        ci95: range(ci, (v) => fixed(v)),
      };
    default:
      return unreachable(type);
  }
}
