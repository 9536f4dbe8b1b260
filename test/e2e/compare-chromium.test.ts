import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { artefactsDir, describeInChromium, useBrowser } from '../helpers/chromium.js';

const artefacts = artefactsDir('compare');
const waves = join(repoRoot, 'examples', 'waves');

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface Row {
  target: string;
  significant: boolean;
  dots: { side: string; x: number; y: number }[];
  intervals: { side: string; left: number; right: number }[];
}

interface Chart {
  chart: string;
  figure: Box;
  svg: Box;
  rows: Row[];
}

describeInChromium('the compare report in headless Chromium', () => {
  const browser = useBrowser();
  const file = join(artefacts, 'compare.html');
  beforeAll(async () => {
    const run = await runInProcess([
      'compare',
      join(waves, 'q2.json'),
      join(waves, 'q3.json'),
      '--format',
      'html',
      '--output',
      file,
    ]);
    expect(run.code, run.stderr).toBe(0);
  }, 60_000);

  it.each([1280, 400])('at %i px: the charts render, dots on their intervals, nothing overflows', async (width) => {
    const page = await browser().newPage({ viewport: { width, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    const charts = (await page.$$eval('svg[data-kind="compare"]', (svgs) =>
      svgs.map((svg) => {
        const rect = (e: { getBoundingClientRect(): Box } | null) => {
          if (e === null) return null;
          const r = e.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        };
        return {
          chart: svg.getAttribute('data-chart') ?? '',
          figure: rect(svg.closest('figure')),
          svg: rect(svg),
          rows: [...svg.querySelectorAll('g.row')].map((g) => ({
            target: g.getAttribute('data-target') ?? '',
            significant: g.classList.contains('significant'),
            dots: [...g.querySelectorAll('circle.point')].map((c) => {
              const r = c.getBoundingClientRect();
              return {
                side: c.classList.contains('baseline') ? 'baseline' : 'current',
                x: (r.left + r.right) / 2,
                y: (r.top + r.bottom) / 2,
              };
            }),
            intervals: [...g.querySelectorAll('line.interval')].map((l) => {
              const r = l.getBoundingClientRect();
              return { side: l.classList.contains('baseline') ? 'baseline' : 'current', left: r.left, right: r.right };
            }),
          })),
        };
      }),
    )) as Chart[];
    const viewport = (await page.evaluate(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
    )) as { scroll: number; client: number };
    await page.screenshot({ path: join(artefacts, `compare.${width}.png`), fullPage: true });
    await page.close();

    expect(viewport.scroll).toBeLessThanOrEqual(viewport.client);
    expect(charts.map((c) => c.chart)).toEqual([
      'compare-gaps',
      'compare-kpi-nps',
      'compare-kpi-csat',
      'compare-kpi-ces',
    ]);
    const gaps = charts[0] as Chart;
    expect(gaps.rows.map((r) => r.target)).toEqual([
      'overall:weighted',
      'overall:unweighted',
      'dimension:tangibles',
      'dimension:reliability',
      'dimension:responsiveness',
      'dimension:assurance',
      'dimension:empathy',
    ]);
    for (const c of charts) {
      expect(c.svg.right, c.chart).toBeLessThanOrEqual(viewport.client + 0.5);
      expect(c.svg.right - c.svg.left, c.chart).toBeGreaterThan(150);
      for (const r of c.rows) {
        expect(
          r.dots.map((d) => d.side),
          r.target,
        ).toEqual(['baseline', 'current']);
        for (const d of r.dots) {
          const interval = r.intervals.find((i) => i.side === d.side) as { left: number; right: number };
          expect(d.x, `${r.target} ${d.side}`).toBeGreaterThanOrEqual(interval.left - 0.5);
          expect(d.x, `${r.target} ${d.side}`).toBeLessThanOrEqual(interval.right + 0.5);
        }
      }
    }
    for (let i = 0; i < charts.length; i++) {
      for (let j = i + 1; j < charts.length; j++) {
        const a = charts[i]?.figure as Box;
        const b = charts[j]?.figure as Box;
        const apart =
          a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
        expect(apart, `${charts[i]?.chart} and ${charts[j]?.chart}`).toBe(true);
      }
    }
    // Responsiveness dropped significantly from q2 to q3: marked, and its current dot left of the baseline's.
    const responsiveness = gaps.rows.find((r) => r.target === 'dimension:responsiveness') as Row;
    expect(responsiveness.significant).toBe(true);
    const [before, after] = responsiveness.dots;
    expect(after?.x ?? 0).toBeLessThan((before?.x ?? 0) - 5);
  });
});
