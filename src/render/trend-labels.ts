import type { Language } from '../core/questionnaire/model.js';

/** The wording `trend` adds to the report labels, in each language. */
const en = {
  heading: 'Trend: {title}',
  waves: 'Waves',
  trend: 'Trend',
  sinceFirst: 'Since {first}',
  changes: 'Changes',
  measure: 'Measure',
  regressions: 'Regressions',
  noRegressions: 'No regressions.',
  valuesNote:
    'Each wave: the value and its 95% interval (gaps by t; NPS by its variance, CSAT by Wilson, CES by t). Each sparkline spans the values and intervals of its row.',
  testsNote:
    'Changes: Welch t-tests between consecutive waves and of each wave against the first; p Holm-adjusted per measure within each kind of comparison; ▲ ▼ significant at α = {alpha}.',
  gateNote:
    'A regression: the overall score or a dimension dropped from {previous} to {last} with p < {alpha} (unadjusted, as `compare` judges it).',
  chartSummary: '{name} in each wave, with its 95% interval as a band.',
};

export type TrendLabels = typeof en;

const ru: TrendLabels = {
  heading: 'Динамика: {title}',
  waves: 'Волны',
  trend: 'Тренд',
  sinceFirst: 'С {first}',
  changes: 'Изменения',
  measure: 'Показатель',
  regressions: 'Ухудшения',
  noRegressions: 'Ухудшений нет.',
  valuesNote:
    'В каждой волне: значение и его 95% интервал (разрывы — по t; NPS — по дисперсии, CSAT — по Уилсону, CES — по t). Спарклайн — в пределах значений и интервалов строки.',
  testsNote:
    'Изменения: t-тесты Уэлча между соседними волнами и каждой волны с первой; p с поправкой Холма по каждому показателю внутри каждого вида сравнения; ▲ ▼ значимо при α = {alpha}.',
  gateNote:
    'Ухудшение: итог или измерение снизились от {previous} к {last} при p < {alpha} (без поправки, как в `compare`).',
  chartSummary: '{name} в каждой волне, полоса — 95% интервал.',
};

export function trendLabelsFor(language: Language): TrendLabels {
  return language === 'ru' ? ru : en;
}
