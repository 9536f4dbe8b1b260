import type { Language } from '../core/questionnaire/model.js';
import type { CfaUnavailable } from '../core/stats/cfa.js';
import { plural } from './labels.js';

/**
 * The "Measurement quality" section's wording, in English and Russian: headings, column names and
 * one sentence per failed criterion saying what it means and what to do. Sentences take
 * `{placeholders}` filled by `fill`.
 */
const en = {
  heading: 'Measurement quality',
  basis: 'Over {n} respondents who answered every item.',
  noBasis: 'Too few respondents answered every item to judge the instrument.',
  reliability: 'Reliability',
  structure: 'Structure',
  respondentsAll: 'Respondents who answered every item',
  parallelFactors: 'Factors kept by parallel analysis',
  discriminant: 'Discriminant validity (HTMT)',
  drivers: 'Key drivers',
  alpha: 'α',
  alphaStd: 'α std',
  alphaCi: 'α 95% CI',
  omega: 'ω',
  ave: 'AVE',
  alphaP: 'α of P',
  gapReliability: 'Gap reliability',
  gapLine: 'Gap reliability (α of P alone): {dimensions}.',
  gapNotApplicable: 'Gap reliability: not applicable, a perceptions-only questionnaire has no gap.',
  model: 'Model',
  fiveFactors: '{Dims}',
  threeFactors: 'Three factors (T, R, rest merged)',
  chisq: 'χ²',
  df: 'df',
  cfi: 'CFI',
  tli: 'TLI',
  rmsea: 'RMSEA',
  rmseaCi: 'RMSEA 90% CI',
  srmr: 'SRMR',
  pair: 'Pair',
  htmt: 'HTMT',
  factorR: 'Factor r',
  fornellLarcker: 'Fornell-Larcker',
  holds: 'holds',
  failsFl: 'fails',
  stated: 'Stated importance',
  derived: 'Derived importance',
  r: 'r',
  beta: 'β',
  weight: 'Relative weight',
  kmoLine:
    'KMO {kmo}; Bartlett χ² {chisq} (df {df}), p {p}; factors retained by parallel analysis: {parallel} (dimensions: {k}).',
  kmoLineNoParallel: 'KMO {kmo}; Bartlett χ² {chisq} (df {df}), p {p}.',
  driversLine: 'Outcome {outcome}: the {dims} explain R² = {r2} over {n} respondents.',
  thresholdsNote: 'Usual thresholds: ω ≥ .70, AVE ≥ .50, CFI ≥ .95, RMSEA ≤ .06, SRMR ≤ .08, HTMT < .85, KMO ≥ .60.',
  allFine: 'Every criterion holds: the {dims} are measured reliably and distinctly.',
  meets: 'meets',
  sheetTable: 'Table',
  sheetRow: 'Row',
  sheetFigure: 'Figure',
  sheetValue: 'Value',
  sheetShown: 'Shown',
  findings: 'What to do',
  fails: 'below threshold',
  // What each failed criterion means and what to do about it.
  lowOmega:
    '{dimensions}: ω below .70, the items do not measure one thing reliably; read their item-total correlations and reword or drop the weakest item before the next wave.',
  lowAve:
    '{dimensions}: AVE below .50, the dimension explains less than half of its items’ variance; its score mixes in other things.',
  poorFit:
    'The {dimsModel} model fits poorly ({fit}): the answers do not group into the {groups} in this sample; read dimension scores with care{compareThree}.',
  compareThree: ' and compare with the three-factor model',
  cfaUnavailable: 'The {dimsModel} factor model has no fit: {reason}.',
  cfaReasons: {
    'too-few-respondents': 'too few respondents answered every item (fewer than the items)',
    'one-item-factor': 'a dimension has fewer than two items, so its factor is not identified',
    'no-degrees-of-freedom': 'the model has as many parameters as the data have moments',
    'singular-covariance':
      'the items’ covariance matrix is singular (an item repeats or combines others, or does not vary)',
    'no-convergence': 'the maximum-likelihood search did not converge',
    'improper-solution':
      'the solution is improper (a Heywood case: a residual variance at or below zero, or dimensions the data cannot tell apart); consider merging the most correlated dimensions',
  } as Record<CfaUnavailable, string>,
  threeBetter:
    'The three-factor model (tangibles, reliability, the rest merged) fits at least as well ({fit}), as in many SERVQUAL replications: responsiveness, assurance and empathy may not be told apart here.',
  highHtmt:
    '{pairs}: HTMT at or above .85, respondents hardly tell these dimensions apart; consider reporting them together.',
  lowKmo: 'KMO below .60: the items share too little variance for a factor analysis to be meaningful.',
  bartlettNotSignificant:
    'Bartlett’s test is not significant: the items are nearly uncorrelated, so no dimension structure can be read.',
  parallelDiffers:
    'The number of factors parallel analysis retains is {parallel}, not {k}: the data suggest a different number of dimensions (with strongly correlated dimensions, often one general factor).',
  fornellLarckerFails:
    '{pairs}: the factors correlate at least as strongly as √AVE (Fornell-Larcker fails): each shares more with the other than with its own items; consider reporting them together or rewording the items that overlap.',
  disagree:
    '{dimensions}: stated and derived importance disagree strongly; what customers say matters is not what moves {outcome}.',
};

