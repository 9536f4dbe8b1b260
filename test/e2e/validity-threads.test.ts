/**
 * `--threads` gives the measurement-quality and drivers figures of one thread (issue 16). Threads
 * need the built worker and a file over 8 MB, so the validity fixture's 200 rows are repeated 450
 * times (90,000 rows): repeating every row leaves every correlation as it was, so the figures made
 * of correlations alone must still equal R's on the fixture (test/fixtures/validity/generate.R).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/core/scoring/result.js';
import { fixturesDir, makeTempDir, removeTempDir, runChecked } from '../helpers/run-cli.js';

const DIR = join(fixturesDir, 'validity');
const COPIES = 450;

/** Paths where two JSON values differ by more than `tolerance` (relative above 1), or in anything but a number. */
function apart(actual: unknown, wanted: unknown, tolerance: number, path = '$'): string[] {
  if (typeof wanted === 'number')
    return typeof actual === 'number' && Math.abs(actual - wanted) <= tolerance * Math.max(1, Math.abs(wanted))
      ? []
      : [`${path}: ${String(actual)} vs ${wanted}`];
  if (wanted === null || typeof wanted !== 'object') return actual === wanted ? [] : [`${path}: differs`];
  if (actual === null || typeof actual !== 'object') return [`${path}: differs`];
  return Object.entries(wanted).flatMap(([key, value]) =>
    apart((actual as Record<string, unknown>)[key], value, tolerance, `${path}.${key}`),
  );
}

describe('servqual score --threads: measurement quality and drivers', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir();
    const [header, ...rows] = readFileSync(join(DIR, 'responses.csv'), 'utf8').trimEnd().split('\n');
    const body = Array.from({ length: COPIES }, (_, copy) =>
      rows.map((row) => row.replace(/^V/, `V${copy}-`)).join('\n'),
    ).join('\n');
    writeFileSync(join(dir, 'many.csv'), `${header}\n${body}\n`);
  });
  afterAll(() => {
    removeTempDir(dir);
  });

  it('on 2 threads equals 1 thread within 1e-12, and the correlation figures equal R’s', async () => {
    expect(statSync(join(dir, 'many.csv')).size).toBeGreaterThan(8 * 1024 * 1024);
    const args = ['score', join(DIR, 'two-column.yaml'), 'many.csv', '--format', 'json'];
    const single = await runChecked([...args, '--threads', '1'], dir);
    const threaded = await runChecked([...args, '--threads', '2'], dir);
    expect(single.code, single.stderr).toBe(0);
    expect(threaded.code, threaded.stderr).toBe(0);
    // Split for real, not read on one thread with a note.
    expect(threaded.stderr).not.toContain('read on one thread');
    const one = JSON.parse(single.stdout) as Result;
    const two = JSON.parse(threaded.stdout) as Result;
    const figures = (r: Result) => ({
      validity: r.validity,
      drivers: r.drivers,
      dimensions: r.dimensions.map((d) => [d.alpha, d.alphaStd, d.alphaCi, d.omega, d.ave]),
      items: r.items.map((item) => item.itemTotalRaw),
    });
    expect(apart(figures(two), figures(one), 1e-12)).toEqual([]);

    const x = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')).twoColumn;
    expect(one.validity?.n).toBe(COPIES * x.validity.n);
    expect(one.drivers?.n).toBe(COPIES * x.drivers.n);
    const fromCorrelations = (r: Result) => ({
      kmo: r.validity?.kmo,
      eigenvalues: r.validity?.eigenvalues,
      htmt: r.validity?.htmt,
      alphaStd: r.dimensions.map((d) => d.alphaStd),
      omega: r.dimensions.map((d) => d.omega),
      ave: r.dimensions.map((d) => d.ave),
      drivers: r.drivers?.dimensions.map((d) => [d.r, d.beta, d.weight]),
      r2: r.drivers?.r2,
    });
    const wanted = {
      kmo: x.validity.kmo,
      eigenvalues: x.validity.eigenvalues,
      htmt: x.validity.htmt,
      alphaStd: x.dimensions.map((d: { alphaStd: number }) => d.alphaStd),
      omega: x.dimensions.map((d: { omega: number }) => d.omega),
      ave: x.dimensions.map((d: { ave: number }) => d.ave),
      drivers: x.drivers.r.map((r: number, i: number) => [r, x.drivers.beta[i], x.drivers.weight[i]]),
      r2: x.drivers.r2,
    };
    expect(apart(fromCorrelations(two), wanted, 1e-6)).toEqual([]);
  });
});
