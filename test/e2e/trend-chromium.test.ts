import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { artefactsDir, describeInChromium, useBrowser } from '../helpers/chromium.js';

const artefacts = artefactsDir('trend');
const waves = join(repoRoot, 'examples', 'waves');

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface Chart {
  target: string;
  figure: Box;
  svg: Box;
  band: Box | null;
  dots: { wave: string; x: number; y: number }[];
}

describeInChromium('the trend report in headless Chromium', () => {
  const browser = useBrowser();
  const file = join(artefacts, 'trend.html');
  beforeAll(async () => {
    const run = await runInProcess([
      'trend',
      ...['q1', 'q2', 'q3'].map((q) => join(waves, `${q}.json`)),
      '--format',
      'html',
      '--output',
      file,
    ]);
    expect(run.code, run.stderr).toBe(0);
  }, 60_000);

  it.each([1280, 400])('at %i px: a chart per measure, dots inside their band, nothing overflows', async (width) => {
    const page = await browser().newPage({ viewport: { width, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    const charts = (await page.$$eval('svg[data-chart="trend"]', (svgs) =>
      svgs.map((svg) => {
        const rect = (e: { getBoundingClientRect(): Box } | null) => {
          if (e === null) return null;
          const r = e.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        };
        return {
          target: svg.getAttribute('data-target') ?? '',
          figure: rect(svg.closest('figure')),
          svg: rect(svg),
          band: rect(svg.querySelector('polygon.band')),
          dots: [...svg.querySelectorAll('circle.point')].map((c) => {
            const r = c.getBoundingClientRect();
            return { wave: c.getAttribute('data-wave') ?? '', x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
          }),
        };
      }),
    )) as Chart[];
    const viewport = (await page.evaluate(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
    )) as { scroll: number; client: number };
    await page.screenshot({ path: join(artefacts, `trend.${width}.png`), fullPage: true });
    await page.close();

    expect(viewport.scroll).toBeLessThanOrEqual(viewport.client);
    expect(charts.map((c) => c.target)).toEqual([
      'overall:weighted',
      'overall:unweighted',
      'dimension:tangibles',
      'dimension:reliability',
      'dimension:responsiveness',
      'dimension:assurance',
      'dimension:empathy',
      'kpi:nps',
      'kpi:csat',
      'kpi:ces',
    ]);
    for (const c of charts) {
      expect(c.svg.right, c.target).toBeLessThanOrEqual(viewport.client + 0.5);
      expect(c.svg.right - c.svg.left, c.target).toBeGreaterThan(150);
      expect(c.dots.map((d) => d.wave)).toEqual(['q1', 'q2', 'q3']);
      const band = c.band as Box;
      for (const d of c.dots) {
        expect(d.x, `${c.target} ${d.wave}`).toBeGreaterThanOrEqual(band.left - 0.5);
        expect(d.x, `${c.target} ${d.wave}`).toBeLessThanOrEqual(band.right + 0.5);
        expect(d.y, `${c.target} ${d.wave}`).toBeGreaterThanOrEqual(band.top - 0.5);
        expect(d.y, `${c.target} ${d.wave}`).toBeLessThanOrEqual(band.bottom + 0.5);
      }
      // Waves left to right, in the order given.
      expect(c.dots[0]?.x ?? 0).toBeLessThan(c.dots[1]?.x ?? 0);
      expect(c.dots[1]?.x ?? 0).toBeLessThan(c.dots[2]?.x ?? 0);
    }
    // No two charts overlap.
    for (let i = 0; i < charts.length; i++) {
      for (let j = i + 1; j < charts.length; j++) {
        const a = charts[i]?.figure as Box;
        const b = charts[j]?.figure as Box;
        const apart =
          a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
        expect(apart, `${charts[i]?.target} and ${charts[j]?.target}`).toBe(true);
      }
    }
    // Responsiveness dropped in q3: its last dot is drawn lower (a larger y) than the first two.
    const responsiveness = charts.find((c) => c.target === 'dimension:responsiveness') as Chart;
    const [d1, d2, d3] = responsiveness.dots;
    expect(d3?.y ?? 0).toBeGreaterThan(Math.max(d1?.y ?? 0, d2?.y ?? 0) + 20);
  });
});
