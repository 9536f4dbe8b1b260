import { type Diagnostic, diagnosticOf, UserError } from '../errors.js';
import type { Questionnaire } from '../core/questionnaire/model.js';
import { validateQuestionnaire } from '../core/questionnaire/validate.js';
import { parseYamlWithPositions } from './yaml-positions.js';
import { MAX_QUESTIONNAIRE_BYTES, readTextFile } from './read-text.js';

export interface QuestionnaireCheck {
  file: string;
  questionnaire: Questionnaire | null;
  diagnostics: Diagnostic[];
}

/** Validates questionnaire text, every problem positioned as file, line and column. */
export function checkQuestionnaireText(text: string, file: string): QuestionnaireCheck {
  const yaml = parseYamlWithPositions(text, file);
  if (yaml.syntaxErrors.length > 0) return { file, questionnaire: null, diagnostics: yaml.syntaxErrors };
  const { questionnaire, problems } = validateQuestionnaire(yaml.value);
  const diagnostics = problems
    .map((p) => {
      const place = yaml.locate(p.path, p.at);
      return { place, diagnostic: diagnosticOf(p, file, place) };
    })
    .sort((a, b) => a.place.line - b.place.line || a.place.column - b.place.column)
    .map((d) => d.diagnostic);
  return { file, questionnaire, diagnostics };
}

/** Reads and validates a questionnaire file, collecting every problem. */
export async function checkQuestionnaireFile(file: string): Promise<QuestionnaireCheck> {
  return checkQuestionnaireText(await readTextFile(file, MAX_QUESTIONNAIRE_BYTES), file);
}

/**
 * Reads a questionnaire file and returns it, or throws a UserError listing every problem.
 * @example const q = await loadQuestionnaire('questionnaire.yaml');
 */
export async function loadQuestionnaire(file: string): Promise<Questionnaire> {
  const check = await checkQuestionnaireFile(file);
  if (!check.questionnaire) throw new UserError(check.diagnostics);
  return check.questionnaire;
}
