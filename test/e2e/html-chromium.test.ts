import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { generateCsv, repoRoot } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { artefactsDir, describeInChromium, useBrowser } from '../helpers/chromium.js';

const artefacts = artefactsDir();

interface ChartBox {
  chart: string;
  width: number;
  height: number;
  marks: number;
}

describeInChromium('HTML report in headless Chromium', () => {
  const browser = useBrowser();

  async function open(args: string[], name: string) {
    const file = join(artefacts, `${name}.html`);
    const run = await runInProcess([...args, '--format', 'html', '--output', file]);
    expect(run.code, run.stderr).toBe(0);
    const page = await browser().newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(file).href);
    const charts = await page.$$eval('svg[data-chart]', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          chart: svg.getAttribute('data-chart') ?? '',
          width: box.width,
          height: box.height,
          marks: svg.querySelectorAll('rect, circle, line, path, polygon').length,
        };
      }),
    );
    await page.screenshot({ path: join(artefacts, `${name}.png`), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(artefacts, `${name}.pdf`), pdf);
    await page.close();
    return { charts: charts as ChartBox[], requests, problems, pdf };
  }

  it('renders every chart of a two-column report with segments, offline, and prints to PDF', async () => {
    const example = join(repoRoot, 'examples', 'bank-branch');
    const { charts, requests, problems, pdf } = await open(
      ['score', join(example, 'questionnaire.yaml'), join(example, 'responses.csv'), '--group-by', 'branch'],
      'report-two-column',
    );
    expect(charts.map((c) => c.chart).sort()).toEqual([
      'gap-dimensions',
      'gap-items',
      'ipa',
      'means-dimensions',
      'nps',
      'segments',
    ]);
    for (const chart of charts) {
      expect(chart.width, chart.chart).toBeGreaterThan(100);
      expect(chart.height, chart.chart).toBeGreaterThan(50);
      expect(chart.marks, chart.chart).toBeGreaterThan(4);
    }
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    expect(requests).toHaveLength(1);
    expect(problems).toEqual([]);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('renders the zone-of-tolerance chart of a three-column report', async () => {
    const dir = join(artefacts, 'three-column');
    mkdirSync(dir, { recursive: true });
    const questionnaire = join(repoRoot, 'templates', 'servqual-zones-generic.en.yaml');
    writeFileSync(join(dir, 'responses.csv'), await generateCsv([questionnaire, '--rows', '150', '--seed', '5']));
    const { charts } = await open(['score', questionnaire, join(dir, 'responses.csv')], 'report-three-column');
    const zones = charts.find((c) => c.chart === 'zones');
    expect(zones?.height).toBeGreaterThan(200);
    expect(zones?.marks).toBeGreaterThan(22);
  });
});
