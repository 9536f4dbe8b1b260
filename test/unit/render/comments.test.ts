/**
 * The comments section (issue 15) in HTML and Markdown: hostile comment texts (tags, script, ANSI
 * escapes, an RTL override, very long lines, line breaks and quotes, a spreadsheet formula) reach a
 * report only escaped, clipped and on their lines, whether scored from cells or hand-edited into a
 * saved result; priorities first, counts, Russian wording.
 */
import { describe, expect, it } from 'vitest';
import { COMMENT_CHARS } from '../../../src/core/scoring/comments.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { scoreTable } from '../../../src/core/scoring/score-table.js';
import { renderHtml } from '../../../src/render/html.js';
import { renderMarkdown } from '../../../src/render/markdown.js';
import { mulberry32 } from '../../helpers/random.js';
import { makeQuestionnaire } from '../scoring/support.js';
import { dom } from './html-fixtures.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<b onmouseover="x()">bold</b> & more',
  'red \u001b[31mALERT\u001b[0m \u009b2J cleared',
  'file\u202Egnp.exe \u2066isolated\u2069',
  `long ${'word '.repeat(400)}end`,
  'line one\nsaid "hi", then\r\nline three',
  '=HYPERLINK("http://evil.example","click")',
  '| pipe | **bold** [link](http://x) @team ::error::boom ##[group]',
];

const ITEMS = ['T1', 'R1', 'S1', 'A1', 'E1'];

function scoredResult(): Result {
  const q = makeQuestionnaire();
  const r = mulberry32(3);
  const header = ['respondent', 'branch', ...ITEMS.flatMap((id) => [`${id}_E`, `${id}_P`]), 'comments'];
  // Hostile comments on the lowest gaps (P = 1), so every dimension shows them.
  const rows = Array.from({ length: 60 }, (_, i) => [
    `r${i}`,
    i % 2 === 0 ? 'north' : 'south',
    ...ITEMS.flatMap(() => ['7', i < HOSTILE.length ? '1' : String(4 + Math.floor(r() * 4))]),
    i < HOSTILE.length ? (HOSTILE[i] as string) : i % 3 === 0 ? `fine ${i}` : '',
  ]);
  const { result } = scoreTable(q, header, rows, { groupBy: ['branch'] });
  expect(result?.comments?.total).toBe(HOSTILE.length + 17);
  return result as Result;
}

/** The scored result with the raw hostile texts put back, as a hand-edited saved result could hold them. */
function handEdited(result: Result): Result {
  const comments = result.comments as NonNullable<Result['comments']>;
  return {
    ...result,
    comments: {
      ...comments,
      dimensions: comments.dimensions.map((d) => ({
        ...d,
        shown: HOSTILE.slice(0, 5).map((text, i) => ({ respondent: `r${i}\u202e<i>`, text, score: -6 })),
      })),
      segments: comments.segments.map((s) => ({
        ...s,
        shown: HOSTILE.slice(3).map((text, i) => ({ line: i + 2, text })),
      })),
    },
  };
}

function expectSafeHtml(html: string): void {
  expect(html).not.toMatch(
    /<script|<b |onmouseover="|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u,
  );
  const root = dom(html);
  expect(root.querySelectorAll('script')).toHaveLength(0);
  const quotes = root.querySelectorAll('#comments blockquote');
  expect(quotes.length).toBeGreaterThan(0);
  for (const q of quotes) {
    // Only <br> inside a comment, and no comment longer than the clip.
    expect(q.querySelectorAll('*').every((el) => el.tagName === 'BR')).toBe(true);
    expect(Array.from(q.text).length).toBeLessThanOrEqual(COMMENT_CHARS);
  }
}

describe('comments in the HTML report', () => {
  const result = scoredResult();

  it('shows hostile texts escaped, without control or bidi characters, clipped, line breaks as <br>', () => {
    const html = renderHtml(result);
    expectSafeHtml(html);
    const section = dom(html).querySelector('#comments');
    const text = section?.text ?? '';
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('red [31mALERT[0m 2J cleared');
    expect(text).toContain('=HYPERLINK("http://evil.example","click")');
    expect(section?.innerHTML).toContain('line one<br>said &quot;hi&quot;, then<br>line three');
    expect(text).toMatch(/long (word ){50,}[^<]*…/);
    expect(html.indexOf('id="comments"')).toBeGreaterThan(html.indexOf('id="segment-priorities"'));
  });

  it('lists the priority dimensions first, then segments, with counts', () => {
    const root = dom(renderHtml(result));
    const groups = root.querySelectorAll('#comments .comment-group');
    const dimensions = groups.filter((g) => g.getAttribute('data-dimension') !== undefined);
    const first = result.recommendations[0]?.dimension;
    expect(dimensions[0]?.getAttribute('data-dimension')).toBe(first);
    expect(dimensions[0]?.querySelector('.tag')?.text).toBe('priority');
    const count = result.comments?.dimensions.find((d) => d.id === first)?.count;
    expect(dimensions[0]?.querySelector('.count')?.text).toBe(`(showing 5 of ${count})`);
    expect(
      groups.filter((g) => g.getAttribute('data-segment') !== undefined).map((g) => g.getAttribute('data-segment')),
    ).toEqual(['branch=north', 'branch=south']);
  });

  it('stays safe with raw hostile texts and ids in a hand-edited result', () => {
    const html = renderHtml(handEdited(result));
    expectSafeHtml(html);
    // `esc` shows a control or bidi character as a visible escape rather than dropping the id.
    expect(html).toContain('r0\\u202e&lt;i&gt;');
    expect(html).toContain('row 2');
  });

  it('speaks Russian in a Russian report', () => {
    const ru = { ...result, questionnaire: { ...result.questionnaire, language: 'ru' as const } };
    const section = dom(renderHtml(ru)).querySelector('#comments');
    expect(section?.querySelector('h2')?.text).toBe('Комментарии');
    expect(section?.text).toContain('По измерениям');
    expect(section?.text).toMatch(/показано 5 из \d+/);
  });

  it('is absent without a comment column, and says so when the column is empty', () => {
    const { comments: _none, ...without } = result;
    expect(renderHtml(without)).not.toContain('id="comments"');
    const empty = { ...result, comments: { ...(result.comments as NonNullable<Result['comments']>), total: 0 } };
    expect(dom(renderHtml(empty)).querySelector('#comments p')?.text).toBe('The column “comments” holds no comment.');
  });
});

describe('comments in the Markdown report', () => {
  const result = scoredResult();

  for (const [name, r] of [
    ['scored', result],
    ['hand-edited', handEdited(result)],
  ] as const) {
    it(`keeps each comment on one escaped line (${name})`, () => {
      const md = renderMarkdown(r);
      const section = md.slice(md.indexOf('### Comments'));
      expect(section).not.toMatch(/<script|<b |[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
      expect(section).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(section).toContain('- line one / said "hi", then / line three — _');
      expect(section).toContain(
        '\\| pipe \\| \\*\\*bold\\*\\* \\[link\\](http://x) @\u200bteam \\::error::boom \\#\\#\\[group\\]',
      );
      expect(section.split('\n').filter((line) => line.startsWith('- '))).not.toHaveLength(0);
      expect(section).toMatch(/^<details>$/m);
    });
  }
});
