import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { Result } from '../../src/core/scoring/result.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { artefactsDir, CHROMIUM, describeInChromium, useBrowser } from '../helpers/chromium.js';

// The HTML report laid out by a real Chromium, checked by the page's own geometry at a desktop and
// a phone width, in English and Russian; and `--format pdf` end to end (Debian's Chromium, launched
// as test/helpers/chromium.ts says).
const artefacts = artefactsDir('layout');
const example = join(repoRoot, 'examples', 'bank-branch');
const responses = join(example, 'responses.csv');
/** The bank example's responses fit the bundled Russian bank template: same item ids and format. */
const QUESTIONNAIRES = {
  en: join(example, 'questionnaire.yaml'),
  ru: join(repoRoot, 'templates', 'bank-branch.ru.yaml'),
} as const;

interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Inside an element that scrolls horizontally (a wide table's own box). */
  scrolls: boolean;
  /** Inside <section id="recommendations">. */
  recommendation: boolean;
}

/**
 * Every line box of every visible text node (Range.getClientRects: one rectangle per line), plus
 * each SVG <text> element's box, in page coordinates, as `Box`es. Runs in the page; a string
 * because this project compiles without the DOM's types.
 */
const TEXT_BOXES = `(() => {
  const boxes = [];
  const scrolls = (element) => {
    for (let e = element; e !== null && e !== document.body; e = e.parentElement) {
      const overflow = getComputedStyle(e).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') return true;
    }
    return false;
  };
  const add = (rect, text, element) => {
    if (rect.width < 0.5 || rect.height < 0.5) return;
    boxes.push({
      text,
      left: rect.left + window.scrollX,
      right: rect.right + window.scrollX,
      top: rect.top + window.scrollY,
      bottom: rect.bottom + window.scrollY,
      scrolls: scrolls(element),
      recommendation: element.closest('#recommendations') !== null,
    });
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = (node.textContent || '').trim();
    if (parent === null || text === '' || parent.closest('svg') !== null) continue;
    const style = getComputedStyle(parent);
    if (style.visibility !== 'visible' || style.display === 'none') continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) add(rect, text, parent);
  }
  for (const text of document.querySelectorAll('svg text')) {
    if ((text.textContent || '').trim() !== '') add(text.getBoundingClientRect(), text.textContent, text);
  }
  return boxes;
})()`;

/** Pairs of text boxes that overlap by more than 1 px both ways (sorted by top, so the scan is short). */
function overlaps(boxes: Box[]): string[] {
  const sorted = [...boxes].sort((a, b) => a.top - b.top);
  const found: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as Box;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as Box;
      if (b.top >= a.bottom - 1) break;
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 1 && y > 1)
        found.push(`"${a.text.slice(0, 40)}" × "${b.text.slice(0, 40)}" (${x.toFixed(1)}×${y.toFixed(1)} px)`);
    }
  }
  return found;
}

