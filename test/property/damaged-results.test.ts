/**
 * Saved results given to `report` and `compare`, damaged as a disk, an editor or an attacker would:
 * wrong types at random paths, missing keys, 1e999, huge lists, cut-off text, hostile strings.
 * Every run ends in exit 0 with clean output or exit 2 with positioned one-line messages; never 3.
 * Seeded (SEED below, or SERVQUAL_FUZZ_SEED), so a failure reproduces; `npm run fuzz` (FUZZ_RUNS)
 * runs a fifth as many cases as its property runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../helpers/random.js';
import { runInProcess } from '../helpers/run-in-process.js';

const SEED = Number(process.env.SERVQUAL_FUZZ_SEED ?? 12);
const CASES = Number(
  process.env.SERVQUAL_FUZZ_CASES ?? (process.env.FUZZ_RUNS ? Math.ceil(Number(process.env.FUZZ_RUNS) / 5) : 120),
);
const example = new URL('../../examples/bank-branch/', import.meta.url).pathname;

const servqual = (args: string[]) => runInProcess(args);

let dir = '';
let segmented = '';
let checked = '';
let texts: string[] = [];
let partialText = '';
const questionnaire = join(example, 'questionnaire.yaml');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'servqual-damaged-'));
  segmented = join(dir, 'segmented.json');
  checked = join(dir, 'checked.json');
  const q = join(example, 'questionnaire.yaml');
  const r = join(example, 'responses.csv');
  expect(
    (await servqual(['score', q, r, '--format', 'json', '--group-by', 'branch', '--quiet', '-o', segmented])).code,
  ).toBe(0);
  // Exit 1: the example's own thresholds fail; the result is written either way.
  expect(
    (await servqual(['check', q, r, '--format', 'json', '--min-overall', '-5', '--quiet', '-o', checked])).code,
  ).toBeLessThan(2);
  texts = [readFileSync(segmented, 'utf8'), readFileSync(checked, 'utf8')];
  const partial = join(dir, 'partial.json');
  expect((await servqual(['score', q, r, '--group-by', 'branch', '--partial', '--quiet', '-o', partial])).code).toBe(0);
  partialText = readFileSync(partial, 'utf8');
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

function paths(value: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value))
    value.forEach((v, i) => {
      paths(v, [...at, i], out);
    });
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function parentOf(root: Json, path: Path): { parent: any; key: string | number } | null {
  if (path.length === 0) return null;
  let node: any = root;
  for (const part of path.slice(0, -1)) node = node[part];
  return node !== null && typeof node === 'object'
    ? { parent: node, key: path[path.length - 1] as string | number }
    : null;
}

const INF = '__INFINITY__';
const REPLACEMENTS: (() => Json)[] = [
  () => null,
  () => 'seven',
  () => [],
  () => ({}),
  () => true,
  () => -1,
  () => 1.7e308,
  () => INF,
  () => new Array(10_050).fill(0),
  () => '\u001b[2J\n::error::x <script>@team =1+1',
  () => ({ constructor: 1, __proto__: 2, valueOf: 'x' }),
];

/** One damaged file: a seeded mix of structural and textual damage. */
function damage(text: string, rnd: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const kind = rnd();
  if (kind < 0.1) return text.slice(0, Math.floor(rnd() * text.length));
  const root = JSON.parse(text) as Json;
  const edits = 1 + Math.floor(rnd() * 3);
  for (let e = 0; e < edits; e++) {
    // Paths afresh after each edit: the last one may have replaced a whole subtree.
    const target = parentOf(root, pick(paths(root)));
    if (!target) continue;
    if (rnd() < 0.25 && !Array.isArray(target.parent)) delete target.parent[target.key];
    else target.parent[target.key] = pick(REPLACEMENTS)();
  }
  return JSON.stringify(root, null, 2).replaceAll(`"${INF}"`, '1e999');
}

