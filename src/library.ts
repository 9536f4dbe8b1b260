/**
 * The library's signatures for the functions whose internal types mention Node or zod (issue 15):
 * the published d.ts must compile with `types: []` and no DOM lib, so a consumer needs neither
 * @types/node nor zod's lib requirements (zod's d.ts use the global `URL`). Each wrapper declares
 * its types here and only calls the internal function in its body, so dist/library.d.ts imports
 * none of io/score-files.d.ts, io/progress.d.ts or core/questionnaire/schema.d.ts. The assignments
 * in the bodies keep these types in step with the internal ones: a drift fails the typecheck.
 */
import type { Questionnaire, SourcePlatform } from './core/questionnaire/model.js';
import type { QuestionnaireProblem } from './core/questionnaire/problem.js';
import { questionnaireJsonSchema as jsonSchemaOf } from './core/questionnaire/schema.js';
import { validateQuestionnaire as validate } from './core/questionnaire/validate.js';
import type { Result } from './core/scoring/result.js';
import type { ScoreOptions } from './core/scoring/scorer.js';
import { scoreFiles as scoreFilesImpl } from './io/score-files.js';

/** Options of `scoreFiles`: the CLI's reading options, less the stdin stream (`-` reads process.stdin). */
export interface ScoreFilesOptions extends ScoreOptions {
  /** The export's shape; default: the questionnaire's source.platform, else generic. */
  source?: SourcePlatform;
  /** A decoder label (see the README's encodings), or 'auto' (UTF-8, or UTF-16 found by its BOM). */
  encoding?: string;
  /** Which sheet of an XLSX workbook (a 1-based number or a name); the first by default. */
  sheet?: string;
  /** Told how far reading has got (bytes of totalBytes, 0 when unknown; rows), and when it is over. */
  progress?: { update(progress: { bytes: number; totalBytes: number; rows: number }): void; stop(): void };
  /** Worker threads for one large generic UTF-8 file; 1 (default) reads on this thread, 0 means one per core. */
  threads?: number;
  /** Told, in a sentence, why threads asked for were not used. */
  note?: (text: string) => void;
}

/**
 * Scores one or more response files (`-` is stdin) as one sample, streaming each; throws a
 * UserError listing bad cells.
 * @example const result = await scoreFiles(q, ['responses.csv'], { encoding: 'auto' });
 */
export function scoreFiles(
  questionnaire: Questionnaire,
  files: readonly string[],
  options: ScoreFilesOptions = {},
): Promise<Result> {
  return scoreFilesImpl(questionnaire, files, options);
}

/** What `validateQuestionnaire` found: the questionnaire only when there are no problems. */
export interface QuestionnaireValidation {
  questionnaire: Questionnaire | null;
  problems: QuestionnaireProblem[];
}

/**
 * Validates a parsed questionnaire document (structure and the contract's rules, all problems at
 * once) and fills in its defaults.
 */
export function validateQuestionnaire(raw: unknown): QuestionnaireValidation {
  return validate(raw);
}

/** The questionnaire format as a JSON Schema (draft 2020-12), as in schema/questionnaire.schema.json. */
export function questionnaireJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf();
}
