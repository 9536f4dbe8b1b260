import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseHtml } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked, runInProcess as runCli } from '../helpers/run-in-process.js';

const example = join(repoRoot, 'examples', 'bank-branch');
const Q = join(example, 'questionnaire.yaml');
const R = join(example, 'responses.csv');
const tempDir = useTempDir();

// The bank-branch example (see `servqual score`): weighted overall -1.27, reliability -1.76,
// R1 -1.64, 399 scored respondents, every alpha above 0.7, NPS -23.7. Its questionnaire sets
// overall -1.2 (fails), reliability -1.5 (fails), R1 -2 (passes), 30 respondents, alpha 0.6.

interface Json {
  checks: { target: string; threshold: number; value: number | null; passed: boolean }[];
}
const checksOf = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as Json).checks.map((c) => [c.target, c]));

/**
 * Whether `xml` is well-formed as servqual writes it (no strict XML parser is a dependency): tags
 * with double-quoted attributes holding no raw `<`, `&` only in the five entities, tags balanced.
 */
function wellFormed(xml: string): boolean {
  const entity = /&(?!(amp|lt|gt|quot|apos);)/;
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>/y;
  const open: string[] = [];
  let at = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  while (at < xml.length) {
    const next = xml.indexOf('<', at);
    const text = xml.slice(at, next === -1 ? xml.length : next);
    if (text.includes('>') || entity.test(text)) return false;
    if (next === -1) break;
    tag.lastIndex = next;
    const m = tag.exec(xml);
    if (!m || entity.test(m[3] ?? '')) return false;
    if (m[1]) {
      if (open.pop() !== m[2]) return false;
    } else if (!m[4]) open.push(m[2] ?? '');
    at = tag.lastIndex;
  }
  return open.length === 0;
}

