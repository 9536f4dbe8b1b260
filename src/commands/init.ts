import { dirname, join } from 'node:path';
import { Option } from 'commander';
import type { Register } from '../cli.js';
import { UserError } from '../errors.js';
import type { SourcePlatform } from '../core/questionnaire/model.js';
import { detectPlatform } from '../core/sources/detect.js';
import { inferQuestionnaire } from '../core/sources/infer/infer.js';
import { renderInferredQuestionnaire } from '../core/sources/infer/questionnaire.js';
import { EXPORT_PLATFORM_IDS, platformById } from '../core/sources/platforms/index.js';
import { plural } from '../core/text/plural.js';
import { terminalText } from '../core/text/safe-text.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { resolveEncoding } from '../io/decode.js';
import { inputName } from '../io/open-input.js';
import { readExportHead } from '../io/read-export.js';
import { checkQuestionnaireText } from '../io/read-questionnaire.js';
import { readTextFile } from '../io/read-text.js';
import { listTemplates, schemaFile } from '../io/templates.js';
import { didYouMean } from '../core/text/did-you-mean.js';
import { version } from '../version.js';
import { checkOutputs } from './report-output.js';
import { SHEET_FLAG, SHEET_HELP } from './score.js';
import type { CommandContext } from './context.js';

const MODELINE = /^# yaml-language-server: \$schema=.*\n/;

/** Header rows (at most three) plus the responses the guesses are made from. */
const SAMPLE_ROWS = 1003;
/** A long file spends a row per answer: 20,000 rows are some 700 respondents of a 22-item two-column audit. */
const LONG_SAMPLE_ROWS = 20_000;

interface InitOptions {
  template?: string;
  lang: string;
  force?: boolean;
  from?: string;
  source?: SourcePlatform;
  encoding?: string;
  sheet?: string;
  items?: string;
  schemaBeside?: boolean;
}

/** The schema's name beside the questionnaire (`--schema-beside`). */
const BESIDE = 'questionnaire.schema.json';

/**
 * The modeline points at something that outlives the install: this version's schema at a public
 * URL (a path into node_modules or the npm cache breaks when the file moves or the cache is
 * cleaned), or with `--schema-beside` a copy written next to the questionnaire.
 */
const modeline = (options: InitOptions) =>
  `# yaml-language-server: $schema=${options.schemaBeside ? `./${BESIDE}` : `https://unpkg.com/servqual@${version}/schema/questionnaire.schema.json`}\n`;

/** `--schema-beside`: the package's schema copied next to the questionnaire (replaced: it is ours, not the user's). */
async function writeSchemaBeside(file: string, options: InitOptions, ctx: CommandContext): Promise<void> {
  if (!options.schemaBeside) return;
  const target = join(dirname(file), BESIDE);
  await writeFileAtomic(target, await readTextFile(schemaFile));
  ctx.stdout.write(`wrote ${target} (the schema the modeline of ${file} points at)\n`);
}

async function initFromTemplate(file: string, name: string, options: InitOptions, ctx: CommandContext): Promise<void> {
  const templates = await listTemplates();
  const named = templates.filter((t) => t.name === name);
  if (named.length === 0) {
    const names = [...new Set(templates.map((t) => t.name))];
    throw new UserError({
      code: 'unknown-template',
      message: `unknown template "${name}"`,
      hint: didYouMean(name, names) ?? `one of: ${names.join(', ')}`,
    });
  }
  const template = named.find((t) => t.language === options.lang);
  if (!template) {
    throw new UserError({
      code: 'unknown-template-language',
      message: `template "${name}" has no "${options.lang}" version`,
      hint: `available: ${named.map((t) => t.language).join(', ')}`,
    });
  }
  const body = (await readTextFile(template.file)).replace(MODELINE, '');
  await writeFileAtomic(file, `${modeline(options)}${body}`, { overwrite: options.force === true });
  await writeSchemaBeside(file, options, ctx);
  ctx.stdout.write(`wrote ${file} from template ${template.name} (${template.language}, ${template.items} items)\n`);
  ctx.stdout.write(`next: edit it, then run \`servqual validate ${file}\`\n`);
}

/**
 * `init --from EXPORT`: reads the export's head, infers a questionnaire that scores it (core),
 * checks the YAML with the real validator, writes it, and says what was guessed and what the user
 * must fill in.
 */