export type MeasurementLabels = typeof en;

const ru: MeasurementLabels = {
  heading: 'Качество измерения',
  basis: 'По респондентам, ответившим на все вопросы: {n}.',
  noBasis: 'Слишком мало респондентов ответили на все вопросы, чтобы оценить инструмент.',
  reliability: 'Надёжность',
  structure: 'Структура',
  respondentsAll: 'Респондентов, ответивших на все вопросы',
  parallelFactors: 'Факторов по параллельному анализу',
  discriminant: 'Дискриминантная валидность (HTMT)',
  drivers: 'Ключевые факторы',
  alpha: 'α',
  alphaStd: 'α станд.',
  alphaCi: 'α 95% ДИ',
  omega: 'ω',
  ave: 'AVE',
  alphaP: 'α восприятия',
  gapReliability: 'Надёжность разрыва',
  gapLine: 'Надёжность разрыва (α одного восприятия): {dimensions}.',
  gapNotApplicable: 'Надёжность разрыва: неприменима, в анкете только восприятие, разрыва нет.',
  model: 'Модель',
  fiveFactors: '{Dims}',
  threeFactors: 'Три фактора (М, Н, остальные вместе)',
  chisq: 'χ²',
  df: 'ст. св.',
  cfi: 'CFI',
  tli: 'TLI',
  rmsea: 'RMSEA',
  rmseaCi: 'RMSEA 90% ДИ',
  srmr: 'SRMR',
  pair: 'Пара',
  htmt: 'HTMT',
  factorR: 'r факторов',
  fornellLarcker: 'Форнелл-Ларкер',
  holds: 'выполнен',
  failsFl: 'нарушен',
  stated: 'Заявленная важность',
  derived: 'Расчётная важность',
  r: 'r',
  beta: 'β',
  weight: 'Относительный вес',
  kmoLine:
    'KMO {kmo}; критерий Бартлетта χ² {chisq} (ст. св. {df}), p {p}; параллельный анализ оставляет факторов: {parallel} из {k}.',
  kmoLineNoParallel: 'KMO {kmo}; критерий Бартлетта χ² {chisq} (ст. св. {df}), p {p}.',
  driversLine: 'Результат {outcome}: {dims} объясняют R² = {r2}; респондентов: {n}.',
  thresholdsNote:
    'Обычные пороги: ω ≥ 0,70, AVE ≥ 0,50, CFI ≥ 0,95, RMSEA ≤ 0,06, SRMR ≤ 0,08, HTMT < 0,85, KMO ≥ 0,60.',
  allFine: 'Все критерии выполнены: {dims} измеряются надёжно и различимо.',
  meets: 'в норме',
  sheetTable: 'Таблица',
  sheetRow: 'Строка',
  sheetFigure: 'Показатель',
  sheetValue: 'Значение',
  sheetShown: 'Показано',
  findings: 'Что делать',
  fails: 'ниже порога',
  lowOmega:
    '{dimensions}: ω ниже 0,70, вопросы ненадёжно измеряют одно и то же; посмотрите корреляции вопросов с суммой и переформулируйте или уберите самый слабый вопрос до следующей волны.',
  lowAve:
    '{dimensions}: AVE ниже 0,50, измерение объясняет меньше половины дисперсии своих вопросов; в его оценку примешивается другое.',
  poorFit:
    'Модель из {dimsModel} плохо согласуется с данными ({fit}): ответы не группируются в {groups} на этой выборке; читайте оценки измерений осторожно{compareThree}.',
  compareThree: ' и сравните с трёхфакторной моделью',
  cfaUnavailable: 'Факторную модель из {dimsModel} оценить не удалось: {reason}.',
  cfaReasons: {
    'too-few-respondents': 'слишком мало респондентов ответили на все вопросы (меньше, чем вопросов)',
    'one-item-factor': 'в измерении меньше двух вопросов, и его фактор не идентифицируется',
    'no-degrees-of-freedom': 'у модели столько же параметров, сколько моментов в данных',
    'singular-covariance': 'ковариационная матрица вопросов вырождена (вопрос повторяет другие или не меняется)',
    'no-convergence': 'поиск максимального правдоподобия не сошёлся',
    'improper-solution':
      'решение некорректно (случай Хейвуда: остаточная дисперсия не больше нуля или измерения, которые данные не различают); подумайте об объединении самых связанных измерений',
  },
  threeBetter:
    'Трёхфакторная модель (материальность, надёжность, остальные вместе) согласуется не хуже ({fit}), как во многих повторениях SERVQUAL: отзывчивость, уверенность и эмпатию здесь, возможно, не различить.',
  highHtmt:
    '{pairs}: HTMT не ниже 0,85, респонденты почти не различают эти измерения; подумайте о том, чтобы показывать их вместе.',
  lowKmo: 'KMO ниже 0,60: у вопросов слишком мало общей дисперсии, чтобы факторный анализ имел смысл.',
  bartlettNotSignificant:
    'Критерий Бартлетта незначим: вопросы почти не коррелируют, и структуру измерений прочитать нельзя.',
  parallelDiffers:
    'Параллельный анализ оставляет факторов: {parallel}, а не {k}: данные говорят о другом числе измерений (при сильно связанных измерениях часто один общий фактор).',
  fornellLarckerFails:
    '{pairs}: факторы коррелируют не слабее √AVE (критерий Форнелла-Ларкера нарушен): у каждого с другим больше общего, чем со своими вопросами; подумайте о том, чтобы показывать их вместе или переформулировать пересекающиеся вопросы.',
  disagree:
    '{dimensions}: заявленная и расчётная важность сильно расходятся; то, что клиенты называют важным, не то, что движет {outcome}.',
};

