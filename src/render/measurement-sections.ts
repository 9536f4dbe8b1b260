import { fill } from '../core/text/fill.js';
import { fixed } from './format.js';
import { markdownText } from './markdown.js';
import { esc } from './svg/common.js';
import { fitText, type MeasurementView, measurementOf } from './view/measurement.js';
import { qualityTables } from './view/measurement-tables.js';

/**
 * The "Measurement quality" section in each medium, from one view: compact in the terminal (a few
 * lines: ω per dimension, the fit of the five-dimension model, what to do), full in Markdown and
 * HTML (every table). Every string from the result is escaped for its medium.
 */

/** The terminal's compact lines (plain text; the caller wraps and paints them). */
export function measurementTerminalLines(view: MeasurementView): string[] {
  const l = view.labels;
  const out: string[] = [];
  if (view.basis) out.push(view.basis);
  const omegas = view.reliability.filter((r) => r.omega.value !== null);
  if (omegas.length > 0)
    out.push(
      `${l.omega}: ${omegas.map((r) => `${r.label} ${fixed(r.omega.value)}${r.omega.ok === false ? '!' : ''}`).join(', ')}`,
    );
  const gaps = view.reliability.filter((r) => r.gap?.reliability !== null && r.gap?.reliability !== undefined);
  if (gaps.length > 0)
    out.push(
      fill(l.gapLine, {
        dimensions: gaps.map((r) => `${r.label} ${fixed(r.gap?.reliability)} (${fixed(r.gap?.alphaP)})`).join(', '),
      }),
    );
  if (view.gapNote) out.push(view.gapNote);
  for (const fit of view.fits) out.push(`${fit.label}: ${fitText(fit, l)}`);
  if (view.structureLine) out.push(view.structureLine);
  if (view.drivers) out.push(view.drivers.line);
  out.push(...view.findings.map((f) => `- ${f}`));
  return out;
}

/** Markdown: the basis, each table, the findings. */
export function measurementMarkdown(view: MeasurementView): string[] {
  const out = [`### ${markdownText(view.labels.heading)}`, ''];
  if (view.basis) out.push(markdownText(view.basis), '');
  if (view.structureLine) out.push(markdownText(view.structureLine), '');
  if (view.gapNote) out.push(markdownText(view.gapNote), '');
  for (const t of qualityTables(view)) {
    out.push(`**${markdownText(t.title)}**`, '');
    if (t.key === 'drivers' && view.drivers) out.push(markdownText(view.drivers.line), '');
    const rule = t.numeric.map((n) => (n ? '---:' : ':---'));
    const rows = t.rows.map((row) => row.map((c) => (c.fails ? `**${markdownText(c.text)}**` : markdownText(c.text))));
    out.push(...[t.header.map(markdownText), rule, ...rows].map((row) => `| ${row.join(' | ')} |`), '');
  }
  out.push(...view.findings.map((f) => `- ${markdownText(f)}`), '', markdownText(view.labels.thresholdsNote), '');
  return out;
}

/** HTML: the findings, then every table; a failing figure gets class "fails" (bold and coloured, with a title). */
export function measurementHtml(view: MeasurementView): string {
  const l = view.labels;
  const tables = qualityTables(view).map((t) => {
    const head = t.header.map((h, i) => `<th${t.numeric[i] ? ' class="num"' : ''} scope="col">${esc(h)}</th>`).join('');
    const body = t.rows
      .map((row) => {
        const cells = row.map((c, i) => {
          const classes = [t.numeric[i] ? 'num' : '', c.fails ? 'fails' : ''].filter(Boolean).join(' ');
          const title = c.fails ? ` title="${esc(l.fails)}"` : '';
          return i === 0
            ? `<th scope="row">${esc(c.text)}</th>`
            : `<td${classes ? ` class="${classes}"` : ''}${title}>${esc(c.text)}</td>`;
        });
        return `<tr>${cells.join('')}</tr>`;
      })
      .join('\n');
    const lead = t.key === 'drivers' && view.drivers ? `<p>${esc(view.drivers.line)}</p>\n` : '';
    return `<h3>${esc(t.title)}</h3>\n${lead}<div class="table-wrap"><table data-table="quality-${t.key}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
  });
  return [
    `<section id="measurement">`,
    `<h2>${esc(l.heading)}</h2>`,
    ...(view.basis ? [`<p>${esc(view.basis)}</p>`] : []),
    ...(view.structureLine ? [`<p>${esc(view.structureLine)}</p>`] : []),
    ...(view.gapNote ? [`<p>${esc(view.gapNote)}</p>`] : []),
    // What to do first, then the tables: on a phone a wide table scrolls, and a failing column
    // could sit out of view; the findings name every failure in words.
    ...(view.findings.length > 0
      ? [`<ul class="findings">${view.findings.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`]
      : []),
    ...tables,
    `<p class="note">${esc(l.thresholdsNote)}</p>`,
    `</section>`,
  ].join('\n');
}

/** The HTML section of a result, or nothing for a result without measurement quality. */
export function measurementSection(result: Parameters<typeof measurementOf>[0]): string {
  const view = measurementOf(result);
  return view ? measurementHtml(view) : '';
}
