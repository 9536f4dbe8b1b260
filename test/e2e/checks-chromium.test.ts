import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { artefactsDir, describeInChromium, useBrowser } from '../helpers/chromium.js';

const artefacts = artefactsDir('checks');
const example = join(repoRoot, 'examples', 'bank-branch');
// R1's perception statement in the bank example's questionnaire.
const R1 = 'This bank delivers cards, loan decisions and documents by the date it promised.';

interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  height: number;
}

interface Row {
  target: string;
  about: string | null;
  th: Rect;
  statement: Rect | null;
  value: Rect;
}

describeInChromium('check targets in words, in headless Chromium', () => {
  const browser = useBrowser();
  const file = join(artefacts, 'check.html');
  beforeAll(async () => {
    const run = await runInProcess([
      'check',
      join(example, 'questionnaire.yaml'),
      join(example, 'responses.csv'),
      '--min-item',
      'R1=0',
      '--date',
      '2026-12-05',
      '--format',
      'html',
      '--output',
      file,
    ]);
    expect(run.code, run.stderr).toBe(1);
  }, 60_000);

  it.each([1280, 400])('at %i px: the words under each target, within its cell and the width', async (width) => {
    const page = await browser().newPage({ viewport: { width, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    const rows = (await page.$$eval('#checks tbody tr', (trs) =>
      trs.map((tr) => {
        const statement = tr.querySelector('th .statement');
        return {
          target: tr.getAttribute('data-target') ?? '',
          about: statement?.textContent ?? null,
          th: tr.querySelector('th')?.getBoundingClientRect().toJSON(),
          statement: statement ? statement.getBoundingClientRect().toJSON() : null,
          value: tr.querySelector('td.num')?.getBoundingClientRect().toJSON(),
        };
      }),
    )) as Row[];
    const viewport = await page.$eval('html', (html) => html.clientWidth);
    await page.screenshot({ path: join(artefacts, `checks.${width}.png`), fullPage: true });
    await page.close();
    const byTarget = new Map(rows.map((r) => [r.target, r]));
    expect(byTarget.get('item:R1')?.about).toBe(R1);
    expect(byTarget.get('dimension:reliability')?.about).toBe('Reliability');
    expect(byTarget.get('overall')?.about).toBeNull();
    for (const r of rows) {
      if (!r.statement) continue;
      expect(r.statement.right, r.target).toBeLessThanOrEqual(Math.min(r.th.right, viewport) + 0.5);
      expect(r.statement.left, r.target).toBeGreaterThanOrEqual(r.th.left - 0.5);
      expect(r.statement.bottom, r.target).toBeLessThanOrEqual(r.th.bottom + 0.5);
      // Its own line (display: block), and clear of the value cell beside it.
      expect(r.statement.height, r.target).toBeGreaterThan(0);
      expect(r.statement.right, r.target).toBeLessThanOrEqual(r.value.left + 0.5);
    }
  });
});
