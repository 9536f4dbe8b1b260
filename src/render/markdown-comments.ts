import type { Result } from '../core/scoring/result.js';
import { commentLabelsFor } from './comment-labels.js';
import { fill, labelsFor } from './labels.js';
import { type CommentLine, type CommentList, commentsView } from './view/comments.js';
import { recommendationScore } from './view/reading.js';

/**
 * The Markdown report's comments (issue 15): folded in `<details>` so a pull-request comment stays
 * short; one list item per comment, its line breaks as ` / `, escaped by `md` (the report's
 * `markdownText`). No lines without a comment column.
 */
export function commentLines(result: Result, blank: string, md: (text: string) => string): string[] {
  const view = commentsView(result, blank);
  if (!view) return [];
  const language = result.questionnaire.language === 'ru' ? 'ru' : 'en';
  const t = commentLabelsFor(language);
  const l = labelsFor(language);
  const heading = `### ${md(t.title)}`;
  if (view.total === 0) return [heading, '', md(fill(t.none, { column: view.column })), ''];
  const values = {
    column: view.column,
    total: String(view.total),
    limit: String(view.limit),
    chars: String(view.chars),
  };
  const who = (c: CommentLine): string => {
    const name = c.respondent ?? (c.line !== null ? fill(t.row, { line: String(c.line) }) : '');
    return c.score !== null ? `${name}, ${recommendationScore(result, l, c.score)}` : name;
  };
  const list = (group: CommentList): string[] => {
    const tag = group.priority ? ` (${t.priority})` : '';
    const showing = fill(t.showing, { shown: String(group.shown.length), count: String(group.count) });
    return [
      `**${md(group.title)}**${md(tag)}, ${md(showing)}`,
      '',
      ...group.shown.map((c) => `- ${md(c.text.split('\n').join(' / '))} — _${md(who(c))}_`),
      '',
    ];
  };
  const out = [heading, '', '<details>', `<summary>${md(fill(t.intro, values))}</summary>`, ''];
  if (view.dimensions.length > 0) out.push(`#### ${md(t.byDimension)}`, '', ...view.dimensions.flatMap(list));
  if (view.segments.length > 0) out.push(`#### ${md(t.bySegment)}`, '', ...view.segments.flatMap(list));
  if (view.moreSegments > 0) out.push(md(fill(t.more, { n: String(view.moreSegments) })), '');
  return [...out, '</details>', ''];
}
