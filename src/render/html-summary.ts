import type { Result } from '../core/scoring/result.js';
import { esc } from './svg/common.js';
import { coverView } from './view/cover.js';
import { summaryView } from './view/summary.js';

/** The cover's provenance line under the title ("Prepared … · N respondents · …"), escaped. */
export function coverHtml(result: Result, date: string | undefined): string {
  return `<p class="cover">${esc(coverView(result, date).line)}</p>`;
}

/** The executive summary as the report's first section, every sentence escaped. */
export function summarySection(result: Result): string {
  const s = summaryView(result);
  const fix =
    s.fix.length > 1
      ? `<ol class="fix">${s.fix.map((line) => `<li>${esc(line)}</li>`).join('')}</ol>`
      : `<p class="fix">${esc(s.fix[0] ?? '')}</p>`;
  return [
    `<section id="summary">`,
    `<h2>${esc(s.heading)}</h2>`,
    `<p class="overall">${esc(s.overall)}</p>`,
    ...(s.fix.length > 0 ? [`<h3>${esc(s.fixHeading)}</h3>`, fix] : []),
    ...(s.fine.length > 0 ? [`<ul class="fine">${s.fine.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`] : []),
    `<p class="quality">${esc(s.quality)}</p>`,
    `</section>`,
  ].join('\n');
}
