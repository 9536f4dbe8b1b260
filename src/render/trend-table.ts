import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Language } from '../core/questionnaire/model.js';
import { mapStrings, terminalText } from '../core/text/safe-text.js';
import type { Trend, TrendSeries } from '../core/trend/trend.js';
import { pValue, signed, wrap } from './format.js';
import { fill, respondentsLine } from './labels.js';
import { trendLabelsFor } from './trend-labels.js';
import {
  digitsOf,
  intervalText,
  seriesName,
  stepMark,
  trendSections,
  trendSparkline,
  valueText,
} from './view/trend.js';

export interface TrendTableOptions {
  color: boolean;
  language: Language;
  /** Only ASCII for what the report draws itself (borders, sparklines, marks, arrows): a terminal that is not UTF-8. */
  ascii?: boolean;
  width?: number;
}

const ASCII_BORDERS = {
  top: '-',
  'top-mid': '+',
  'top-left': '+',
  'top-right': '+',
  bottom: '-',
  'bottom-mid': '+',
  'bottom-left': '+',
  'bottom-right': '+',
  left: '|',
  'left-mid': '+',
  mid: '-',
  'mid-mid': '+',
  right: '|',
  'right-mid': '+',
  middle: '|',
} as const;

/** The report's own glyphs in ASCII (data is left as it is: it was escaped already). */
function asciiGlyphs(text: string): string {
  return text.replace(/▲/g, '^').replace(/▼/g, 'v').replace(/→/g, '->').replace(/α/g, 'alpha').replace(/–/g, '-');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}${'…'}` : text;
}

function sectionTable(trend: Trend, series: TrendSeries[], options: TrendTableOptions, paint: ChalkInstance): string {
  const t = trendLabelsFor(options.language);
  const ascii = options.ascii === true;
  const last = trend.waves.length - 1;
  const head = ['', ...trend.waves.map((w) => w.label), fill(t.sinceFirst, { first: trend.waves[0]?.label ?? '' })];
  const rows = series.map((s) => {
    const waves = s.points.map((p, i) => {
      const mark = i === 0 ? '' : stepMark(s.consecutive[i - 1], ascii);
      return [`${valueText(s, p.value)}${mark ? ` ${mark}` : ''}`, intervalText(s, p.ci95)];
    });
    const since = s.versusFirst[last - 1];
    const sinceMark = stepMark(since, ascii);
    return {
      s,
      name: seriesName(s, options.language),
      waves,
      spark: trendSparkline(s, ascii),
      since: [
        `${signed(since?.change ?? null, digitsOf(s))}${sinceMark ? ` ${sinceMark}` : ''}`,
        `p ${pValue(since?.pHolm ?? null)}`,
      ],
    };
  });
  const widthOf = (lines: string[][]) => Math.max(...lines.flat().map((x) => x.length));
  const others =
    trend.waves.reduce(
      (sum, _, i) => sum + Math.max(head[i + 1]?.length ?? 0, widthOf(rows.map((r) => r.waves[i] ?? []))) + 2,
      0,
    ) +
    Math.max(head[last + 2]?.length ?? 0, widthOf(rows.map((r) => r.since))) +
    2;
  const nameWidth = Math.max(8, (options.width ?? 80) - others - 2 - (head.length + 1));
  const table = new Table({
    head: head.map((h) => paint.bold(h)),
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    colAligns: ['left', ...trend.waves.map(() => 'right' as const), 'right'],
    ...(ascii ? { chars: ASCII_BORDERS } : {}),
  });
  for (const r of rows) {
    const tint = (down: boolean | null) => (down === null ? paint : down ? paint.red : paint.green);
    const dir = (i: number) => {
      const step = r.s.consecutive[i - 1];
      return step?.significant ? step.direction === 'down' : null;
    };
    table.push([
      // The sparkline under the name: a column of its own would leave the names no room at 80 columns.
      `${truncate(r.name, nameWidth)}\n${r.spark}`,
      ...r.waves.map(
        (lines, i) => `${i === 0 ? lines[0] : tint(dir(i))(lines[0] as string)}\n${paint.dim(lines[1] as string)}`,
      ),
      `${r.s.regression ? paint.red.bold(r.since[0] as string) : r.since[0]}\n${paint.dim(r.since[1] as string)}`,
    ]);
  }
  return table.toString();
}

/**
 * The terminal report of a trend, readable at 80 columns with three waves and without colour: per
 * section (overall, dimensions, KPIs) each wave's value over its 95% interval, ▲/▼ on a significant
 * step from the wave before (Holm), a sparkline, and the change since the first wave with its
 * Holm-adjusted p; then the notes and the regressions the gate reads.
 */
export function renderTrendTable(input: Trend, options: TrendTableOptions): string {
  // Every string of the trend (labels, titles) comes from the files: escaped once here.
  const trend = mapStrings(input, terminalText);
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const { language } = options;
  const t = trendLabelsFor(language);
  const width = options.width ?? 80;
  const out: string[] = [paint.bold(fill(t.heading, { title: trend.questionnaire.title }))];
  const pad = Math.max(...trend.waves.map((w) => w.label.length)) + 1;
  for (const w of trend.waves) {
    out.push(`${`${w.label}:`.padEnd(pad)} ${respondentsLine(w.respondents, language)}${w.date ? ` (${w.date})` : ''}`);
  }
  const last = trend.waves[trend.waves.length - 1]?.label ?? '';
  const previous = trend.waves[trend.waves.length - 2]?.label ?? '';
  for (const note of [
    t.valuesNote,
    fill(t.testsNote, { alpha: String(trend.alpha) }),
    fill(t.gateNote, { previous, last, alpha: String(trend.alpha) }),
  ]) {
    out.push(...wrap(note, width).map((line) => paint.dim(line)));
  }
  for (const section of trendSections(trend, language)) {
    out.push('', paint.bold.underline(section.heading), sectionTable(trend, section.series, options, paint));
  }
  out.push('', paint.bold.underline(t.regressions));
  const regressions = trend.series.filter((s) => s.regression);
  if (regressions.length === 0) out.push(t.noRegressions);
  for (const s of regressions) {
    const step = s.consecutive[s.consecutive.length - 1];
    const text = `${seriesName(s, language)}: ${previous} ${valueText(s, s.points[s.points.length - 2]?.value ?? null)} → ${last} ${valueText(s, s.points[s.points.length - 1]?.value ?? null)} (${signed(step?.change ?? null, digitsOf(s))}, p ${pValue(step?.p ?? null)})`;
    out.push(...wrap(text, width - 2).map((line, j) => paint.red(`${j === 0 ? '!' : ' '} ${line}`)));
  }
  const text = `${out.join('\n')}\n`;
  return options.ascii === true ? asciiGlyphs(text) : text;
}
