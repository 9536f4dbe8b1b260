import type { Register } from '../cli.js';
import { listTemplates } from '../io/templates.js';
import { renderPlainTable } from '../render/plain-table.js';

export const registerTemplates: Register = (program, ctx) => {
  program
    .command('templates')
    .description('list the bundled questionnaire templates')
    .option('--json', 'print the list as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ servqual templates\n  $ servqual init audit.yaml --template servqual-generic --lang ru',
    )
    .action(async (options: { json?: boolean }) => {
      const templates = await listTemplates();
      if (options.json) {
        const rows = templates.map(({ name, language, format, items, title, description }) => ({
          name,
          language,
          format,
          items,
          title,
          description,
        }));
        ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const rows = templates.map((t) => [t.name, t.language, t.format, String(t.items), t.description]);
      ctx.stdout.write(renderPlainTable(['name', 'lang', 'format', 'items', 'description'], rows));
    });
};
