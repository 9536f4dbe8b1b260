import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { Result } from '../../src/core/scoring/result.js';
import { validateQuestionnaire } from '../../src/core/questionnaire/validate.js';
import { checkQuestionnaireText } from '../../src/io/read-questionnaire.js';
import { scoreFiles } from '../../src/io/score-files.js';
import { renderCsv } from '../../src/render/csv.js';
import { renderHtml } from '../../src/render/html.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderTable } from '../../src/render/table.js';

/**
 * Hostile and malformed input, generated and mutated: the tool always either scores or reports
 * positioned user errors; it never throws anything else, and no output holds NaN or Infinity.
 * `npm run fuzz` runs many more cases (FUZZ_RUNS).
 */
const runs = Number(process.env.FUZZ_RUNS ?? 60);
const settings = { numRuns: runs, seed: 20261125 };

const dims = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];
const validText = [
  'servqual: 1',
  'title: Fuzz',
  'format: two-column',
  'scale: { min: 1, max: 7 }',
  'weights: { source: respondents, fixed: { tangibles: 20, reliability: 20, responsiveness: 20, assurance: 20, empathy: 20 } }',
  'dimensions:',
  ...dims.flatMap((id, d) => [
    `  - id: ${id}`,
    '    items:',
    `      - { id: I${d}, expectation: "e", perception: "p" }`,
    `      - { id: J${d}, expectation: "e", perception: "p", reverse: true }`,
  ]),
  'kpis:',
  '  - { id: nps, type: nps, question: q }',
].join('\n');

/** A string edited at random places: characters inserted, deleted or replaced. */
const mutated = (base: string, alphabet: fc.Arbitrary<string>) =>
  fc
    .array(fc.tuple(fc.nat(base.length), fc.nat(4), alphabet), { maxLength: 6 })
    .map((edits) =>
      edits.reduce((text, [at, remove, insert]) => text.slice(0, at) + insert + text.slice(at + remove), base),
    );

const yamlNoise = fc.constantFrom(
  ':',
  '-',
  ' ',
  '\n',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '&a',
  '*a',
  '#',
  '\t',
  'x',
  '9',
  '-1',
  'null',
  '~',
  '|',
  '>',
  '!!str',
);

describe('hostile questionnaires', () => {
  it('never crash the validator, and every problem has a position', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(validText, yamlNoise), fc.string({ maxLength: 300 })), (text) => {
        const { questionnaire, diagnostics } = checkQuestionnaireText(text, 'q.yaml');
        if (questionnaire) return;
        expect(diagnostics.length).toBeGreaterThan(0);
        for (const d of diagnostics) {
          expect(d.file).toBe('q.yaml');
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.message).not.toMatch(/undefined|\[object Object\]/);
        }
      }),
      settings,
    );
  });
});

const questionnaire = (() => {
  const { value } = { value: checkQuestionnaireText(validText, 'q.yaml') };
  if (!value.questionnaire) throw new Error('the base questionnaire is invalid');
  return value.questionnaire;
})();
const header = [
  'respondent',
  'branch',
  ...dims.flatMap((_, d) => [`I${d}_E`, `I${d}_P`, `J${d}_E`, `J${d}_P`]),
  ...dims.map((d) => `W_${d}`),
  'nps',
  'comment',
];