/** The section's wording in `language`. */
export function measurementLabelsFor(language: Language): MeasurementLabels {
  return language === 'ru' ? ru : en;
}

/**
 * The words for "the k dimensions" in the section's sentences: "five" (and "SERVQUAL") for the
 * five-dimension model, the count in digits for a custom model, so a report of 8 dimensions never
 * speaks of five.
 * @example dimensionWords(8, 'en').dims // '8 dimensions'
 */
export function dimensionWords(
  k: number,
  language: Language,
): { Dims: string; dims: string; dimsModel: string; groups: string } {
  if (language === 'ru') {
    if (k === 5)
      return {
        Dims: 'Пять измерений',
        dims: 'пять измерений',
        dimsModel: 'пяти измерений',
        groups: 'пять измерений SERVQUAL',
      };
    const dims = `${k} ${plural(k, ['измерение', 'измерения', 'измерений'], 'ru')}`;
    // "Модель из …": the genitive, "из 1 измерения", "из 8 измерений".
    const dimsModel = `${k} ${plural(k, ['измерения', 'измерений', 'измерений'], 'ru')}`;
    return { Dims: dims, dims, dimsModel, groups: dims };
  }
  if (k === 5)
    return {
      Dims: 'Five dimensions',
      dims: 'five dimensions',
      dimsModel: 'five-dimension',
      groups: 'five SERVQUAL dimensions',
    };
  const dims = `${k} ${plural(k, ['dimension', 'dimensions'], 'en')}`;
  return { Dims: dims, dims, dimsModel: `${k}-dimension`, groups: dims };
}
