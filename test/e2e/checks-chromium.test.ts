/**
 * The checks section of `check --format html` in a real Chromium at 1280 and 400 px: each item's
 * statement and each dimension's label sit under their target, inside the row's header cell and the
 * viewport, clear of the value cells (read from the page's own geometry).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const artefacts = join(repoRoot, 'test-results', 'checks');
const available = existsSync(CHROMIUM);
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

describe.runIf(available || process.env.CI === 'true')('check targets in words, in headless Chromium', () => {
  let browser: Browser;
  const file = join(artefacts, 'check.html');
  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing: .ci/run installs the Debian package chromium`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    mkdirSync(artefacts, { recursive: true });
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
  afterAll(async () => {
    await browser?.close();
  });

  it.each([1280, 400])('at %i px: the words under each target, within its cell and the width', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
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
