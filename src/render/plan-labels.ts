import type { Language } from '../core/questionnaire/model.js';

/** The wording `plan` adds to the report labels, in each language. */
const en = {
  heading: 'Plan for the next wave: {title}',
  basis: 'From the spreads of this result: {respondents}.',
  marginNote:
    'Respondents the next wave needs for a 95% interval no wider than ±{margin} scale points on each gap (t); KPIs in their own units (NPS by its variance, CSAT by Wilson, CES by t).',
  detectNote:
    'Respondents needed in each of two waves of equal size to detect a change of {detect} scale points in a gap (KPIs in their own units) with power {power} at two-sided α = {alpha}: the two-sample t-test, exact by the noncentral t.',
  measure: 'Measure',
  sd: 'sd',
  nNow: 'n now',
  margin: 'Margin ±',
  change: 'Change',
  needed: 'Respondents',
  perWave: 'Per wave',
  expected: 'Expected ±',
  power: 'Power',
  segment: '{column} = {value} ({scored} scored)',
  noGoalMargin: 'no target: --kpi-margin',
  noGoalDetect: 'no target: --kpi-detect',
  tooFew: 'fewer than 2 answers',
  noSpread: 'no spread (sd 0)',
  tooMany: 'over 100,000,000',
};

export type PlanLabels = typeof en;

const ru: PlanLabels = {
  heading: 'План следующей волны: {title}',
  basis: 'По разбросу в этом результате: {respondents}.',
  marginNote:
    'Сколько респондентов нужно следующей волне, чтобы 95% интервал каждого разрыва был не шире ±{margin} баллов шкалы (по t); KPI — в своих единицах (NPS — по дисперсии, CSAT — по Уилсону, CES — по t).',
  detectNote:
    'Сколько респондентов нужно в каждой из двух равных волн, чтобы обнаружить изменение разрыва на {detect} балла (KPI — в своих единицах) с мощностью {power} при двустороннем α = {alpha}: t-тест двух выборок, точно по нецентральному t.',
  measure: 'Показатель',
  sd: 'sd',
  nNow: 'n сейчас',
  margin: 'Погрешность ±',
  change: 'Изменение',
  needed: 'Респонденты',
  perWave: 'На волну',
  expected: 'Ожидается ±',
  power: 'Мощность',
  segment: '{column} = {value} (оценено {scored})',
  noGoalMargin: 'нет цели: --kpi-margin',
  noGoalDetect: 'нет цели: --kpi-detect',
  tooFew: 'меньше 2 ответов',
  noSpread: 'нет разброса (sd 0)',
  tooMany: 'больше 100 000 000',
};

export function planLabelsFor(language: Language): PlanLabels {
  return language === 'ru' ? ru : en;
}
