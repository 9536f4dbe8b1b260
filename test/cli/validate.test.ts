import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, fixturesDir, repoRoot, useTempDir } from '../helpers/run-cli.js';
import { type InProcessRun as CliRun, runChecked } from '../helpers/run-in-process.js';

const tempDir = useTempDir();

const run = (args: string[]): Promise<CliRun> => runChecked(args, tempDir());

/**
 * Line and column (both 1-based) of the `nth` occurrence of `needle` in `text`, moved `offset`
 * characters to the right (e.g. past `id: ` to the value).
 */
function positionIn(text: string, needle: string, options: { nth?: number; offset?: number } = {}): string {
  let at = -1;
  for (let n = 0; n < (options.nth ?? 1); n++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fixture does not contain ${needle}`);
  }
  at += options.offset ?? 0;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

/** Copies an invalid questionnaire into the temp tempDir(), validates it and returns the run and its text. */
async function validateFixture(name: string): Promise<{ result: CliRun; text: string; file: string }> {
  const file = copyFixture(join('questionnaires', 'invalid', name), tempDir());
  const text = readFileSync(join(tempDir(), file), 'utf8');
  return { result: await run(['validate', file]), text, file };
}

/** The diagnostic lines (`file:line:col: message`) of stderr, without hint lines. */
function diagnostics(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^\S+:\d+:\d+: /.test(line));
}

describe('servqual validate: valid questionnaires', () => {
  it.each(['minimal-two-column.yaml', 'minimal-three-column.yaml', 'minimal-perceptions-only.yaml'])(
    'accepts %s',
    async (name) => {
      const file = copyFixture(join('questionnaires', name), tempDir());
      const result = await run(['validate', file]);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(new RegExp(`^${file}: ok`));
      expect(result.code).toBe(0);
    },
  );

  it('accepts model: custom with dimensions other than the five SERVQUAL ones', async () => {
    const file = copyFixture('questionnaires/custom-model.yaml', tempDir());
    const result = await run(['validate', file]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('2 dimensions');
    expect(result.code).toBe(0);
  });

  it('accepts every bundled template', async () => {
    const templates = readdirSync(join(repoRoot, 'templates'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(repoRoot, 'templates', f));
    expect(templates.length).toBeGreaterThanOrEqual(4);
    const result = await run(['validate', ...templates]);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toHaveLength(templates.length);
    expect(result.code).toBe(0);
  });

  it('accepts a three-column item with one expectation used for both minimum and desired', async () => {
    const text = readFileSync(join(fixturesDir, 'questionnaires', 'minimal-three-column.yaml'), 'utf8');
    expect(text).toContain('expectation: The attention I expect.');
    const result = await run(['validate', copyFixture('questionnaires/minimal-three-column.yaml', tempDir())]);
    expect(result.code).toBe(0);
  });
});

describe('servqual validate: one test per rule', () => {
  it('reports an unknown top-level key at the key', async () => {
    const { result, text, file } = await validateFixture('unknown-key-top.yaml');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(diagnostics(result.stderr)).toEqual([`${file}:${positionIn(text, 'owner:')}: unknown key "owner"`]);
  });

  it('reports an unknown nested key with a "did you mean" hint', async () => {
    const { result, text, file } = await validateFixture('unknown-key-nested.yaml');
    expect(result.code).toBe(2);
    expect(diagnostics(result.stderr)).toEqual([`${file}:${positionIn(text, 'lables:')}: unknown key "lables"`]);
    expect(result.stderr).toContain('did you mean "labels"?');
  });

  it('reports a wrong type (max: seven) at the value', async () => {
    const { result, text, file } = await validateFixture('wrong-type.yaml');
    expect(result.code).toBe(2);
    const [line] = diagnostics(result.stderr);
    expect(line).toMatch(new RegExp(`^${file}:${positionIn(text, 'seven')}: .*"max".*number.*"seven"`));
  });

  it('reports an item without a perception statement at the item', async () => {
    const { result, text, file } = await validateFixture('missing-perception.yaml');
    expect(result.code).toBe(2);
    const lines = diagnostics(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${file}:${positionIn(text, 'id: R1')}: .*"perception"`));
  });

  it('reports a two-column item without an expectation statement', async () => {
    const { result, text, file } = await validateFixture('missing-expectation.yaml');
    expect(result.code).toBe(2);
    expect(diagnostics(result.stderr)).toEqual([
      `${file}:${positionIn(text, 'id: A1')}: item "A1" needs an "expectation" statement in a two-column questionnaire`,
    ]);
  });

  it('reports three-column items without minimum or desired, and accepts one expectation for both', async () => {
    const { result, text, file } = await validateFixture('missing-minimum-desired.yaml');
    expect(result.code).toBe(2);
    const lines = diagnostics(result.stderr);
    expect(lines).toEqual([
      `${file}:${positionIn(text, 'id: R1')}: item "R1" needs a "minimum" statement in a three-column questionnaire`,
      `${file}:${positionIn(text, 'id: RS1')}: item "RS1" needs a "desired" statement in a three-column questionnaire`,
      `${file}:${positionIn(text, 'id: E1')}: item "E1" needs a "minimum" statement in a three-column questionnaire`,
      `${file}:${positionIn(text, 'id: E1')}: item "E1" needs a "desired" statement in a three-column questionnaire`,
    ]);
    // A1 gives one expectation statement: used for both, so no problem is reported for it.
    expect(result.stderr).not.toContain('"A1"');
    expect(result.stderr).toContain('hint: or give one "expectation" statement');
  });

  it('reports a duplicate item id at the second id', async () => {
    const { result, text, file } = await validateFixture('duplicate-item-id.yaml');
    expect(result.code).toBe(2);
    expect(diagnostics(result.stderr)).toEqual([
      `${file}:${positionIn(text, 'id: R1', { nth: 2, offset: 4 })}: duplicate item id "R1"`,
    ]);
  });

  it('reports fixed weights that do not sum to 100', async () => {
    const { result, text, file } = await validateFixture('weights-sum.yaml');
    expect(result.code).toBe(2);
    expect(diagnostics(result.stderr)).toEqual([
      `${file}:${positionIn(text, 'fixed:')}: fixed weights must sum to 100, found 90`,
    ]);
  });

  it('reports a negative fixed weight at its value', async () => {
    const { result, text, file } = await validateFixture('negative-weight.yaml');
    expect(result.code).toBe(2);
    const lines = diagnostics(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${file}:${positionIn(text, '-10')}: .*"assurance".*negative`));
  });

  it('reports a scale whose min is not below its max', async () => {
    const { result, text, file } = await validateFixture('scale-order.yaml');
    expect(result.code).toBe(2);
    expect(diagnostics(result.stderr)).toEqual([
      `${file}:${positionIn(text, 'min: 5', { offset: 5 })}: scale min (5) must be less than max (5)`,
    ]);
  });

  it('reports a missing SERVQUAL dimension at the dimensions key', async () => {
    const { result, text, file } = await validateFixture('missing-dimension.yaml');
    expect(result.code).toBe(2);
    const lines = diagnostics(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${file}:${positionIn(text, 'dimensions:')}: missing dimension "empathy"`));
    expect(result.stderr).toContain('model: custom');
  });

  it('reports a misspelled dimension with a "did you mean" hint', async () => {
    const { result, text, file } = await validateFixture('misspelled-dimension.yaml');
    expect(result.code).toBe(2);
    const lines = diagnostics(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${file}:${positionIn(text, 'empathyy')}: .*"empathyy"`));
    expect(result.stderr).toContain('did you mean "empathy"?');
  });

  it('rejects an NPS KPI on a 1-5 scale', async () => {
    const { result, text, file } = await validateFixture('nps-scale.yaml');
    expect(result.code).toBe(2);
    const lines = diagnostics(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${file}:${positionIn(text, '{ min: 1, max: 5 }', { nth: 2 })}: NPS .*0-10`));
  });

  it('positions a YAML syntax error', async () => {
    const { result, text, file } = await validateFixture('yaml-syntax.yaml');
    expect(result.code).toBe(2);
    const lines = diagnostics(result.stderr);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatch(new RegExp(`^${file}:${positionIn(text, ']')}: `));
  });

  it('positions an unclosed quote on the line where the quote opens, not past the end of the file', async () => {
    const { result, text, file } = await validateFixture('unclosed-quote.yaml');
    expect(result.code).toBe(2);
    const lines = diagnostics(result.stderr);
    expect(lines).toHaveLength(1);
    // The file has 8 lines; the quote opens on line 2, column 8.
    expect(lines[0]).toMatch(new RegExp(`^${file}:${positionIn(text, '"A title')}: .*quote`));
  });

  it('reports several problems at once, one line each, in file order', async () => {
    const { result, text, file } = await validateFixture('several-problems.yaml');
    expect(result.code).toBe(2);
    const lines = diagnostics(result.stderr);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`${file}:${positionIn(text, 'colour:')}: unknown key "colour"`);
    expect(lines[1]).toBe(
      `${file}:${positionIn(text, 'min: 7', { offset: 5 })}: scale min (7) must be less than max (1)`,
    );
    // R1 is a flow mapping: the problem points at its opening brace.
    expect(lines[2]).toMatch(new RegExp(`^${file}:${positionIn(text, '{ id: R1')}: item "R1" needs an "expectation"`));
  });

  it('validates several files, reporting each, and fails when any fails', async () => {
    const good = copyFixture('questionnaires/minimal-two-column.yaml', tempDir());
    const bad = copyFixture('questionnaires/invalid/unknown-key-top.yaml', tempDir());
    const result = await run(['validate', good, bad]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`${good}: ok`);
    expect(result.stderr).toContain(`${bad}:`);
  });

  it('names a missing file, exit 2, without a stack trace', async () => {
    const result = await run(['validate', 'no-such-questionnaire.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^no-such-questionnaire\.yaml: .*no such file/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('never prints a stack frame, whatever the input', async () => {
    const invalid = readdirSync(join(fixturesDir, 'questionnaires', 'invalid'));
    for (const name of invalid) copyFixture(join('questionnaires', 'invalid', name), tempDir());
    const result = await run(['validate', ...invalid, 'missing.yaml', '.']);
    expect(result.code).toBe(2);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m);
  });
});

describe('servqual validate: key drivers (issue 16)', () => {
  const fixture = readFileSync(join(fixturesDir, 'validity', 'two-column.yaml'), 'utf8');
  const write = (outcome: string): string => {
    const file = 'drivers.yaml';
    writeFileSync(join(tempDir(), file), fixture.replace('outcome: nps', `outcome: ${outcome}`));
    return file;
  };

  it.each(['nps', 'csat', 'T1'])('accepts an outcome naming a KPI or an item: %s', async (outcome) => {
    const result = await runChecked(['validate', write(outcome)], tempDir());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('refuses an outcome that names neither, at its line and column, with a suggestion', async () => {
    const file = write('npss');
    const text = readFileSync(join(tempDir(), file), 'utf8');
    const result = await runChecked(['validate', file], tempDir());
    expect(result.code).toBe(2);
    expect(diagnostics(result.stderr)).toEqual([
      `${file}:${positionIn(text, 'npss')}: drivers.outcome names no KPI or item: "npss"`,
    ]);
    expect(result.stderr).toMatch(/hint: .*"nps"/);
  });
});
