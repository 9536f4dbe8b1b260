import type { Language } from '../core/questionnaire/model.js';

/**
 * Wording of the comments section (issue 15) in each report language, kept apart from labels.ts
 * so it changes in one small file. `{x}` is filled in.
 */
const en = {
  title: 'Comments',
  intro:
    'Free-text comments from the column “{column}”: {total} in all. Per dimension, the comments of the respondents who scored it lowest; per segment, the first ones in the file. At most {limit} each, clipped at {chars} characters, as written.',
  none: 'The column “{column}” holds no comment.',
  byDimension: 'By dimension',
  bySegment: 'By segment',
  priority: 'priority',
  showing: 'showing {shown} of {count}',
  row: 'row {line}',
  more: '…and {n} more segments with comments (see the JSON result).',
};

export type CommentLabels = typeof en;

const ru: CommentLabels = {
  title: 'Комментарии',
  intro:
    'Свободные комментарии из столбца «{column}», всего: {total}. По каждому измерению — комментарии респондентов, оценивших его ниже всех; по каждому сегменту — первые в файле. Не больше {limit} в каждом списке, до {chars} символов, как написаны.',
  none: 'В столбце «{column}» нет комментариев.',
  byDimension: 'По измерениям',
  bySegment: 'По сегментам',
  priority: 'приоритет',
  showing: 'показано {shown} из {count}',
  row: 'строка {line}',
  more: '…и ещё сегментов с комментариями: {n} (см. JSON-результат).',
};

export function commentLabelsFor(language: Language): CommentLabels {
  return language === 'ru' ? ru : en;
}
