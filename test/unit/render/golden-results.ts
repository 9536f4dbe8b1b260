/**
 * The results the golden-output tests render: scored in process from the repository's fixtures
 * (examples/bank-branch, test/fixtures) and from seeded rows, so that together they cover both
 * questionnaire families (gap: two- and three-column; perceptions only), English and Russian,
 * segments or none, weights, KPIs, warnings, passing and failing checks, recommendations or none,
 * and a comparison of two waves.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateChecks, mergeThresholds } from '../../../src/core/check/thresholds.js';
import { compareResults, type Comparison } from '../../../src/core/compare/compare.js';
import type { Language, Questionnaire, Thresholds } from '../../../src/core/questionnaire/model.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { loadQuestionnaire } from '../../../src/io/read-questionnaire.js';
import { scoreFiles } from '../../../src/io/score-files.js';
import { buildQuestionnaire, buildResult, type Build } from './html-fixtures.js';

const ROOT = join(import.meta.dirname, '../../..');
const BANK = join(ROOT, 'examples/bank-branch');
const FIXTURES = join(ROOT, 'test/fixtures');

/** Extra thresholds so that every result with checks has both a passing and a failing one. */
const NO_FLAGS = { dimensions: {}, items: {}, kpis: {} };

function withChecks(q: Questionnaire, result: Result, flags: Partial<Thresholds>): Result {
  return { ...result, checks: evaluateChecks(q, result, mergeThresholds(q.thresholds, { ...NO_FLAGS, ...flags })) };
}

async function scored(questionnaireFile: string, responses: string[], groupBy: string[] = []) {
  const q = await loadQuestionnaire(questionnaireFile);
  const result = await scoreFiles(q, responses, { groupBy, skipInvalid: true });
  return { q, result };
}

/** The bank example's rows split in two waves (first and second half), written to a temporary folder. */
function bankWaves(): [string, string] {
  const [header, ...rows] = readFileSync(join(BANK, 'responses.csv'), 'utf8').trimEnd().split('\n');
  const dir = mkdtempSync(join(tmpdir(), 'servqual-golden-'));
  const half = Math.floor(rows.length / 2);
  const files: [string, string] = [join(dir, 'wave-1.csv'), join(dir, 'wave-2.csv')];
  writeFileSync(files[0], `${[header, ...rows.slice(0, half)].join('\n')}\n`);
  writeFileSync(files[1], `${[header, ...rows.slice(half)].join('\n')}\n`);
  return files;
}

function seeded(b: Build, flags?: Partial<Thresholds>): Result {
  const result = buildResult(b);
  return flags ? withChecks(buildQuestionnaire(b), result, flags) : result;
}

export interface GoldenResults {
  results: Record<string, Result>;
  /** Each comparison with its report language (the current result's, as `compare` takes it). */
  comparisons: Record<string, { comparison: Comparison; language: Language }>;
}

export async function goldenResults(): Promise<GoldenResults> {
  const bankQ = join(BANK, 'questionnaire.yaml');
  const bank = await scored(bankQ, [join(BANK, 'responses.csv')], ['branch']);
  const bankPlain = await scored(bankQ, [join(BANK, 'responses.csv')]);
  const three = await scored(join(FIXTURES, 'questionnaires/minimal-three-column.yaml'), [
    join(FIXTURES, 'responses/three-column.csv'),
  ]);
  const perceptions = await scored(join(FIXTURES, 'questionnaires/minimal-perceptions-only.yaml'), [
    join(FIXTURES, 'responses/perceptions-only.csv'),
  ]);
  const invalid = await scored(
    join(FIXTURES, 'questionnaires/minimal-two-column.yaml'),
    [join(FIXTURES, 'responses/invalid-cells.csv')],
    ['branch'],
  );
  const [wave1, wave2] = bankWaves();
  const bank1 = await scored(bankQ, [wave1]);
  const bank2 = await scored(bankQ, [wave2]);
  const ru = { language: 'ru' as const, branches: ['Север', 'Юг', ''] };
  const ruBaseline = buildResult({ format: 'two-column', language: 'ru', seed: 3 });
  const ruCurrent = buildResult({ format: 'two-column', language: 'ru', seed: 4, n: 90 });
  return {
    results: {
      'bank-segments-checks': withChecks(bank.q, bank.result, { kpis: { nps: 90, csat: 10 } }),
      'bank-plain': bankPlain.result,
      'bank-no-recommendations': { ...bankPlain.result, recommendations: [] },
      'three-column': withChecks(three.q, three.result, { overall: 0, minAlpha: -1 }),
      'perceptions-only': perceptions.result,
      'invalid-cells-warnings': invalid.result,
      'ru-two-column-segments-checks': seeded(
        { format: 'two-column', ...ru },
        { overall: -10, dimensions: { tangibles: 10 }, kpis: { ces: 1 } },
      ),
      'ru-three-column': seeded({ format: 'three-column', language: 'ru' }),
      'ru-perceptions-only-segments': seeded({ format: 'perceptions-only', ...ru }, { overall: 4, items: { T1: 1 } }),
      'en-perceptions-only-segments': seeded({ format: 'perceptions-only', branches: ['North', 'South'] }),
    },
    comparisons: {
      'bank-waves': { comparison: compareResults(bank1.result, bank2.result, { alpha: 0.05 }), language: 'en' },
      'bank-waves-tolerance': {
        comparison: compareResults(bank1.result, bank2.result, { alpha: 0.01, tolerance: 0.05 }),
        language: 'en',
      },
      'ru-waves': { comparison: compareResults(ruBaseline, ruCurrent, { alpha: 0.05 }), language: 'ru' },
    },
  };
}
