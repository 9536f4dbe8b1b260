import type { Language } from '../core/questionnaire/model.js';

/** Report wording in each language the questionnaire may declare. */
const en = {
  respondents: 'respondents',
  scored: 'scored',
  skippedCells: 'cells skipped',
  overall: 'Overall',
  weighted: 'Weighted overall',
  unweighted: 'Unweighted overall',
  dimensions: 'Dimensions',
  dimension: 'Dimension',
  items: 'Items',
  item: 'Item',
  importance: 'Imp',
  expectation: 'E',
  perception: 'P',
  minimum: 'MIN',
  desired: 'DES',
  gap: 'Gap',
  mss: 'MSS',
  msa: 'MSA',
  zone: 'Zone',
  alpha: 'α',
  ci95: '95% CI',
  pHolm: 'p (Holm)',
  n: 'n',
  recommendations: 'Top recommendations',
  priority: 'priority',
  kpis: 'KPIs',
  warnings: 'Warnings',
  segments: 'Segments',
  segment: 'Segment',
  noRecommendations: 'No item falls short: nothing to recommend.',
  npsLine: 'promoters {p}, passives {pa}, detractors {d}',
  csatLine: 'answered in the top two points of {scale}',
  cesLine: 'mean on {scale} (higher means easier)',
  quadrant: {
    'concentrate-here': 'concentrate here',
    'keep-up-the-good-work': 'keep up the good work',
    'low-priority': 'low priority',
    'possible-overkill': 'possible overkill',
  },
  zones: { below: 'below', within: 'within', above: 'above' },
  gapNote: 'Gap = P - E; negative means perceptions fall short of expectations.',
  mssNote: 'MSS = P - DES (superiority), MSA = P - MIN (adequacy).',
  perceptionNote: 'Perceptions only: scores are mean perceptions on the scale.',
};

export type Labels = typeof en;

const ru: Labels = {
  respondents: 'респондентов',
  scored: 'оценено',
  skippedCells: 'ячеек пропущено',
  overall: 'Итог',
  weighted: 'Взвешенный итог',
  unweighted: 'Невзвешенный итог',
  dimensions: 'Измерения',
  dimension: 'Измерение',
  items: 'Вопросы',
  item: 'Вопрос',
  importance: 'Вес',
  expectation: 'О',
  perception: 'В',
  minimum: 'МИН',
  desired: 'ЖЕЛ',
  gap: 'Разрыв',
  mss: 'MSS',
  msa: 'MSA',
  zone: 'Зона',
  alpha: 'α',
  ci95: '95% ДИ',
  pHolm: 'p (Холм)',
  n: 'n',
  recommendations: 'Главные рекомендации',
  priority: 'приоритет',
  kpis: 'Показатели',
  warnings: 'Предупреждения',
  segments: 'Сегменты',
  segment: 'Сегмент',
  noRecommendations: 'Ни один вопрос не ниже ожиданий: рекомендаций нет.',
  npsLine: 'промоутеры {p}, нейтралы {pa}, критики {d}',
  csatLine: 'ответы в двух верхних баллах шкалы {scale}',
  cesLine: 'среднее по шкале {scale} (больше — легче)',
  quadrant: {
    'concentrate-here': 'сосредоточиться',
    'keep-up-the-good-work': 'так держать',
    'low-priority': 'низкий приоритет',
    'possible-overkill': 'возможно, избыточно',
  },
  zones: { below: 'ниже', within: 'внутри', above: 'выше' },
  gapNote: 'Разрыв = В − О (восприятие минус ожидание); отрицательный — ожидания не оправданы.',
  mssNote: 'MSS = В − ЖЕЛ (превосходство), MSA = В − МИН (адекватность).',
  perceptionNote: 'Только восприятие: оценки — средние по шкале.',
};

export function labelsFor(language: Language): Labels {
  return language === 'ru' ? ru : en;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}
