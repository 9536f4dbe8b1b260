import { dirname, relative, resolve } from 'node:path';
import { Option } from 'commander';
import type { Register } from '../cli.js';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readTextFile } from '../io/read-text.js';
import { listTemplates, schemaFile } from '../io/templates.js';
import { didYouMean } from '../core/text/did-you-mean.js';

const MODELINE = /^# yaml-language-server: \$schema=.*\n/;

export const registerInit: Register = (program, ctx) => {
  program
    .command('init')
    .description('write a questionnaire YAML from a bundled template')
    .argument('[file]', 'where to write the questionnaire', 'questionnaire.yaml')
    .requiredOption('-t, --template <name>', 'template name (see `servqual templates`)')
    .addOption(new Option('--lang <language>', 'language of the template').choices(['en', 'ru']).default('en'))
    .option('-f, --force', 'overwrite an existing file')
    .addHelpText('after', '\nExample:\n  $ servqual init audit.yaml --template servqual-generic --lang en')
    .action(async (file: string, options: { template: string; lang: string; force?: boolean }) => {
      const templates = await listTemplates();
      const named = templates.filter((t) => t.name === options.template);
      if (named.length === 0) {
        const names = [...new Set(templates.map((t) => t.name))];
        throw new UserError({
          code: 'unknown-template',
          message: `unknown template "${options.template}"`,
          hint: didYouMean(options.template, names) ?? `one of: ${names.join(', ')}`,
        });
      }
      const template = named.find((t) => t.language === options.lang);
      if (!template) {
        throw new UserError({
          code: 'unknown-template-language',
          message: `template "${options.template}" has no "${options.lang}" version`,
          hint: `available: ${named.map((t) => t.language).join(', ')}`,
        });
      }
      const schemaPath = relative(dirname(resolve(file)), schemaFile)
        .split('\\')
        .join('/');
      const body = (await readTextFile(template.file)).replace(MODELINE, '');
      const text = `# yaml-language-server: $schema=${schemaPath}\n${body}`;
      await writeFileAtomic(file, text, { overwrite: options.force === true });
      ctx.stdout.write(
        `wrote ${file} from template ${template.name} (${template.language}, ${template.items} items)\n`,
      );
      ctx.stdout.write(`next: edit it, then run \`servqual validate ${file}\`\n`);
    });
};