const cell = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 7 }).map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '0',
      '8',
      '-3',
      '1e308',
      '-1e308',
      '3,5',
      '7.0',
      'six',
      'NaN',
      'Infinity',
      '"',
      '""',
      '=1+1',
      '\u0000',
      'é',
      '\uFEFF7',
    ),
  },
);
const row = fc.array(cell, { minLength: header.length - 3, maxLength: header.length + 2 });
const csvText = fc
  .tuple(
    fc.array(row, { minLength: 0, maxLength: 12 }),
    fc.constantFrom(',', ';', '\t'),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([rows, delimiter, eol, bom]) => {
    const quote = (text: string) => (/[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    const lines = [header, ...rows.map((r, i) => [`r${i}`, i % 2 ? 'North' : 'South', ...r])].map((fields) =>
      fields.map(quote).join(delimiter),
    );
    return `${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
  });
const csvNoise = fc.constantFrom('"', ',', ';', '\n', '\r', '\r\n', 'x', '7', '""', '\t', ' ');

/** Every number anywhere in the result is finite (null stands for "no value"). */
function finiteEverywhere(value: unknown, path = 'result'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), path).toBe(true);
  else if (Array.isArray(value))
    value.forEach((v, i) => {
      finiteEverywhere(v, `${path}[${i}]`);
    });
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) finiteEverywhere(v, `${path}.${k}`);
}

async function scoreText(text: string, skipInvalid: boolean): Promise<Result | UserError> {
  try {
    return await scoreFiles(questionnaire, ['-'], {
      stdin: Readable.from([Buffer.from(text)]),
      skipInvalid,
      groupBy: ['branch'],
    });
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
}

describe('hostile response files', () => {
  it('always score or fail with positioned user errors, and render finite numbers in every format', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          csvText,
          csvText.chain((text) => mutated(text, csvNoise)),
        ),
        fc.boolean(),
        async (text, skipInvalid) => {
          const outcome = await scoreText(text, skipInvalid);
          if (outcome instanceof UserError) {
            expect(outcome.exitCode).toBe(2);
            for (const d of outcome.diagnostics) {
              expect(d.file).toBe('<stdin>');
              if (d.code === 'invalid-cell' || d.code === 'csv-syntax') expect(d.line).toBeGreaterThanOrEqual(1);
            }
            return;
          }
          finiteEverywhere(outcome);
          // Text from the file (segment values, ids in warnings) may itself say "NaN"; numbers may not.
          const echoed = JSON.stringify([outcome.segments.map((seg) => seg.value), outcome.warnings]);
          if (/NaN|Infinity/.test(echoed)) return;
          for (const output of [
            renderJson(outcome),
            renderTable(outcome, { color: false }),
            renderMarkdown(outcome),
            renderHtml(outcome),
            renderCsv(outcome),
          ]) {
            expect(output).not.toMatch(/\bNaN\b|Infinity/);
          }
        },
      ),
      { ...settings, numRuns: Math.max(20, Math.floor(runs / 2)) },
    );
  });
});

describe('bounded resources', () => {
  it('ends a huge line without a newline with a clear error, not by running out of memory', async () => {
    // 40 MB in 1 MB chunks with no line break: more than the 16 MiB a record may hold.
    const chunk = Buffer.alloc(1024 * 1024, 0x78);
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < 40; i++) yield chunk;
      })(),
    );
    const error = await scoreFiles(questionnaire, ['-'], { stdin: stream }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/<stdin>:1: /);
  }, 30_000);

  it('reads a header of 10,000 columns (the answers among them)', async () => {
    const extra = Array.from({ length: 10_000 - header.length }, (_, i) => `x${i}`);
    const answers = header.map((column) =>
      column === 'respondent'
        ? 'r1'
        : column === 'branch'
          ? 'N'
          : column === 'comment'
            ? ''
            : column.startsWith('W_')
              ? '20'
              : column === 'nps'
                ? '9'
                : '5',
    );
    const text = `${[...header, ...extra].join(',')}\n${[...answers, ...extra.map(() => '1')].join(',')}\n`;
    const result = await scoreText(text, false);
    expect(result).not.toBeInstanceOf(UserError);
    expect((result as Result).respondents.scored).toBe(1);
  });

  it('refuses YAML alias bombs and deep nesting quickly', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    const deep = `a: ${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    for (const text of [bomb, deep]) {
      const started = Date.now();
      const { questionnaire: q, diagnostics } = checkQuestionnaireText(text, 'q.yaml');
      expect(q).toBeNull();
      expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(1);
      expect(Date.now() - started).toBeLessThan(3000);
    }
    expect(validateQuestionnaire(null).problems.length).toBeGreaterThan(0);
  });
});