describe('servqual check', () => {
  it('exits 1 when a threshold from the questionnaire fails, listing the failures first', async () => {
    const run = await runChecked(['check', Q, R], tempDir());
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    const first = lines.findIndex((line) => line.startsWith('Checks:'));
    expect(lines[first]).toBe('Checks: 7 passed, 2 failed');
    expect(lines[first + 1]).toBe('FAIL overall is -1.27, below the threshold -1.20');
    expect(lines[first + 2]).toBe('FAIL dimension:reliability (Reliability) is -1.76, below the threshold -1.50');
    expect(first).toBeLessThan(lines.indexOf('Dimensions'));
  });

  it('puts the checks in the HTML report, right under the headline, failures first (the CI artefact)', async () => {
    const dir = tempDir();
    const run = await runChecked(['check', Q, R, '--format', 'html', '--output', 'check.html'], dir);
    expect(run.code).toBe(1);
    const page = parseHtml(readFileSync(join(dir, 'check.html'), 'utf8'));
    const section = page.querySelector('section#checks');
    expect(section?.querySelector('h2')?.text).toBe('Checks: 7 passed, 2 failed');
    const rows = section?.querySelectorAll('tbody tr') ?? [];
    expect(rows).toHaveLength(9);
    expect(rows.slice(0, 2).map((r) => r.getAttribute('data-target'))).toEqual(['overall', 'dimension:reliability']);
    expect(rows.slice(0, 2).every((r) => r.classList.contains('failed'))).toBe(true);
    // Right after the header, before the charts.
    const html = readFileSync(join(dir, 'check.html'), 'utf8');
    expect(html.indexOf('</header>')).toBeLessThan(html.indexOf('<section id="checks">'));
    expect(html.indexOf('<section id="checks">')).toBeLessThan(html.indexOf('<section id="charts">'));
  });

  it('exits 0 when flags relax every failing threshold (a flag wins over the file)', async () => {
    const run = await runChecked(
      ['check', Q, R, '--min-overall', '-1.5', '--min-dimension', 'reliability=-2', '--format', 'json'],
      tempDir(),
    );
    expect(run.code).toBe(0);
    const checks = checksOf(run.stdout);
    expect(checks.overall).toMatchObject({ threshold: -1.5, passed: true });
    expect(checks['dimension:reliability']).toMatchObject({ threshold: -2, passed: true });
    expect(checks['item:R1']).toMatchObject({ threshold: -2, passed: true });
  });

  it('tests each kind of threshold given as a flag', async () => {
    const run = await runChecked(
      [
        'check',
        Q,
        R,
        '--format',
        'json',
        '--min-overall',
        '-1.5',
        '--min-dimension',
        'reliability=-2',
        '--min-item',
        'RS3=-1',
        '--min-respondents',
        '500',
        '--min-alpha',
        '0.95',
        '--min-kpi',
        'nps=-30',
        '--min-kpi',
        'csat=60',
      ],
      tempDir(),
    );
    expect(run.code).toBe(1);
    const checks = checksOf(run.stdout);
    expect(checks['item:RS3']).toMatchObject({ threshold: -1, passed: false });
    expect(checks.respondents).toMatchObject({ threshold: 500, value: 399, passed: false });
    expect(checks['alpha:reliability']).toMatchObject({ threshold: 0.95, passed: false });
    expect(checks['kpi:nps']).toMatchObject({ threshold: -30, passed: true });
    expect(checks['kpi:csat']).toMatchObject({ threshold: 60, passed: false });
  });

  it('gates measurement quality: omega per dimension, the five-dimension CFA fit (RMSEA a ceiling)', async () => {
    // The bank example's five-dimension CFA: CFI 0.959, RMSEA 0.041 (lavaan on the same rows, see
    // test/fixtures/validity for the method); omega of every dimension between 0.75 and 0.82.
    const pass = await runChecked(
      ['check', Q, R, '--format', 'json', '--min-omega', '0.7', '--min-cfi', '0.95', '--max-rmsea', '0.06'],
      tempDir(),
    );
    const passed = checksOf(pass.stdout);
    expect(passed.cfi).toMatchObject({ threshold: 0.95, passed: true });
    expect(passed.rmsea).toMatchObject({ threshold: 0.06, passed: true });
    expect(passed['omega:reliability']).toMatchObject({ threshold: 0.7, passed: true });
    expect(passed.rmsea?.value).toBeCloseTo(0.041, 3);
    const fail = await runChecked(
      ['check', Q, R, '--min-omega', '0.8', '--min-cfi', '0.99', '--max-rmsea', '0.03'],
      tempDir(),
    );
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/FAIL rmsea is 0\.04\d*, above the maximum 0\.03/);
    expect(fail.stdout).toMatch(/FAIL cfi is 0\.9\d+, below the threshold 0\.99/);
    expect(fail.stdout).toMatch(/FAIL omega:tangibles \(Tangibles\) is 0\.7\d+, below the threshold 0\.8/);
    const bad = await runChecked(['check', Q, R, '--max-rmsea', 'low'], tempDir());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-rmsea low: expected a number');
  });

  it('exits 2 on bad input: an unknown target, a malformed flag, a broken CSV', async () => {
    const unknown = await runChecked(['check', Q, R, '--min-dimension', 'reliabilty=-1'], tempDir());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      '--min-dimension reliabilty: the questionnaire has no dimension "reliabilty"\n  hint: did you mean "reliability"?\n',
    );
    expect(unknown.stdout).toBe('');
    const item = await runChecked(['check', Q, R, '--min-item', 'Z9=0'], tempDir());
    expect(item.code).toBe(2);
    const malformed = await runChecked(['check', Q, R, '--min-dimension', 'reliability'], tempDir());
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/expected ID=NUMBER/);
    const nan = await runChecked(['check', Q, R, '--min-overall', 'low'], tempDir());
    expect(nan.code).toBe(2);
    writeFileSync(
      join(tempDir(), 'bad.csv'),
      `${readFileSync(R, 'utf8').split('\n').slice(0, 3).join('\n').replace(/,6,/, ',six,')}\n`,
    );
    const bad = await runChecked(['check', Q, join(tempDir(), 'bad.csv')], tempDir());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv:\d+:\w+: "six" is not a number on the 1-7 scale/);
  });

  it('writes JUnit XML with one test case per check and the failures explained', async () => {
    const junit = join(tempDir(), 'servqual.xml');
    expect((await runChecked(['check', Q, R, '--junit', junit], tempDir())).code).toBe(1);
    const xml = parseHtml(readFileSync(junit, 'utf8'), { voidTag: { closingSlash: true } });
    const suite = xml.querySelector('testsuite');
    expect(suite?.getAttribute('tests')).toBe('9');
    expect(suite?.getAttribute('failures')).toBe('2');
    const cases = xml.querySelectorAll('testcase');
    expect(cases).toHaveLength(9);
    const failures = xml.querySelectorAll('failure').map((f) => f.getAttribute('message'));
    expect(failures).toEqual([
      'overall is -1.27, below the threshold -1.20',
      'dimension:reliability (Reliability) is -1.76, below the threshold -1.50',
    ]);
  });

  it('on GitHub Actions, annotates each failed check and appends the Markdown report to the step summary', async () => {
    const summary = join(tempDir(), 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const run = await runCli(['check', Q, R, '--format', 'json'], {
      cwd: tempDir(),
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    expect(run.code).toBe(1);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    const annotations = run.stderr.split('\n').filter((line) => line.startsWith('::error'));
    expect(annotations).toEqual([
      '::error title=servqual check overall::overall is -1.27, below the threshold -1.20',
      '::error title=servqual check dimension%3Areliability::dimension:reliability (Reliability) is -1.76, below the threshold -1.50',
    ]);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n## Retail bank branch service audit')).toBe(true);
    expect(text).toContain('### Checks: 7 passed, 2 failed');
    expect(text).toContain('| ❌ | overall | -1.27 | -1.20 |');
  });

  describe('names each target in words beside its code (issue 15)', () => {
    // R1's perception statement in the bank example's questionnaire; `--min-item R1=0` makes R1 fail.
    const R1 = 'This bank delivers cards, loan decisions and documents by the date it promised.';
    const args = ['check', Q, R, '--min-item', 'R1=0'];

    it('in the terminal: the statement clipped, the dimension label whole', async () => {
      const run = await runChecked(args, tempDir());
      expect(run.code).toBe(1);
      const lines = run.stdout.split('\n');
      expect(lines).toContain('FAIL item:R1 (This bank delivers cards, loan…) is -1.64, below the threshold 0');
      expect(lines).toContain('PASS alpha:empathy (Empathy) is 0.81, at or above the threshold 0.60');
      expect(lines).toContain('PASS respondents is 399, at or above the threshold 30');
    });

    it('in Markdown and HTML: the whole statement', async () => {
      const md = await runChecked([...args, '--format', 'markdown'], tempDir());
      expect(md.stdout).toContain(`| ❌ | item:R1 (${R1}) | -1.64 | 0.00 |`);
      expect(md.stdout).toContain('| ❌ | dimension:reliability (Reliability) | -1.76 | -1.50 |');
      const dir = tempDir();
      await runChecked([...args, '--format', 'html', '--output', 'check.html'], dir);
      const page = parseHtml(readFileSync(join(dir, 'check.html'), 'utf8'));
      const head = (target: string) => page.querySelector(`section#checks tr[data-target="${target}"] th`);
      expect(head('item:R1')?.querySelector('.statement')?.text).toBe(R1);
      expect(head('alpha:tangibles')?.querySelector('.statement')?.text).toBe('Tangibles');
      expect(head('overall')?.querySelector('.statement')).toBeNull();
    });

    it('in JUnit: a description property and the failure message, the test case name unchanged', async () => {
      const junit = join(tempDir(), 'servqual.xml');
      await runChecked([...args, '--junit', junit], tempDir());
      const text = readFileSync(junit, 'utf8');
      const xml = parseHtml(text, { voidTag: { closingSlash: true } });
      const item = xml.querySelectorAll('testcase').find((c) => c.getAttribute('name') === 'item:R1 >= 0');
      expect(item?.querySelector('property[name="description"]')?.getAttribute('value')).toBe(R1);
      expect(item?.querySelector('failure')?.getAttribute('message')).toBe(
        `item:R1 (${R1}) is -1.64, below the threshold 0`,
      );
      const overall = xml.querySelectorAll('testcase').find((c) => c.getAttribute('name') === 'overall >= -1.2');
      expect(overall?.querySelector('properties')).toBeNull();
    });

    it('in JUnit: a statement with markup stays well-formed XML', async () => {
      const dir = tempDir();
      const q = readFileSync(Q, 'utf8').replace(
        `perception: ${R1}`,
        `perception: "Staff <b>\\"promise\\"</b> & deliver 'on time'"`,
      );
      expect(q).toContain('<b>');
      writeFileSync(join(dir, 'q.yaml'), q);
      const junit = join(dir, 'servqual.xml');
      await runChecked(['check', join(dir, 'q.yaml'), R, '--min-item', 'R1=0', '--junit', junit], dir);
      const text = readFileSync(junit, 'utf8');
      expect(text).not.toContain('<b>');
      expect(text).toContain('value="Staff &lt;b&gt;&quot;promise&quot;&lt;/b&gt; &amp; deliver &apos;on time&apos;"');
      expect(wellFormed(text)).toBe(true);
      // The check itself tells the unescaped from the escaped.
      expect(wellFormed('<a t="x">&amp;</a>')).toBe(true);
      expect([wellFormed('<a>&</a>'), wellFormed('<a t="<b>"/>'), wellFormed('<a><b></a>')]).toEqual([
        false,
        false,
        false,
      ]);
      expect(text.match(/<testcase /g)?.length).toBe(9);
    });
  });

  it('prints no annotations and writes no summary outside GitHub Actions', async () => {
    const run = await runCli(['check', Q, R], { cwd: tempDir(), env: { GITHUB_ACTIONS: '' } });
    expect(run.stderr).not.toContain('::error');
  });
});
