/**
 * The report's one inline stylesheet: system fonts only, light colours, and print rules so a
 * browser's "print to PDF" gives clean pages (white background, charts and table rows kept whole,
 * table headers repeated on every page). No `url(`: the report makes no requests.
 */
import { esc } from './svg/common.js';
const HTML_STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #f4f6f8; color: #1f2630;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 32px 32px 48px; background: #fff; }
/* Wide enough that the Russian items table (longer headings, statement column) keeps its n column in view at 1280 px. */
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 6px; }
h2 { font-size: 19px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid #2f5d8a; }
h3 { font-size: 15px; margin: 20px 0 6px; }
p { margin: 6px 0; }
.meta, .note, figcaption, footer { color: #5d6673; }
.meta { margin-bottom: 14px; }
.cover { color: #5d6673; font-size: 13px; margin: 0 0 4px; overflow-wrap: anywhere; }
#summary .overall { font-size: 15px; font-weight: 600; }
#summary ol.fix, #summary ul.fine { margin: 4px 0; padding-left: 22px; }
#summary .quality { color: #5d6673; font-size: 13px; }
.note { font-size: 13px; }
.headline { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0 8px; }
.card { flex: 1 1 260px; border: 1px solid #dde2e8; border-radius: 6px; padding: 12px 16px; }
.card .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #5d6673; }
.card .value { font-size: 30px; font-weight: 700; font-variant-numeric: tabular-nums; }
.card .ci { font-size: 13px; color: #5d6673; }
.neg { color: #b0432e; }
.pos { color: #23764b; }
/* A measurement-quality figure below its usual threshold: bold as well as coloured, never colour alone. */
td.fails { color: #b0432e; font-weight: 700; }
figure { margin: 16px 0 28px; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; font-family: inherit; }
figcaption { font-size: 13px; margin-top: 6px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 20px; font-size: 13px; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { padding: 5px 8px; border-bottom: 1px solid #e3e7ec; text-align: left; vertical-align: top; }
/* Headings wrap between words (long Russian names) but never inside one; overflow-wrap is for a
   single word longer than its column. */
thead th { border-bottom: 2px solid #4a5260; font-weight: 600; background: #f3f5f8; hyphens: manual; overflow-wrap: normal; }
tbody th { font-weight: 600; }
.num { text-align: right; white-space: nowrap; }
td.statement { min-width: 12em; }
table[data-table="items"] thead th { white-space: normal; }
.statement .other { display: block; font-size: 12px; color: #5d6673; }
.statement .reverse { font-size: 12px; font-weight: 600; color: #a5432f; }
.statement .other b { font-weight: 600; }
th .statement { display: block; font-weight: 400; }
tr.group-head th { background: #eef2f7; border-top: 2px solid #c9d3df; font-weight: 400; }
.group-name { font-weight: 700; margin-right: 8px; }
.diagnosis { font-style: italic; }
.significance { display: block; font-size: 12px; color: #5d6673; }
.tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; border: 1px solid #c9d3df; white-space: nowrap; }
.zone-below { border-color: #c4553f; color: #b0432e; }
.zone-within { border-color: #d09a2c; color: #8a6412; }
.zone-above { border-color: #2f8a5b; color: #23764b; }
ul.actions { margin: 0; padding-left: 18px; }
ul.warnings li { margin: 4px 0; padding-left: 4px; }
ul.warnings li::marker { content: "! "; color: #b0432e; font-weight: 700; }
ul.methods li { margin: 4px 0; }
ul.comments { list-style: none; margin: 4px 0 16px; padding: 0; }
ul.comments li { margin: 6px 0; }
ul.comments blockquote { margin: 0; padding: 2px 10px; border-left: 3px solid #c9d3df; overflow-wrap: anywhere; }
.comment-group h4 .count, ul.comments .who { font-weight: 400; font-size: 12px; color: #5d6673; }
footer { margin-top: 32px; font-size: 12px; border-top: 1px solid #e3e7ec; padding-top: 8px; }
/* Phone width: one column; wide tables scroll inside their own box (.table-wrap), never the page;
   the recommendations table is stacked, one block per item, each value after its heading, so the
   actions are read without scrolling sideways. */
@media (max-width: 640px) {
  main { padding: 16px; }
  h1 { font-size: 22px; }
  .card .value { font-size: 24px; }
  .table-wrap { max-width: 100%; }
  table[data-table="recommendations"], table[data-table="recommendations"] tbody,
  table[data-table="recommendations"] tr, table[data-table="recommendations"] td,
  table[data-table="recommendations"] tbody th { display: block; width: auto; }
  table[data-table="recommendations"] thead { display: none; }
  table[data-table="recommendations"] tr.rec { padding: 8px 0; border-bottom: 1px solid #e3e7ec; }
  table[data-table="recommendations"] tr.rec > * { border: 0; padding: 1px 0; text-align: left; white-space: normal; }
  table[data-table="recommendations"] td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: #5d6673; }
  table[data-table="recommendations"] td[data-col="rank"]::before { content: "#"; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: #fff; color: #000; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 20px; break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure, .card, tr, .headline { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  /* A page cannot scroll: wide tables (items, Russian recommendations) shrink to the A4 width:
     smaller type, tighter cells, numeric heads may wrap, a narrower statement column. */
  table { font-size: 8pt; }
  th, td { padding: 3px 4px; }
  thead th.num { white-space: normal; }
  td.statement { min-width: 8em; }
  table[data-table="items"] { font-size: 7.5pt; }
  table[data-table="items"] th, table[data-table="items"] td { padding: 3px 3px; }
  p, li { orphans: 3; widows: 3; }
  section > h2 + p, section > h2 + .table-wrap { break-before: avoid; page-break-before: avoid; }
  thead th, tr.group-head th { background: #fff; }
  figure svg { width: 100%; }
  section#charts figure + figure { margin-top: 12px; }
}
`;

/**
 * The opening of every servqual page up to `<body>`: doctype, language, charset, the viewport a
 * phone needs, the generator when given, the escaped title and the stylesheet (with a page's own
 * rules after it). One place, so the report, compare, trend and plan pages cannot drift apart.
 */
export function htmlHead(o: {
  language: string;
  title: string;
  generatedBy?: string | undefined;
  style?: string;
}): string[] {
  return [
    '<!DOCTYPE html>',
    `<html lang="${o.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ...(o.generatedBy ? [`<meta name="generator" content="${esc(o.generatedBy)}">`] : []),
    `<title>${esc(o.title)}</title>`,
    `<style>${HTML_STYLE}${o.style ?? ''}</style>`,
    '</head>',
  ];
}
