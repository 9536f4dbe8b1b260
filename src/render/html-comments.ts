import type { Result } from '../core/scoring/result.js';
import { commentLabelsFor } from './comment-labels.js';
import { fill } from './labels.js';
import { esc } from './svg/common.js';
import { type CommentLine, type CommentList, commentsView } from './view/comments.js';
import { recommendationScore } from './view/reading.js';
import { labelsFor } from './labels.js';

/**
 * The HTML report's comments section (issue 15), after the priorities: per dimension (the
 * priorities' first) and per segment, each comment escaped line by line (`esc` also shows any
 * control or bidi character as an escape), with whose it is and the counts. Nothing without a
 * comment column.
 */
export function commentsSection(result: Result, blank: string): string {
  const view = commentsView(result, blank);
  if (!view) return '';
  const language = result.questionnaire.language === 'ru' ? 'ru' : 'en';
  const t = commentLabelsFor(language);
  const l = labelsFor(language);
  const out = [`<section id="comments">`, `<h2>${esc(t.title)}</h2>`];
  if (view.total === 0)
    return [...out, `<p>${esc(fill(t.none, { column: view.column }))}</p>`, `</section>`].join('\n');
  out.push(
    `<p class="note">${esc(
      fill(t.intro, {
        column: view.column,
        total: String(view.total),
        limit: String(view.limit),
        chars: String(view.chars),
      }),
    )}</p>`,
  );
  const who = (c: CommentLine): string => {
    const name = c.respondent ?? (c.line !== null ? fill(t.row, { line: String(c.line) }) : '');
    const score = c.score !== null ? ` · ${recommendationScore(result, l, c.score)}` : '';
    return `${name}${score}`;
  };
  const list = (group: CommentList): string => {
    const tag = group.priority ? ` <span class="tag">${esc(t.priority)}</span>` : '';
    const showing = fill(t.showing, { shown: String(group.shown.length), count: String(group.count) });
    const items = group.shown.map(
      (c) =>
        `<li><blockquote>${c.text.split('\n').map(esc).join('<br>')}</blockquote><span class="who">${esc(who(c))}</span></li>`,
    );
    return [
      `<div class="comment-group" data-${group.kind}="${esc(group.id)}">`,
      `<h4>${esc(group.title)}${tag} <span class="count">(${esc(showing)})</span></h4>`,
      `<ul class="comments">${items.join('')}</ul>`,
      `</div>`,
    ].join('\n');
  };
  if (view.dimensions.length > 0) out.push(`<h3>${esc(t.byDimension)}</h3>`, ...view.dimensions.map(list));
  if (view.segments.length > 0) out.push(`<h3>${esc(t.bySegment)}</h3>`, ...view.segments.map(list));
  if (view.moreSegments > 0) out.push(`<p class="more">${esc(fill(t.more, { n: String(view.moreSegments) }))}</p>`);
  return [...out, `</section>`].join('\n');
}
