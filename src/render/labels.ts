import type { Language } from '../core/questionnaire/model.js';
import type { Advice } from './view/advice.js';

/** Report wording in each language the questionnaire may declare. */
const en = {
  respondents: ['respondent', 'respondents'],
  scored: 'scored',
  skippedCells: ['cell skipped', 'cells skipped'],
  overall: 'Overall',
  mean: 'Mean',
  quadrantHeading: 'Quadrant',
  checks: 'Checks',
  passed: 'passed',
  failed: 'failed',
  target: 'Target',
  value: 'Value',
  threshold: 'Threshold',
  weighted: 'Weighted overall',
  unweighted: 'Unweighted overall',
  dimensions: 'Dimensions',
  dimension: 'Dimension',
  items: 'Items',
  item: 'Item',
  statement: 'Statement',
  /** Before the statement of a reverse-scored item: its answers were mirrored. */
  reversedMark: '(reverse-scored)',
  importance: 'Imp',
  derivedImportance: 'Drv',
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
  advice: {
    'concentrate-here': 'concentrate here',
    'keep-up-the-good-work': 'keep up the good work',
    'low-priority': 'low priority',
    'possible-overkill': 'possible overkill',
    'shortfall-important': 'significant shortfall: fix (importance at or above average)',
    'shortfall-minor': 'significant shortfall: fix (importance below average)',
    'shortfall-unclear': 'falls short, not significantly: watch',
    'equal-shortfall': 'significant shortfall: fix (importances equal)',
    'equal-unclear': 'falls short, not significantly: watch (importances equal)',
    'equal-fine': 'no shortfall (importances equal)',
  } as Record<Advice, string>,
  noneBelowMidpoint: 'No item falls below the scale midpoint; the lowest-rated: {items}.',
  zones: { below: 'below', within: 'within', above: 'above' },
  gapNote: 'Gap = P - E; negative means perceptions fall short of expectations.',
  mssNote: 'MSS = P - DES (superiority), MSA = P - MIN (adequacy).',
  perceptionNote: 'Perceptions only: scores are mean perceptions on the scale.',
  /** The workbook's sheet names and the headings only it has (`--format xlsx`). */
  sheet: {
    summary: 'Summary',
    title: 'Title',
    format: 'Format',
    scale: 'Scale',
    total: 'Respondents',
    scored: 'Scored',
    skippedCells: 'Cells skipped',
    ciLow: '95% CI low',
    ciHigh: '95% CI high',
    rank: '#',
    actions: 'Actions',
    priority: 'Priority',
    kpi: 'KPI',
    id: 'Id',
    score: 'Score',
    passed: 'Passed',
    code: 'Code',
    message: 'Message',
    count: 'Count',
    note: 'Note',
  },
};

export type Labels = typeof en;

const ru: Labels = {
  respondents: ['респондент', 'респондента', 'респондентов'],
  scored: 'оценено',
  skippedCells: ['ячейка пропущена', 'ячейки пропущены', 'ячеек пропущено'],
  overall: 'Итог',
  mean: 'Среднее',
  quadrantHeading: 'Квадрант',
  checks: 'Проверки',
  passed: 'пройдено',
  failed: 'не пройдено',
  target: 'Цель',
  value: 'Значение',
  threshold: 'Порог',
  weighted: 'Взвешенный итог',
  unweighted: 'Невзвешенный итог',
  dimensions: 'Измерения',
  dimension: 'Измерение',
  items: 'Вопросы',
  item: 'Вопрос',
  statement: 'Формулировка',
  reversedMark: '(обратный вопрос)',
  importance: 'Вес',
  derivedImportance: 'Расч',
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
  advice: {
    'concentrate-here': 'сосредоточиться',
    'keep-up-the-good-work': 'так держать',
    'low-priority': 'низкий приоритет',
    'possible-overkill': 'возможно, избыточно',
    'shortfall-important': 'значимое отставание: исправлять (важность не ниже средней)',
    'shortfall-minor': 'значимое отставание: исправлять (важность ниже средней)',
    'shortfall-unclear': 'отставание незначимо: наблюдать',
    'equal-shortfall': 'значимое отставание: исправлять (важности равны)',
    'equal-unclear': 'отставание незначимо: наблюдать (важности равны)',
    'equal-fine': 'отставания нет (важности равны)',
  },
  noneBelowMidpoint: 'Ни один вопрос не ниже середины шкалы; самые низкие оценки: {items}.',
  zones: { below: 'ниже', within: 'внутри', above: 'выше' },
  gapNote: 'Разрыв = В − О (восприятие минус ожидание); отрицательный — ожидания не оправданы.',
  mssNote: 'MSS = В − ЖЕЛ (превосходство), MSA = В − МИН (адекватность).',
  perceptionNote: 'Только восприятие: оценки — средние по шкале.',
  sheet: {
    summary: 'Сводка',
    title: 'Название',
    format: 'Формат',
    scale: 'Шкала',
    total: 'Респонденты',
    scored: 'Оценено',
    skippedCells: 'Пропущено ячеек',
    ciLow: '95% ДИ, от',
    ciHigh: '95% ДИ, до',
    rank: '№',
    actions: 'Действия',
    priority: 'Приоритет',
    kpi: 'Показатель',
    id: 'Код',
    score: 'Значение',
    passed: 'Пройдена',
    code: 'Код',
    message: 'Сообщение',
    count: 'Число',
    note: 'Примечание',
  },
};

export function labelsFor(language: Language): Labels {
  return language === 'ru' ? ru : en;
}

export { fill } from '../core/text/fill.js';

/**
 * The form of a word for a count: English one/other; Russian one/few/many
 * (1 респондент, 2 респондента, 5 респондентов; 11-14 take "many").
 * @example plural(2, ['респондент', 'респондента', 'респондентов'], 'ru') // 'респондента'
 */
export function plural(n: number, forms: readonly string[], language: Language): string {
  if (language === 'ru') {
    const ten = n % 10;
    const hundred = n % 100;
    const index = ten === 1 && hundred !== 11 ? 0 : ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14) ? 1 : 2;
    return forms[index] ?? forms[forms.length - 1] ?? '';
  }
  return (n === 1 ? forms[0] : forms[1]) ?? '';
}

/** "400 respondents, 399 scored, 3 cells skipped", in the result's language. */
export function respondentsLine(
  respondents: { total: number; scored: number; skippedCells: number },
  language: Language,
  showZeroSkipped = false,
): string {
  const l = labelsFor(language);
  const skipped =
    respondents.skippedCells > 0 || showZeroSkipped
      ? `, ${respondents.skippedCells} ${plural(respondents.skippedCells, l.skippedCells, language)}`
      : '';
  return `${respondents.total} ${plural(respondents.total, l.respondents, language)}, ${respondents.scored} ${l.scored}${skipped}`;
}

/**
 * A scale as reports state it: `1-7`, or `1-5, 1 = best (answers mirrored)` when its low end is the
 * best answer, so a reader knows the scores run the other way from the raw answers.
 */
export function scaleText(scale: { min: number; max: number; best?: 'low' }, language: Language): string {
  const range = `${scale.min}-${scale.max}`;
  if (scale.best !== 'low') return range;
  return language === 'ru'
    ? `${range}, ${scale.min} = лучший ответ (ответы отражены)`
    : `${range}, ${scale.min} = best (answers mirrored)`;
}
