import type { Register } from '../cli.js';
import { formatDiagnostic, EXIT, UserError } from '../errors.js';
import { checkQuestionnaireFile } from '../io/read-questionnaire.js';
import { allItems } from '../core/questionnaire/model.js';

export const registerValidate: Register = (program, ctx, setExit) => {
  program
    .command('validate')
    .description('validate questionnaire files; prints FILE:LINE:COL: message for every problem')
    .argument('<files...>', 'questionnaire YAML files')
    .addHelpText('after', '\nExample:\n  $ servqual validate questionnaire.yaml')
    .action(async (files: string[]) => {
      let failed = false;
      for (const file of files) {
        let check: Awaited<ReturnType<typeof checkQuestionnaireFile>>;
        try {
          check = await checkQuestionnaireFile(file);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          failed = true;
          for (const d of error.diagnostics) ctx.stderr.write(`${formatDiagnostic(d)}\n`);
          continue;
        }
        if (check.questionnaire) {
          const q = check.questionnaire;
          ctx.stdout.write(
            `${file}: ok (${q.format}, ${q.dimensions.length} dimensions, ${allItems(q).length} items)\n`,
          );
        } else {
          failed = true;
          for (const d of check.diagnostics) ctx.stderr.write(`${formatDiagnostic(d)}\n`);
        }
      }
      setExit(failed ? EXIT.badInput : EXIT.ok);
    });
};
