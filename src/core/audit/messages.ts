import type { Language } from '../questionnaire/model.js';

/** Everything the interactive audit says, in each language a questionnaire may declare. */
const en = {
  progress: '{dimension} · item {n} of {total}',
  kinds: { expectation: 'Expectation', perception: 'Perception', minimum: 'Minimum acceptable', desired: 'Desired' },
  respondent: 'Respondent id',
  segment: '{column}',
  comment: 'Comment (optional)',
  kpi: 'KPI',
  importance: 'Importance: share 100 points across the dimensions',
  allocate: 'Allocate 100 points',
  equalWeights: 'Equal weights',
  skipWeights: 'Skip (use the questionnaire weights)',
  remaining: '{label} (remaining {remaining})',
  allocationTotal: 'the points add up to {total}; they must add up to 100',
  notANumber: 'type a number from {min} to {max}',
  scaleKeys: '{min}-{max} answer · ←→ move · Enter choose · s skip · b back',
  textKeys: 'Enter to accept · < to go back',
  previously: 'previously: {value}',
  skipped: 'skipped',
  resumeFound: 'An unfinished audit of respondent {respondent} was saved ({answered} answers), last at {at}.',
  resumeAsk: 'Resume it?',
  resumeSaved: 'Saved answers:',
  discarded: 'The unfinished audit was moved aside to {file}.',
  cancelled: 'Audit paused: {answered} answers saved in {journal}. Run the same command again to resume.',
  saved: 'Saved respondent {respondent} to {file} ({rows} in all).',
  nextRespondent: 'Audit the next respondent?',
  totals: 'All respondents in {file}: {rows}, weighted overall {overall} (n = {n} scored)',
  totalsFailed: 'Could not total {file}: {reason}',
  nothingBefore: 'there is no earlier question to go back to',
  stopped: 'Audit stopped. Every finished respondent is saved in {file}.',
  yesNo: { yes: 'Yes', no: 'No', hint: { yes: 'Y/n', no: 'y/N' }, accept: { yes: /^y(es)?$/i, no: /^no?$/i } },
};

export type AuditMessages = typeof en;

const ru: AuditMessages = {
  progress: '{dimension} · вопрос {n} из {total}',
  kinds: { expectation: 'Ожидание', perception: 'Восприятие', minimum: 'Минимально приемлемо', desired: 'Желаемо' },
  respondent: 'Идентификатор респондента',
  segment: '{column}',
  comment: 'Комментарий (необязательно)',
  kpi: 'Показатель',
  importance: 'Важность: распределите 100 баллов между измерениями',
  allocate: 'Распределить 100 баллов',
  equalWeights: 'Равные веса',
  skipWeights: 'Пропустить (веса из анкеты)',
  remaining: '{label} (осталось {remaining})',
  allocationTotal: 'сумма баллов {total}, а должна быть 100',
  notANumber: 'введите число от {min} до {max}',
  scaleKeys: '{min}-{max} ответ · ←→ выбор · Enter подтвердить · s пропустить · b назад',
  textKeys: 'Enter — принять · < — назад',
  previously: 'ранее: {value}',
  skipped: 'пропущено',
  resumeFound: 'Найден незавершённый опрос респондента {respondent} ({answered} ответов), последний в {at}.',
  resumeAsk: 'Продолжить его?',
  resumeSaved: 'Сохранённые ответы:',
  discarded: 'Незавершённый опрос перемещён в {file}.',
  cancelled: 'Опрос приостановлен: {answered} ответов сохранено в {journal}. Запустите ту же команду, чтобы продолжить.',
  saved: 'Респондент {respondent} записан в {file} (всего {rows}).',
  nextRespondent: 'Опросить следующего респондента?',
  totals: 'Все респонденты в {file}: {rows}, взвешенный итог {overall} (оценено n = {n})',
  totalsFailed: 'Не удалось подвести итог по {file}: {reason}',
  nothingBefore: 'это первый вопрос, назад некуда',
  stopped: 'Опрос остановлен. Все завершённые респонденты сохранены в {file}.',
  yesNo: { yes: 'Да', no: 'Нет', hint: { yes: 'Д/н', no: 'д/Н' }, accept: { yes: /^(д|да|y|yes)$/i, no: /^(н|нет|n|no)$/i } },
};

export function auditMessages(language: Language): AuditMessages {
  return language === 'ru' ? ru : en;
}
