import type { Language } from '../core/questionnaire/model.js';

/**
 * The executive summary's and the cover's wording, in English and Russian. Kept apart from
 * labels.ts: these are sentences with `{placeholders}` (filled by `fill`), not column headings.
 * Russian avoids number agreement by putting counts after a colon ("пропущено ячеек: 3").
 */
const en = {
  heading: 'Summary',
  fixHeading: 'Fix first',
  // The overall sentence: {score} {ci} are formatted numbers, {verdict} one of the verdicts below.
  gapBelow: 'Overall, customers rate the service {amount} below {reference} ({ci}): {verdict}.',
  gapAbove: 'Overall, customers rate the service {amount} above {reference} ({ci}): {verdict}.',
  gapEqual: 'Overall, the service meets {reference} exactly ({ci}).',
  perception: 'Overall, customers rate the service {score} on the {scale} scale, {position} ({ci}): {verdict}.',
  perceptionBelow: '{amount} below its midpoint {midpoint}',
  perceptionAbove: '{amount} above its midpoint {midpoint}',
  perceptionEqual: 'exactly its midpoint {midpoint}',
  ci: '95% CI {low} to {high}',
  noCi: 'no 95% CI with fewer than two respondents',
  noScore: 'No respondent could be scored, so there is no overall result.',
  significantShortfall: 'a significant shortfall',
  unclearShortfall: 'a shortfall, but not a significant one (the CI includes {baseline})',
  significantlyAbove: 'significantly above',
  unclearAbove: 'not significantly above (the CI includes {baseline})',
  untested: 'significance cannot be judged',
  // What the score is measured against, per format.
  referenceTwoColumn: 'their expectations',
  referenceThreeColumn: 'the service they desire',
  mirrored: 'Answers were mirrored ({best} = best), so a higher score is better.',
  // {significance} is the item's own test; {advice} may also weigh its dimension's (see view/advice.ts).
  fix: '{item} “{statement}” ({dimension}): {score}, importance {importance}, {significance}; {advice}.',
  fixNoStatement: '{item} ({dimension}): {score}, importance {importance}, {significance}; {advice}.',
  itemSignificant: 'significant (p Holm {p})',
  itemNotSignificant: 'not significant on its own (p Holm {p})',
  itemUntested: 'not tested',
  // What is fine; Russian takes the references in the genitive (выше ожиданий).
  fineDimensions: 'Significantly above {reference}: {dimensions}.',
  fineItems: 'Items significantly above {reference}: {items}.',
  meetDimensions: 'Meeting {reference}, not significantly above: {dimensions}.',
  withinZone: 'Within or above the zone of tolerance (at least the adequate service): {dimensions}.',
  nothingFine: 'No dimension meets {reference}; the closest: {closest}.',
  more: 'and {n} more',
  referenceMidpoint: 'the scale midpoint',
  referenceExpectations: 'expectations',
  referenceDesired: 'the desired service',
  quality: 'Data: {scored} of {total} respondents scored, {skippedCells}, {warningCount}.',
  // The cover.
  prepared: 'Prepared {date}',
  respondents: '{n} respondents',
  inputs: 'inputs: {files}',
  questionnaire: 'questionnaire sha256 {hash}',
};

export type SummaryLabels = typeof en;

const ru: SummaryLabels = {
  heading: 'Кратко',
  fixHeading: 'Исправить в первую очередь',
  gapBelow: 'В целом клиенты оценивают сервис на {amount} ниже, чем {reference} ({ci}): {verdict}.',
  gapAbove: 'В целом клиенты оценивают сервис на {amount} выше, чем {reference} ({ci}): {verdict}.',
  gapEqual: 'В целом сервис в точности соответствует тому, что {reference} ({ci}).',
  perception: 'В целом клиенты оценивают сервис в среднем на {score} по шкале {scale}, {position} ({ci}): {verdict}.',
  perceptionBelow: 'на {amount} ниже её середины {midpoint}',
  perceptionAbove: 'на {amount} выше её середины {midpoint}',
  perceptionEqual: 'ровно в её середине {midpoint}',
  ci: '95% ДИ от {low} до {high}',
  noCi: 'без 95% ДИ: меньше двух респондентов',
  noScore: 'Ни одного респондента не удалось оценить, общего результата нет.',
  significantShortfall: 'значимое отставание',
  unclearShortfall: 'отставание незначимо (ДИ включает {baseline})',
  significantlyAbove: 'значимо выше',
  unclearAbove: 'превышение незначимо (ДИ включает {baseline})',
  untested: 'о значимости судить нельзя',
  referenceTwoColumn: 'они ожидали',
  referenceThreeColumn: 'они желают',
  mirrored: 'Ответы отражены ({best} = лучший ответ), поэтому больше — лучше.',
  fix: '{item} «{statement}» ({dimension}): {score}, важность {importance}, {significance}; {advice}.',
  fixNoStatement: '{item} ({dimension}): {score}, важность {importance}, {significance}; {advice}.',
  itemSignificant: 'значим (p по Холму {p})',
  itemNotSignificant: 'сам по себе незначим (p по Холму {p})',
  itemUntested: 'не проверялся',
  fineDimensions: 'Значимо выше {reference}: {dimensions}.',
  fineItems: 'Вопросы значимо выше {reference}: {items}.',
  meetDimensions: 'На уровне {reference}, но не значимо выше: {dimensions}.',
  withinZone: 'В зоне толерантности или выше (не ниже адекватного сервиса): {dimensions}.',
  nothingFine: 'Ни одно измерение не достигает {reference}; ближе всех: {closest}.',
  more: 'и ещё {n}',
  referenceMidpoint: 'середины шкалы',
  referenceExpectations: 'ожиданий',
  referenceDesired: 'желаемого сервиса',
  quality: 'Данные: оценено респондентов: {scored} из {total}, пропущено ячеек: {skipped}, предупреждений: {warnings}.',
  prepared: 'Подготовлено {date}',
  respondents: 'респондентов: {n}',
  inputs: 'данные: {files}',
  questionnaire: 'анкета sha256 {hash}',
};

const LABELS: Record<Language, SummaryLabels> = { en, ru };

export function summaryLabelsFor(language: Language): SummaryLabels {
  return LABELS[language];
}
