import type { KpiResult } from '../../core/scoring/result.js';
import { unreachable } from '../formats.js';
import { fill } from '../labels.js';
import { fixed, percent, signed } from '../format.js';
import type { Labels } from '../labels.js';

/** A KPI as every report states it: its kind's name, its score and a line on what the score is. */
export interface KpiView {
  name: string;
  value: string;
  detail: string;
}

/** The score and detail of each kind of KPI, decided once (a new kind is a compile error here until it has them). */
export function kpiView(kpi: KpiResult, l: Labels): KpiView {
  // A result saved by another tool may lack the scale.
  const scale = kpi.scale ? `${kpi.scale.min}-${kpi.scale.max}` : '–';
  const type = kpi.type;
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
      };
    case 'csat':
      return { name: 'CSAT', value: percent(kpi.score), detail: fill(l.csatLine, { scale }) };
    case 'ces':
      return { name: 'CES', value: fixed(kpi.score), detail: fill(l.cesLine, { scale }) };
    default:
      return unreachable(type);
  }
}