describeInChromium('HTML report layout in headless Chromium', () => {
  const browser = useBrowser();

  /** The report and its result (for the statements to look for) in one language. */
  async function report(language: keyof typeof QUESTIONNAIRES): Promise<{ html: string; result: Result }> {
    const args = ['score', QUESTIONNAIRES[language], responses, '--group-by', 'branch'];
    const html = join(artefacts, `bank-${language}.html`);
    const json = join(artefacts, `bank-${language}.json`);
    for (const [format, output] of [
      ['html', html],
      ['json', json],
    ] as const) {
      const run = await runInProcess([...args, '--format', format, '--output', output]);
      expect(run.code, run.stderr).toBe(0);
    }
    return { html, result: JSON.parse(readFileSync(json, 'utf8')) as Result };
  }

  async function open(file: string, width: number, media: 'screen' | 'print'): Promise<Page> {
    const page = await browser().newPage({ viewport: { width, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    await page.emulateMedia({ media });
    return page;
  }

  // A desktop, a phone, and print: A4 less the PDF's 12 mm side margins is 186 mm, 703 px at 96 px
  // per inch; a page cannot scroll, so in print nothing scrolls (the print CSS makes it fit).
  const VIEWS = [
    { width: 1280, media: 'screen' },
    { width: 400, media: 'screen' },
    { width: 703, media: 'print' },
  ] as const;
  for (const language of ['en', 'ru'] as const) {
    for (const { width, media } of VIEWS) {
      it(`${language} at ${width} px (${media}): statements visible, no text overlaps, nothing wider than the page`, async () => {
        const { html, result } = await report(language);
        const page = await open(html, width, media);
        try {
          await page.screenshot({ path: join(artefacts, `bank-${language}-${width}.png`), fullPage: true });
          const boxes = (await page.evaluate(TEXT_BOXES)) as Box[];
          if (media === 'print') expect(boxes.filter((b) => b.scrolls).map((b) => b.text)).toEqual([]);
          const pageWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
          // The page itself never scrolls sideways; wide tables scroll inside their own box.
          expect(pageWidth).toBeLessThanOrEqual(width);
          const outside = boxes.filter((b) => !b.scrolls && (b.left < -1 || b.right > width + 1));
          expect(outside.map((b) => b.text.slice(0, 60))).toEqual([]);
          expect(overlaps(boxes)).toEqual([]);
          // On a desktop no table hides a column behind a scroll bar (the Russian items table did: its n).
          if (width >= 1280) {
            const hidden = (await page.$$eval('.table-wrap', (wraps) =>
              wraps.filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => w.closest('section')?.id ?? '?'),
            )) as string[];
            expect(hidden).toEqual([]);
          }

          // Every item's statement is on the page in a visible text box, within the page's width
          // or inside a box that scrolls.
          const statements = result.items.map((item) => item.statement ?? '');
          expect(statements.length).toBeGreaterThan(10);
          for (const statement of statements) {
            const shown = boxes.filter((b) => b.text.includes(statement.slice(0, 30)));
            expect(shown.length, statement).toBeGreaterThan(0);
          }

          // Recommendations and their actions are read without scrolling sideways.
          const recommendations = boxes.filter((b) => b.recommendation);
          expect(recommendations.length).toBeGreaterThan(5);
          const cut = recommendations.filter((b) => b.left < -1 || b.right > width + 1);
          expect(cut.map((b) => b.text.slice(0, 60))).toEqual([]);

          // Charts scale to the page.
          const charts = await page.$$eval('svg[data-chart]', (svgs) =>
            svgs.map((s) => s.getBoundingClientRect().right),
          );
          expect(charts.length).toBeGreaterThan(3);
          for (const right of charts) expect(right).toBeLessThanOrEqual(width);
        } finally {
          await page.close();
        }
      }, 60_000);
    }
  }

  it('keeps long comments (an unbroken 450-character word, many lines) inside a 400 px page (issue 15)', async () => {
    const [header, ...rows] = readFileSync(responses, 'utf8').trimEnd().split('\n');
    // The first rows' comments replaced (the comment is the last column): they reach the segments' lists.
    const long = rows.map((row, i) =>
      i < 3 ? `${row.slice(0, row.lastIndexOf(','))},"${'W'.repeat(450)} ${'line\n'.repeat(i + 2)}end"` : row,
    );
    const csv = join(artefacts, 'long-comments.csv');
    const html = join(artefacts, 'long-comments.html');
    writeFileSync(csv, `${header}\n${long.join('\n')}\n`);
    const run = await runInProcess([
      'score',
      QUESTIONNAIRES.en,
      csv,
      '--group-by',
      'branch',
      '--format',
      'html',
      '--output',
      html,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const page = await open(html, 400, 'screen');
    try {
      expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(400);
      const rights = await page.$$eval('#comments blockquote', (quotes) =>
        quotes.map((q) => [q.getBoundingClientRect().right, q.textContent?.length ?? 0] as const),
      );
      expect(rights.some(([, length]) => length > 450)).toBe(true);
      for (const [right] of rights) expect(right).toBeLessThanOrEqual(400);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('prints the bank example to a PDF of several pages with --format pdf', async () => {
    const output = join(artefacts, 'bank-en.pdf');
    const args = ['score', QUESTIONNAIRES.en, responses, '--group-by', 'branch', '--format', 'pdf'];
    const run = await runInProcess([...args, '--output', output, '--chromium', CHROMIUM]);
    expect(run.code, run.stderr).toBe(0);
    const pdf = readFileSync(output);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Chromium writes one uncompressed `/Type /Page` dictionary per page (`/Type /Pages` are the tree's nodes).
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pdf.toString('latin1')).toMatch(new RegExp(`/Count ${pages.length}\\b`));
  }, 60_000);
});
