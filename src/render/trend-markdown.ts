import type { Language } from '../core/questionnaire/model.js';
import type { Trend } from '../core/trend/trend.js';
import { pValue, signed } from './format.js';
import { fill, respondentsLine } from './labels.js';
import { markdownText } from './markdown.js';
import { trendLabelsFor } from './trend-labels.js';
import {
  digitsOf,
  intervalText,
  seriesName,
  stepColumns,
  stepText,
  trendSections,
  trendSparkline,
  valueText,
} from './view/trend.js';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const rule = header.map((_, i) => (i === 0 ? ':---' : '---:'));
  return [header, rule, ...rows].map((row) => `| ${row.join(' | ')} |`);
}

/**
 * A trend as GitHub-flavoured Markdown (a pull-request comment, a CI step summary): per section the
 * waves' values with their 95% intervals and a sparkline, then the changes (every consecutive step,
 * and each wave against the first) with Holm-adjusted p, then the regressions. Text from the files
 * is escaped.
 */
export function renderTrendMarkdown(trend: Trend, options: { language: Language }): string {
  const { language } = options;
  const t = trendLabelsFor(language);
  const waves = trend.waves.map((w) => markdownText(w.label));
  const last = waves[waves.length - 1] ?? '';
  const previous = waves[waves.length - 2] ?? '';
  const out: string[] = [`## ${markdownText(fill(t.heading, { title: trend.questionnaire.title }))}`, ''];
  trend.waves.forEach((w, i) => {
    out.push(`- ${waves[i]}: ${respondentsLine(w.respondents, language)}${w.date ? ` (${w.date})` : ''}`);
  });
  out.push(
    '',
    markdownText(t.valuesNote),
    markdownText(fill(t.testsNote, { alpha: String(trend.alpha) })),
    markdownText(
      fill(t.gateNote, {
        previous: trend.waves[trend.waves.length - 2]?.label ?? '',
        last: trend.waves[trend.waves.length - 1]?.label ?? '',
        alpha: String(trend.alpha),
      }),
    ),
    '',
  );
  const columns = stepColumns(trend);
  for (const section of trendSections(trend, language)) {
    out.push(`### ${markdownText(section.heading)}`, '');
    out.push(
      ...table(
        ['', ...waves, t.trend],
        section.series.map((s) => [
          markdownText(seriesName(s, language)),
          ...s.points.map((p) => `${valueText(s, p.value)} [${intervalText(s, p.ci95)}]`),
          trendSparkline(s),
        ]),
      ),
      '',
    );
    out.push(
      ...table(
        [t.changes, ...columns.map((c) => markdownText(c.heading))],
        section.series.map((s) => [
          markdownText(seriesName(s, language)),
          ...columns.map((c) => {
            const step = c.pick(s);
            const text = stepText(s, step);
            return step?.significant ? `**${text}**` : text;
          }),
        ]),
      ),
      '',
    );
  }
  out.push(`### ${t.regressions}`, '');
  const regressions = trend.series.filter((s) => s.regression);
  if (regressions.length === 0) out.push(t.noRegressions);
  for (const s of regressions) {
    const step = s.consecutive[s.consecutive.length - 1];
    const before = valueText(s, s.points[s.points.length - 2]?.value ?? null);
    const after = valueText(s, s.points[s.points.length - 1]?.value ?? null);
    out.push(
      `- **${markdownText(seriesName(s, language))}**: ${previous} ${before} → ${last} ${after} (${signed(step?.change ?? null, digitsOf(s))}, p ${pValue(step?.p ?? null)})`,
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
