import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCsv, repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

/** Issue 15: with hundreds of segments the HTML heatmap is capped; the JSON keeps every segment. */
const GENERIC = join(repoRoot, 'templates', 'servqual-generic.en.yaml');

describe('the HTML segments heatmap with 400 segments', () => {
  const dir = useTempDir();

  it('draws the 30 largest in report order, says how many more, and stays small', async () => {
    const csv = await generateCsv([GENERIC, '--rows', '1200', '--seed', '400', '--no-comments']);
    const [header, ...lines] = csv.trimEnd().split('\n');
    // 400 shops: shop k has more rows the smaller k is (rows i with i mod 400 = k, plus a share of the first 400).
    const shop = (i: number) => `S${String(i < 400 ? i % 400 : Math.floor((i % 400) / 8)).padStart(3, '0')}`;
    writeFileSync(join(dir(), 'r.csv'), [`${header},shop`, ...lines.map((line, i) => `${line},${shop(i)}`)].join('\n'));
    const json = await runInProcess(['score', GENERIC, 'r.csv', '--group-by', 'shop', '--format', 'json'], {
      cwd: dir(),
    });
    expect(json.code, json.stderr).toBe(0);
    const segments = (JSON.parse(json.stdout) as { segments: { value: string; respondents: { total: number } }[] })
      .segments;
    expect(segments).toHaveLength(400);
    // The 30 largest by respondents, ties by report order, then put back in report order: computed here from the JSON.
    const expected = segments
      .map((s, i) => ({ s, i }))
      .sort((a, b) => b.s.respondents.total - a.s.respondents.total || a.i - b.i)
      .slice(0, 30)
      .sort((a, b) => a.i - b.i)
      .map(({ s }) => `shop=${s.value} (n = ${s.respondents.total})`);

    const html = await runInProcess(['score', GENERIC, 'r.csv', '--group-by', 'shop', '--format', 'html'], {
      cwd: dir(),
    });
    expect(html.code, html.stderr).toBe(0);
    const figure = /<figure class="chart-figure" id="fig-segments">[\s\S]*?<\/figure>/.exec(html.stdout)?.[0] ?? '';
    const rows = [...figure.matchAll(/<g class="row-head"><title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(rows).toEqual(expected);
    expect(figure).toContain('Shown: the 30 largest segments; and 370 more segments: see the XLSX, CSV or JSON.');
    // A report a browser opens at once: well under a megabyte with 400 segments.
    expect(html.stdout.length).toBeLessThan(400_000);
  });
});
