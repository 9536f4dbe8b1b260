/**
 * The executive summary's view model, for every kind of result: gap formats (two- and three-column),
 * perceptions only (against the scale midpoint), `best: low`, no recommendations, a single
 * respondent (no CI), everything fine; in English and Russian. Expected numbers are read from the
 * result itself (the statistics are tested elsewhere against R and scipy); these tests check that
 * the sentences say what the result says, agree with the advice view, and appear first in reports.
 */
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/scoring/result.js';
import { fixed, signed } from '../../../src/render/format.js';
import { renderHtml } from '../../../src/render/html.js';
import { labelsFor } from '../../../src/render/labels.js';
import { renderMarkdown } from '../../../src/render/markdown.js';
import { renderTable } from '../../../src/render/table.js';
import { adviceView, noRecommendationsText } from '../../../src/render/view/advice.js';
import { coverView } from '../../../src/render/view/cover.js';
import { summaryLines, summaryView } from '../../../src/render/view/summary.js';
import { type Build, buildResult, dom } from './html-fixtures.js';

const RU_LABELS = {
  tangibles: 'Материальность',
  reliability: 'Надёжность',
  responsiveness: 'Отзывчивость',
  assurance: 'Уверенность',
  empathy: 'Эмпатия',
};

function result(b: Build): Result {
  return structuredClone(buildResult({ n: 80, seed: 11, ...(b.language === 'ru' ? { labels: RU_LABELS } : {}), ...b }));
}

/** A result where every dimension and item is significantly above its baseline, with nothing to recommend. */
function allFine(b: Build): Result {
  const r = result(b);
  const base = r.questionnaire.format === 'perceptions-only' ? 4 : 0;
  r.dimensions.forEach((d, i) => {
    d.gap = { ...d.gap, mean: base + 0.5 + i / 10, ci95: [base + 0.2, base + 0.8 + i / 10] };
    d.zone = r.questionnaire.format === 'three-column' ? 'above' : d.zone;
  });
  for (const item of r.items) {
    item.gap = { ...item.gap, mean: base + 0.6 };
    item.pHolm = 0.001;
  }
  r.overall.weighted = { ...r.overall.weighted, mean: base + 0.6, ci95: [base + 0.4, base + 0.8] };
  r.recommendations = [];
  return r;
}

const FORMATS = ['two-column', 'three-column', 'perceptions-only'] as const;
const LANGUAGES = ['en', 'ru'] as const;