const LOCATED = /^[^\s:][^:]*\.json:\d+:\d+: \S/;

function expectCleanRun(runResult: { code: number; stdout: string; stderr: string }, label: string): void {
  const { code, stdout, stderr } = runResult;
  expect([0, 1, 2], `${label}: exit ${code}\n${stderr}`).toContain(code);
  expect(stderr, label).not.toMatch(/internal error|\n\s+at |TypeError|RangeError/);
  expect(stdout + stderr, label).not.toMatch(/NaN|undefined|\[object Object\]/);
  expect(stdout + stderr, label).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  for (const line of (stdout + stderr).split('\n'))
    expect(line.trimStart().startsWith('::'), `${label}: ${line}`).toBe(false);
  if (code === 2) {
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0], `${label}: ${stderr}`).toMatch(LOCATED);
    for (const line of lines)
      expect(line, label).toMatch(new RegExp(`${LOCATED.source}|^  hint: |^\\.\\.\\. and \\d+ more problems`));
  }
}

describe(`damaged saved results (seed ${SEED}, ${CASES} cases)`, () => {
  it('report, in every format: exit 0 with clean output or exit 2 with positioned messages, never 3', async () => {
    const rnd = mulberry32(SEED);
    const formats = ['table', 'json', 'markdown', 'html', 'csv'];
    let refused = 0;
    for (let i = 0; i < CASES; i++) {
      const file = join(dir, `damaged-${i}.json`);
      writeFileSync(file, damage(texts[i % 2] as string, rnd));
      const format = formats[i % formats.length] as string;
      const result = await servqual(['report', file, '--format', format]);
      expectCleanRun(result, `case ${i} (${format})`);
      if (result.code === 2) refused++;
    }
    // The corpus mostly breaks files: most must be refused, so the test is not vacuous.
    expect(refused).toBeGreaterThan(CASES * 0.6);
  }, 300_000);

  it('compare: both damaged files reported at once, never exit 3', async () => {
    const rnd = mulberry32(SEED + 1);
    for (let i = 0; i < Math.ceil(CASES / 4); i++) {
      const a = join(dir, `a-${i}.json`);
      const b = join(dir, `b-${i}.json`);
      writeFileSync(a, damage(texts[0] as string, rnd));
      writeFileSync(b, damage(texts[1] as string, rnd));
      expectCleanRun(await servqual(['compare', a, b, '--format', i % 2 ? 'markdown' : 'table']), `compare case ${i}`);
    }
  }, 300_000);

  it('merge: damaged partials end in exit 0 or a positioned exit 2, never 3', async () => {
    const rnd = mulberry32(SEED + 2);
    const intact = join(dir, 'intact-partial.json');
    writeFileSync(intact, partialText);
    let refused = 0;
    for (let i = 0; i < Math.ceil(CASES / 2); i++) {
      const file = join(dir, `partial-${i}.json`);
      writeFileSync(file, damage(partialText, rnd));
      const result = await servqual(['merge', questionnaire, intact, file, '--format', i % 2 ? 'markdown' : 'json']);
      expectCleanRun(result, `merge case ${i}`);
      if (result.code === 2) refused++;
    }
    expect(refused).toBeGreaterThan(CASES * 0.3);
  }, 300_000);

  it('merge: a partial with 200,000 bad entries lists 20 and counts the rest exactly', async () => {
    const root = JSON.parse(partialText);
    root.ids.exact = new Array(200_000).fill(1);
    const file = join(dir, 'many-bad.json');
    writeFileSync(file, JSON.stringify(root));
    const { code, stderr } = await servqual(['merge', questionnaire, file]);
    expect(code).toBe(2);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toMatch(/many-bad\.json:1:\d+: ids\.exact\[0\]: expected a string, found 1$/);
    expect(lines[20]).toBe('... and 199980 more problems (200000 in all)');
  });

  it('a saved result with hostile text re-renders clean in every format, CSV formulas neutralised', async () => {
    const root = JSON.parse(texts[0] as string);
    root.questionnaire.title = 'Audit\n::error::title';
    root.dimensions[0].label = '\u001b[2J<script>x</script> @team |';
    const formula = "=cmd|' /C calc'!A0";
    const first = root.items[0].id;
    const renameItem = (x: { id: string }) => (x.id === first ? Object.assign(x, { id: formula }) : x);
    for (const list of [root.items, ...root.segments.map((seg: { items: unknown[] }) => seg.items)])
      list.forEach(renameItem);
    for (const rec of root.recommendations) if (rec.item === first) rec.item = formula;
    root.segments[0].value = '+SUM(1)\r\n::add-mask::x';
    root.warnings.push({ code: 'x', message: 'w\n::warning::y \u202e' });
    const file = join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(root));
    for (const format of ['table', 'markdown', 'html', 'csv', 'json']) {
      const rendered = await servqual(['report', file, '--format', format]);
      expect(rendered.code, rendered.stderr).toBe(0);
      expectCleanRun(rendered, format);
    }
    const csv = (await servqual(['report', file, '--format', 'csv'])).stdout;
    expect(csv).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(csv).toContain("'+SUM(1)\\x0d\\x0a");
    expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
    // The workbook stores the formula-like id as a text cell (no apostrophe: the cell is typed text).
    const workbookFile = join(dir, 'hostile.xlsx');
    const written = await servqual(['report', file, '--format', 'xlsx', '--output', workbookFile]);
    expect(written.code, written.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(workbookFile);
    const idCell = workbook.getWorksheet('Items')?.getCell('A2');
    expect(idCell?.type).toBe(ExcelJS.ValueType.String);
    expect(idCell?.value).toBe(formula);
    for (const format of ['table', 'markdown'])
      expectCleanRun(await servqual(['compare', file, file, '--format', format]), `compare ${format}`);
  });

  it('score: a hostile segment value reaches the table, the warnings on stderr and GitHub annotations escaped', async () => {
    const lines = readFileSync(join(example, 'responses.csv'), 'utf8').trimEnd().split('\n');
    // Three respondents in a segment named with a terminal escape, a line break and workflow commands.
    const hostile = '"\u001b[2J\n::error::seg ##[add-mask]x @team"';
    const edited = lines.map((line, i) =>
      i >= 1 && i <= 3 ? line.replace(/^([^,]*),([^,]*),/, `$1,${hostile},`) : line,
    );
    const csv = join(dir, 'hostile-segment.csv');
    writeFileSync(csv, `${edited.join('\n')}\n`);
    for (const format of ['table', 'markdown', 'csv', 'html', 'json']) {
      const run1 = await servqual(['score', questionnaire, csv, '--group-by', 'branch', '--format', format, '--quiet']);
      expect(run1.code, run1.stderr).toBe(0);
      expect(run1.stderr).toContain(
        'warning: 1 of 6 segments have n < 30; smallest n = 3 (branch=\\x1b[2J\\x0a::error::seg #\\x23[add-mask]x @team)',
      );
      expectCleanRun(run1, format);
    }
  });

  it('names the exact place: line and column of the value, its JSONPath, what was expected', async () => {
    const file = join(dir, 'one-wrong.json');
    const root = JSON.parse(texts[0] as string);
    root.dimensions[2].gap = 'wide';
    const text = JSON.stringify(root, null, 2);
    writeFileSync(file, text);
    const { code, stderr } = await servqual(['report', file]);
    expect(code).toBe(2);
    const before = text.slice(0, text.indexOf('"wide"')).split('\n');
    expect(stderr).toBe(
      `${file}:${before.length}:${(before.at(-1) as string).length + 1}: $.dimensions[2].gap: expected an object, found a string\n`,
    );
  });

  it('refuses 1e999 at its position, and a partial result with a hint to merge it', async () => {
    const file = join(dir, 'infinite.json');
    writeFileSync(file, (texts[0] as string).replace(/"skippedCells": \d+/, '"skippedCells": 1e999'));
    const { code, stderr } = await servqual(['report', file, '--format', 'html']);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /infinite\.json:\d+:\d+: \$\.respondents\.skippedCells: expected a number, found a number beyond the range of a double\n/,
    );
    const partial = join(dir, 'partial.json');
    writeFileSync(partial, JSON.stringify({ kind: 'servqual-partial', version: 2 }));
    const refused = await servqual(['report', partial]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/give it to `servqual merge`/);
  });

  it('accepts a result whose ids are JavaScript object keys, and compares it without inventing or losing rows', async () => {
    const root = JSON.parse(texts[0] as string);
    const names = ['constructor', 'valueOf', 'toString', '__proto__', 'hasOwnProperty'];
    const rename = new Map<string, string>(root.dimensions.map((d: { id: string }, i: number) => [d.id, names[i]]));
    const fix = (d: { id: string }) => Object.assign(d, { id: rename.get(d.id) ?? d.id });
    root.dimensions.forEach(fix);
    for (const s of root.segments) s.dimensions.forEach(fix);
    for (const list of [root.items, ...root.segments.map((s: { items: unknown[] }) => s.items), root.recommendations]) {
      for (const entry of list) entry.dimension = rename.get(entry.dimension) ?? entry.dimension;
    }
    for (const d of root.segmentDifferences ?? [])
      if (d.dimension !== null) d.dimension = rename.get(d.dimension) ?? d.dimension;
    // Items, KPIs and segment values too.
    const itemNames = new Map<string, string>(
      root.items.slice(0, 5).map((x: { id: string }, i: number) => [x.id, names[i]]),
    );
    for (const list of [root.items, ...root.segments.map((s: { items: unknown[] }) => s.items)])
      for (const x of list) x.id = itemNames.get(x.id) ?? x.id;
    for (const rec of root.recommendations) rec.item = itemNames.get(rec.item) ?? rec.item;
    const kpiNames = new Map<string, string>(root.kpis.map((k: { id: string }, i: number) => [k.id, names[i]]));
    for (const list of [root.kpis, ...root.segments.map((s: { kpis: unknown[] }) => s.kpis)])
      for (const k of list) k.id = kpiNames.get(k.id) ?? k.id;
    root.segments.forEach((s: { value: string }, i: number) => {
      s.value = names[i % names.length] as string;
    });
    const file = join(dir, 'object-keys.json');
    writeFileSync(file, JSON.stringify(root));
    for (const format of ['table', 'markdown', 'html', 'csv', 'json']) {
      const rendered = await servqual(['report', file, '--format', format]);
      expectCleanRun(rendered, format);
      expect(rendered.code).toBe(0);
      for (const name of names)
        expect(rendered.stdout, `${format} shows ${name}`).toContain(
          format === 'markdown' ? name.replaceAll('_', '\\_') : name,
        );
    }
    const back = JSON.parse((await servqual(['report', file, '--format', 'json'])).stdout);
    expect(back).toEqual(root);
    const compared = await servqual(['compare', file, file, '--format', 'json']);
    expect(compared.code).toBe(0);
    const rows = JSON.parse(compared.stdout).rows as { target: string; status: string }[];
    expect(rows.filter((r) => r.target.startsWith('dimension:')).map((r) => [r.target, r.status])).toEqual(
      names.map((n) => [`dimension:${n}`, 'both']),
    );
    expect(rows.filter((r) => r.target.startsWith('item:')).length).toBe(root.items.length);
    expect(rows.filter((r) => r.target.startsWith('kpi:')).map((r) => r.target)).toEqual(
      root.kpis.map((k: { id: string }) => `kpi:${k.id}`),
    );
    expect(rows.every((r) => r.status === 'both')).toBe(true);
  });
});
