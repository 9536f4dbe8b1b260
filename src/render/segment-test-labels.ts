import type { Language } from '../core/questionnaire/model.js';
import { labelsFor, type Labels } from './labels.js';

/**
 * Wording of the segment tests (issue 15) in each report language, kept apart from labels.ts so
 * the tests' wording changes in one small file. `{n}` and `{cap}` are filled in.
 */
const en = {
  above: 'significantly above the other respondents',
  below: 'significantly below the other respondents',
  legend:
    '▲ significantly above, ▼ significantly below the other respondents (Welch, Holm-adjusted p < .05; the overall column tests the unweighted mean gap).',
  legendPerceptions:
    '▲ significantly above, ▼ significantly below the other respondents (Welch, Holm-adjusted p < .05; the overall column tests the unweighted mean perception).',
  versusRest: 'Versus the rest',
  overall: 'Overall',
  priorities: 'Top priorities per segment',
  prioritiesRule:
    'Per segment, up to three dimensions significantly below the other respondents or significantly below {zero} (95% CI), worst weighted shortfall first.',
  none: 'No segment has a dimension significantly below the other respondents or below {zero}.',
  more: '…and {n} more segments with significant findings (see the JSON result).',
  belowRest: 'below the rest',
  belowZero: 'below {zero}',
  zeroGap: '0',
  midpoint: 'the scale midpoint',
};

type SegmentTestLabels = typeof en;

const ru: SegmentTestLabels = {
  above: 'значимо выше остальных респондентов',
  below: 'значимо ниже остальных респондентов',
  legend:
    '▲ значимо выше, ▼ значимо ниже остальных респондентов (тест Уэлча, p с поправкой Холма < 0,05; в столбце «итог» проверяется невзвешенный средний разрыв).',
  legendPerceptions:
    '▲ значимо выше, ▼ значимо ниже остальных респондентов (тест Уэлча, p с поправкой Холма < 0,05; в столбце «итог» проверяется невзвешенное среднее восприятие).',
  versusRest: 'По сравнению с остальными',
  overall: 'Итог',
  priorities: 'Главные приоритеты по сегментам',
  prioritiesRule:
    'Для каждого сегмента — до трёх измерений, значимо уступающих остальным респондентам или значимо ниже {zero} (95% ДИ), в порядке наибольшего взвешенного отставания.',
  none: 'Ни в одном сегменте нет измерения, значимо уступающего остальным или ниже {zero}.',
  more: '…и ещё сегментов со значимыми результатами: {n} (см. JSON-результат).',
  belowRest: 'ниже остальных',
  belowZero: 'ниже {zero}',
  zeroGap: '0',
  midpoint: 'середины шкалы',
};

function segmentTestLabelsFor(language: Language): SegmentTestLabels {
  return language === 'ru' ? ru : en;
}

/** The wording in the language of these shared labels (they are one constant object per language). */
export const segmentTestLabelsOf = (l: Labels): SegmentTestLabels =>
  segmentTestLabelsFor(l === labelsFor('ru') ? 'ru' : 'en');
