/**
 * The cover and the executive summary of the bank example's HTML in a real Chromium, at 1280 and
 * 400 px, in English and Russian: present, first, inside the viewport's width, and no two of their
 * text boxes overlapping (read from the page's own geometry).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCsv, repoRoot } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { artefactsDir, describeInChromium, useBrowser } from '../helpers/chromium.js';

const artefacts = artefactsDir('summary');

interface Box {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

describeInChromium('the summary in headless Chromium', () => {
  const browser = useBrowser();
  const reports: Record<'en' | 'ru', string> = { en: '', ru: '' };
  beforeAll(async () => {
    for (const language of ['en', 'ru'] as const) {
      const questionnaire = join(repoRoot, 'templates', `bank-branch.${language}.yaml`);
      const responses = join(artefacts, `responses.${language}.csv`);
      writeFileSync(responses, await generateCsv([questionnaire, '--rows', '200', '--seed', '3']));
      const file = join(artefacts, `report.${language}.html`);
      const run = await runInProcess([
        'score',
        questionnaire,
        responses,
        '--date',
        '2026-12-05',
        '--format',
        'html',
        '--output',
        file,
      ]);
      expect(run.code, run.stderr).toBe(0);
      reports[language] = file;
    }
  }, 60_000);

  describe.each(['en', 'ru'] as const)('%s', (language) => {
    it.each([1280, 400])('at %i px: cover and summary first, within the width, no overlapping text', async (width) => {
      const page = await browser().newPage({ viewport: { width, height: 900 } });
      await page.goto(pathToFileURL(reports[language]).href);
      const order = await page.$$eval('main > section', (sections) => sections.map((s) => s.id));
      expect(order[0]).toBe('summary');
      const boxes = (await page.$$eval(
        'header h1, header .cover, #summary h2, #summary h3, #summary p, #summary li',
        (elements) =>
          elements.map((e) => {
            const r = e.getBoundingClientRect();
            return { text: e.textContent ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
          }),
      )) as Box[];
      const viewport = await page.$eval('html', (html) => html.clientWidth);
      await page.screenshot({ path: join(artefacts, `summary.${language}.${width}.png`) });
      await page.close();
      expect(boxes.find((b) => b.text.includes('sha256'))?.text).toMatch(/2026-12-05/);
      expect(boxes.filter((b) => b.text.length > 0).length).toBeGreaterThan(6);
      for (const b of boxes) {
        expect(b.right, b.text).toBeLessThanOrEqual(viewport + 0.5);
        expect(b.bottom - b.top, b.text).toBeGreaterThan(0);
      }
      // Block elements follow each other: none starts above the previous one's bottom (a list item
      // sits inside its list, so only siblings in document order are compared).
      for (let i = 1; i < boxes.length; i++) {
        const [a, b] = [boxes[i - 1] as Box, boxes[i] as Box];
        expect(b.top, `${a.text} / ${b.text}`).toBeGreaterThanOrEqual(a.bottom - 0.5);
      }
    });
  });
});
