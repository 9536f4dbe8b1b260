/**
 * The published types (dist/index.d.ts and everything it reaches) compile in a consumer project that
 * has neither @types/node nor the DOM lib (issue 15): a browser or Deno user must not need Node's
 * types to import the renderers. The consumer lives in os.tmpdir(), outside the repo, so no
 * node_modules/@types above it can be picked up; `skipLibCheck: false` makes tsc check the d.ts.
 * Needs dist/ (the `pretest` script builds it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';

// Every public export the README and docs show, and each renderer, used as a consumer would.
const consumerSource = `
import {
  loadQuestionnaire, checkQuestionnaireText, checkQuestionnaireFile, score, scoreFiles, scoreTable,
  scoreObjects, startScoring, beginTable, addRecord, finishScoring, validateQuestionnaire,
  questionnaireJsonSchema, SERVQUAL_DIMENSIONS, allItems,
  renderTable, renderMarkdown, renderHtml, renderCsv, renderJson, renderJunit, renderXlsx,
  renderComparison, summarise, pairedTest, holmAdjust, reliability, UserError, formatDiagnostic,
  type Questionnaire, type Result, type ScoreOptions, type Diagnostic, type Moments, type Distribution,
  type ScoreFilesOptions, type QuestionnaireValidation,
  compareResults, trendOf, planOf, evaluateChecks, regressionChecks, renderTrend, renderPlan,
  type Comparison, type Trend, type Plan, type TableReading, type ScoredRow,
} from 'servqual';

export async function main(file: string): Promise<string> {
  const q: Questionnaire = await loadQuestionnaire(file);
  const options: ScoreOptions = {};
  const result: Result = score(q, [{ respondent: 'r1', T1_E: 7, T1_P: 5 }], options);
  const readOptions: ScoreFilesOptions = { encoding: 'auto', progress: { update: (p) => void p.rows, stop: () => {} } };
  const fromFiles: Result = await scoreFiles(q, ['responses.csv'], readOptions);
  const checked: QuestionnaireValidation = validateQuestionnaire(JSON.parse('{}'));
  const book: Uint8Array = await renderXlsx(fromFiles);
  const diagnostics: Diagnostic[] = checkQuestionnaireText('', file).diagnostics;
  const m: Moments | undefined = undefined;
  const d: Distribution | undefined = undefined;
  const waves: Comparison = compareResults(result, fromFiles, { alpha: 0.05 });
  const trend: Trend = trendOf([{ label: 'a', result }, { label: 'b', result: fromFiles }], { alpha: 0.05 });
  const plan: Plan = planOf(result, { kind: 'margin', target: 0.1, kpiTargets: {}, power: null, alpha: null });
  const table: TableReading | undefined = undefined;
  const row: ScoredRow | undefined = undefined;
  void [waves, table, row, evaluateChecks, regressionChecks, renderTrend(trend, 'json', { color: false, ascii: true, language: 'en' }), renderPlan(plan, 'json', { color: false })];
  void [m, d, book, diagnostics, checked.problems, checkQuestionnaireFile, scoreTable, scoreObjects, startScoring, beginTable,
    addRecord, finishScoring, validateQuestionnaire,
    questionnaireJsonSchema, SERVQUAL_DIMENSIONS, allItems(q), renderComparison, summarise, pairedTest,
    holmAdjust, reliability, formatDiagnostic, new UserError([])];
  return [renderTable(result, { color: false }), renderMarkdown(result), renderHtml(result), renderCsv(result),
    renderJson(result), renderJunit(result)].join('\\n');
}
`;

const tsconfig = {
  compilerOptions: {
    strict: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    lib: ['es2022'],
    types: [],
    skipLibCheck: false,
    noEmit: true,
  },
  files: ['index.ts'],
};

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the library types', () => {
  it('compile without @types/node and without the DOM lib', () => {
    expect(existsSync(join(repoRoot, 'dist', 'index.d.ts'))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'servqual-types-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(repoRoot, join(dir, 'node_modules', 'servqual'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    writeFileSync(join(dir, 'index.ts'), consumerSource);
    const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], {
      cwd: dir,
      encoding: 'utf8',
    });
    // tsc prints its diagnostics on stdout; show them when it fails.
    expect({ status: tsc.status, output: `${tsc.stdout}${tsc.stderr}` }).toEqual({ status: 0, output: '' });
  }, 60_000);
});