describe.each(LANGUAGES)('the summary in %s', (language) => {
  describe.each(FORMATS)('of a %s result', (format) => {
    it('states the weighted overall, its CI and a verdict that agrees with the CI', () => {
      const r = result({ format, language });
      const s = summaryView(r);
      const { mean, ci95 } = r.overall.weighted;
      if (mean === null || ci95 === null) throw new Error('the fixture has an overall CI');
      const gap = format !== 'perceptions-only';
      const base = gap ? 0 : 4;
      expect(s.overall).toContain(gap ? fixed(Math.abs(mean)) : fixed(mean));
      const show = (v: number) => (gap ? signed(v) : fixed(v));
      expect(s.overall).toContain(show(ci95[0]));
      expect(s.overall).toContain(show(ci95[1]));
      const significant = ci95[1] < base || ci95[0] > base;
      const words =
        language === 'en'
          ? { sig: /: (a significant shortfall|significantly above)\.$/, not: /not (a )?significant/ }
          : { sig: /: (значимое отставание|значимо выше)\.$/, not: /незначимо/ };
      expect(s.overall).toMatch(significant ? words.sig : words.not);
      if (language === 'en')
        expect(s.overall).toMatch(
          { 'two-column': /expectations/, 'three-column': /desire/, 'perceptions-only': /midpoint 4/ }[format],
        );
      else
        expect(s.overall).toMatch(
          { 'two-column': /ожидали/, 'three-column': /желают/, 'perceptions-only': /середины 4/ }[format],
        );
    });

    it('names the first three recommendations with their statement, score, importance, test and the advice', () => {
      const r = result({ format, language });
      expect(r.recommendations.length).toBeGreaterThan(0);
      const s = summaryView(r);
      const advice = adviceView(r);
      const l = labelsFor(language);
      const top = r.recommendations.slice(0, 3);
      expect(s.fix).toHaveLength(top.length);
      top.forEach((rec, i) => {
        const line = s.fix[i] as string;
        const item = r.items.find((x) => x.id === rec.item);
        expect(line.startsWith(`${rec.item} `)).toBe(true);
        expect(line).toContain(item?.statement as string);
        expect(line).toContain(fixed(rec.importance));
        expect(line).toContain(gapText(rec.gap, format));
        const said = advice.recommendation(rec);
        // The summary words each item as the advice does: it never contradicts it.
        if (said) expect(line).toContain(l.advice[said]);
        const significant = item?.pHolm !== null && (item?.pHolm as number) < 0.05;
        expect(line).toMatch(
          language === 'en'
            ? significant
              ? /, significant \(p Holm/
              : /not significant on its own|not tested/
            : significant
              ? /, значим \(p по Холму/
              : /сам по себе незначим|не проверялся/,
        );
      });
    });

    it('gives data quality in one line from the respondents and warnings', () => {
      const r = result({ format, language });
      const { quality } = summaryView(r);
      expect(quality).not.toContain('\n');
      for (const n of [r.respondents.scored, r.respondents.total, r.respondents.skippedCells, r.warnings.length])
        expect(quality).toContain(String(n));
    });

    it('says when everything is fine: the verdict, no recommendation, every dimension above', () => {
      const r = allFine({ format, language });
      const s = summaryView(r);
      expect(s.overall).toMatch(language === 'en' ? /significantly above\.$/ : /значимо выше\.$/);
      expect(s.fix).toEqual([noRecommendationsText(r, labelsFor(language))]);
      const fine = s.fine.join(' ');
      for (const d of r.dimensions) expect(fine).toContain(d.label);
      expect(fine).toMatch(language === 'en' ? /^Significantly above/ : /^Значимо выше/);
    });

    it('with a single respondent says there is no CI instead of a verdict', () => {
      const r = result({ format, language });
      r.overall.weighted = { mean: r.overall.weighted.mean, sd: null, n: 1, ci95: null };
      const { overall } = summaryView(r);
      expect(overall).toMatch(language === 'en' ? /no 95% CI.*cannot be judged\.$/ : /без 95% ДИ.*судить нельзя\.$/);
    });

    it('tells a reader of a best: low scale that answers were mirrored', () => {
      const r = result({ format, language });
      r.questionnaire.scale = { ...r.questionnaire.scale, best: 'low' };
      expect(summaryView(r).overall).toMatch(language === 'en' ? /mirrored \(1 = best\)/ : /отражены \(1 = лучший/);
    });
  });

  it('in Russian leaves no English word (data aside)', () => {
    if (language !== 'ru') return;
    for (const format of FORMATS) {
      for (const r of [result({ format, language }), allFine({ format, language })]) {
        const text = summaryLines(summaryView(r)).join('\n');
        // Item ids (R4), statements of the fixture ("P R4") and MSS, a column's name in both languages.
        const english = text.replace(/\bMSS\b/g, '').match(/[A-Za-z]{3,}/g);
        expect(english, text).toBeNull();
      }
    }
  });
});

function gapText(value: number, format: (typeof FORMATS)[number]): string {
  return format === 'perceptions-only' ? fixed(value) : signed(value);
}

describe('what is fine, and what if nothing is', () => {
  it('with no recommendations in a perceptions-only result names the lowest-rated items, as the advice does', () => {
    const r = result({ format: 'perceptions-only' });
    r.recommendations = [];
    for (const item of r.items) item.gap = { ...item.gap, mean: 4.5 };
    const s = summaryView(r);
    expect(s.fix).toEqual([noRecommendationsText(r, labelsFor('en'))]);
    expect(s.fix[0]).toMatch(/lowest-rated/);
  });

  it('with no respondent scored says only that: nothing to fix, nothing fine, no heading for either', () => {
    const r = result({ format: 'two-column' });
    r.overall.weighted = { mean: null, sd: null, n: 0, ci95: null };
    r.overall.unweighted = { mean: null, sd: null, n: 0, ci95: null };
    const s = summaryView(r);
    expect(s.fix).toEqual([]);
    expect(s.fine).toEqual([]);
    expect(summaryLines(s)).toEqual([s.heading, s.overall, s.quality]);
    expect(renderTable(r, { color: false })).not.toContain(`${s.fixHeading}:`);
    expect(renderMarkdown(r)).not.toContain(`**${s.fixHeading}:**`);
    expect(renderHtml(r)).not.toContain(`<h3>${s.fixHeading}</h3>`);
  });

  it('when no dimension meets its baseline names the closest', () => {
    const r = result({ format: 'two-column' });
    r.dimensions.forEach((d, i) => {
      d.gap = { ...d.gap, mean: -1 - i / 10, ci95: [-1.5 - i / 10, -0.5 - i / 10] };
    });
    for (const item of r.items) item.pHolm = 0.5;
    const s = summaryView(r);
    expect(s.fine).toEqual([`No dimension meets expectations; the closest: ${r.dimensions[0]?.label} (-1.00).`]);
  });

  it('three-column: a dimension short of the desired service but within the zone of tolerance is said so', () => {
    const r = result({ format: 'three-column' });
    const d = r.dimensions[0] as Result['dimensions'][number];
    d.gap = { ...d.gap, mean: -0.4, ci95: [-0.6, -0.2] };
    d.zone = 'within';
    const fine = summaryView(r).fine.join(' ');
    expect(fine).toMatch(new RegExp(`zone of tolerance.*${d.label}`));
  });

  it('a result no respondent could be scored in says so', () => {
    const r = result({ format: 'two-column' });
    r.overall.weighted = { mean: null, sd: null, n: 0, ci95: null };
    expect(summaryView(r).overall).toBe('No respondent could be scored, so there is no overall result.');
  });
});

describe('the summary and the cover come first in every report', () => {
  const r = result({ format: 'two-column' });
  r.run = {
    servqual: '9.9.9',
    questionnaire: { file: 'q.yaml', sha256: 'ab'.repeat(32) },
    inputs: ['wave1.csv', 'stdin'],
  };
  const s = summaryView(r);

  it('cover: date, respondents, inputs, version and the hash (12 hex digits)', () => {
    expect(coverView(r, '2026-12-05').line).toBe(
      `Prepared 2026-12-05 · ${r.respondents.total} respondents · inputs: wave1.csv, stdin · servqual 9.9.9 · questionnaire sha256 ${'ab'.repeat(6)}`,
    );
    // The date the shell chose wins; without one, the date fixed at scoring (run.date).
    const dated = { ...r, run: { ...(r.run as NonNullable<Result['run']>), date: '2025-01-02' } };
    expect(coverView(dated, '2026-12-05').line).toMatch(/^Prepared 2026-12-05 /);
    expect(coverView(dated, undefined).line).toMatch(/^Prepared 2025-01-02 /);
    // An older result without run shows what it has.
    const { run: _run, ...old } = r;
    expect(coverView(old, '2026-12-05').line).toBe(`Prepared 2026-12-05 · ${r.respondents.total} respondents`);
    expect(coverView(old, undefined).line).toBe(`${r.respondents.total} respondents`);
  });

  it('terminal: the cover line, then the summary before the headline numbers', () => {
    const text = renderTable(r, { color: false, date: '2026-12-05' });
    const lines = text.split('\n');
    // Wrapped within 80 columns: one or two lines under the title.
    expect(lines.every((line) => line.length <= 80 || line.includes('│') || line.includes('─'))).toBe(true);
    expect(lines.slice(1, 3).join(' ')).toBe(coverView(r, '2026-12-05').line);
    expect(text.indexOf(s.heading)).toBeLessThan(text.indexOf('Weighted overall'));
    expect(text.replace(/\s+/g, ' ')).toContain(s.overall);
  });

  it('Markdown: the cover line, then a Summary section first', () => {
    const text = renderMarkdown(r, { date: '2026-12-05' });
    expect(text).toContain(`_Prepared 2026-12-05 · `);
    expect(text.indexOf('### Summary')).toBeLessThan(text.indexOf('### Dimensions'));
    expect(text.match(/^### /m)?.index).toBe(text.indexOf('### Summary'));
  });

  it('HTML: the cover under the title and section#summary as the first section', () => {
    const root = dom(renderHtml(r, { date: '2026-12-05' }));
    expect(root.querySelector('header .cover')?.text).toContain('questionnaire sha256 abababababab');
    const sections = root.querySelectorAll('main > section').map((x) => x.id);
    expect(sections[0]).toBe('summary');
    expect(root.querySelector('#summary .overall')?.text).toBe(s.overall);
    expect(root.querySelectorAll('#summary ol.fix li')).toHaveLength(Math.min(3, r.recommendations.length));
  });

  it('escapes data in the summary (HTML and Markdown)', () => {
    const hostile = structuredClone(r);
    const first = hostile.recommendations[0] as Result['recommendations'][number];
    const item = hostile.items.find((i) => i.id === first.item) as Result['items'][number];
    item.statement = '<img src=x onerror=alert(1)> *bold* | pipe';
    const html = renderHtml(hostile, { date: '2026-12-05' });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const md = renderMarkdown(hostile);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt; \\*bold\\* \\| pipe');
  });
});