async function initFromExport(file: string, from: string, options: InitOptions, ctx: CommandContext): Promise<void> {
  await checkOutputs([file], [from]);
  const isLong = (head: readonly (readonly string[])[]) =>
    options.source === 'long' || (options.source === undefined && detectPlatform(head).platform.layout === 'long');
  const { rows, labels } = await readExportHead(
    from,
    (head) => (isLong(head) ? LONG_SAMPLE_ROWS : SAMPLE_ROWS),
    ctx.stdin,
    {
      encoding: options.encoding === undefined ? 'auto' : resolveEncoding(options.encoding),
      ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    },
  );
  // What the user types to read the same file again (score, check, map); the sheet is in source.sheet.
  const readFlags = options.encoding !== undefined ? ['--encoding', options.encoding] : [];
  const name = inputName(from);
  const { inference, problems } = inferQuestionnaire(rows, {
    ...(options.source !== undefined ? { platform: platformById(options.source) } : {}),
    ...(options.items !== undefined ? { items: options.items } : {}),
    ...(labels !== null ? { labels } : {}),
  });
  if (inference === null)
    throw new UserError(
      problems.map((p) => ({
        code: p.code,
        ...(p.code === 'items-spec' ? {} : { file: name, line: 1 }),
        message: p.message,
        ...(p.hint ? { hint: p.hint } : {}),
      })),
    );
  const command = [
    'servqual init',
    file,
    '--from',
    name,
    ...readFlags,
    ...(options.sheet !== undefined ? ['--sheet', JSON.stringify(options.sheet)] : []),
    ...(options.items ? ['--items', JSON.stringify(options.items)] : []),
  ].join(' ');
  const text = `${modeline(options)}${renderInferredQuestionnaire(inference, name, command, options.sheet)}`;
  const check = checkQuestionnaireText(text, file);
  if (check.diagnostics.length > 0)
    throw new Error(
      `init --from wrote a questionnaire that does not validate: ${check.diagnostics.map((d) => d.message).join('; ')}`,
    );
  await writeFileAtomic(file, text, { overwrite: options.force === true, inputs: [from] });
  await writeSchemaBeside(file, options, ctx);

  const items = inference.items.length;
  const out = (line: string) => ctx.stdout.write(`${terminalText(line)}\n`);
  out(
    `wrote ${file} from ${name}: a ${inference.platform.name} export, ${plural(items, 'item')} in ${plural(inference.dimensions.length, 'dimension')}, ${inference.format}, scale ${inference.scale.min}-${inference.scale.max}${inference.model === 'custom' ? ', model: custom' : ''}`,
  );
  out(`guessed: ${inference.shape}`);
  out(`guessed: ${inference.scale.note}`);
  const byDimension = inference.dimensions.map(
    (d) =>
      `${d} ${inference.items
        .filter((i) => i.dimension === d)
        .map((i) => i.id)
        .join(' ')}`,
  );
  out(`guessed: ${byDimension.join('; ')}`);
  const { roles } = inference;
  if (roles.respondent) out(`guessed: respondent id "${roles.respondent.name}"`);
  for (const s of roles.segments) out(`guessed: segment ${s.segment} from "${s.name}"`);
  if (roles.nps) out(`guessed: NPS from "${roles.nps.name}"`);
  if (roles.duration) out(`guessed: duration "${roles.duration.name}"`);
  const { long } = inference;
  if (long) {
    for (const s of long.segments) out(`guessed: segment ${s.id} from its ${s.note}`);
    for (const k of long.kpis) out(`guessed: KPI ${k.id} is ${k.type.toUpperCase()}: ${k.note}`);
    if (long.weights) out('guessed: importance weights from the weight rows');
    out(`fill in: the statements of the items (a long file has only their ids) in ${file}`);
  }
  for (const c of roles.comments) out(`guessed: comment column "${c.name}" (not scored)`);
  if (inference.notScored.length > 0)
    out(`left out: ${plural(inference.notScored.length, 'column')} (listed at the end of ${file})`);
  const unknown = inference.labels.filter((l) => l.value === null);
  if (unknown.length > 0) {
    ctx.stderr.write(
      `${terminalText(`fill in: ${plural(unknown.length, 'answer')} no built-in label set knows: ${unknown.map((l) => JSON.stringify(l.text)).join(', ')}; give each its number under source.labels in ${file} (or list it under source.missing)`)}\n`,
    );
  }
  out(`next: check the lines marked "guessed", then \`${['servqual score', file, name, ...readFlags].join(' ')}\``);
}

export const registerInit: Register = (program, ctx) => {
  program
    .command('init')
    .description('write a questionnaire YAML from a bundled template, or inferred from an export (--from)')
    .argument('[file]', 'where to write the questionnaire', 'questionnaire.yaml')
    .option('-t, --template <name>', 'template name (see `servqual templates`)')
    .addOption(new Option('--lang <language>', 'language of the template').choices(['en', 'ru']).default('en'))
    .option(
      '--from <export>',
      'infer the questionnaire from an export or response CSV: items, pairs, dimensions, scale, labels, columns',
    )
    .addOption(
      new Option(
        '--source <platform>',
        'with --from: the export shape (detected from the headers when not given)',
      ).choices([...EXPORT_PLATFORM_IDS, 'generic']),
    )
    .option('--encoding <name>', 'with --from: the text encoding of the export, e.g. windows-1251 or cp949')
    .option(SHEET_FLAG, `with --from: ${SHEET_HELP}`)
    .option(
      '--items <spec>',
      'with --from: place items in dimensions by id, e.g. "t01-t05=technical,f01-f13=functional" (other dimensions than the five make model: custom)',
    )
    .option('-f, --force', 'overwrite an existing file')
    .option(
      '--schema-beside',
      'write questionnaire.schema.json next to the file and point its modeline there (default: the schema of this version at unpkg.com)',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ servqual init audit.yaml --template servqual-generic --lang en',
        '  $ servqual init audit.yaml --from export.csv          # then: servqual score audit.yaml export.csv',
        '  $ servqual init water.yaml --from survey.csv --items "t01-t05=technical,f01-f13=functional"',
      ].join('\n'),
    )
    .action(async (file: string, options: InitOptions) => {
      if ((options.template === undefined) === (options.from === undefined))
        throw new UserError({
          code: 'usage',
          message:
            options.template === undefined
              ? 'init needs --template NAME (a bundled questionnaire) or --from EXPORT (inferred from a file)'
              : '--template and --from go one at a time',
          hint: 'servqual init audit.yaml --template servqual-generic, or servqual init audit.yaml --from export.csv',
        });
      if (
        options.from === undefined &&
        [options.items, options.source, options.encoding, options.sheet].some((flag) => flag !== undefined)
      )
        throw new UserError({ code: 'usage', message: '--items, --source, --encoding and --sheet go with --from' });
      if (options.from !== undefined) await initFromExport(file, options.from, options, ctx);
      else await initFromTemplate(file, options.template as string, options, ctx);
    });
};
