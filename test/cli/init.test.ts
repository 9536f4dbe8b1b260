import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';
import { type InProcessRun as CliRun, runChecked } from '../helpers/run-in-process.js';

const tempDir = useTempDir();

const run = (args: string[]): Promise<CliRun> => runChecked(args, tempDir());

/** The bundled templates as `name.lang.yaml` files. */
const bundled = readdirSync(join(repoRoot, 'templates'))
  .map((f) => /^(?<name>[a-z0-9-]+)\.(?<lang>[a-z]{2})\.yaml$/.exec(f)?.groups)
  .filter((g): g is { name: string; lang: string } => g !== undefined);

describe('servqual templates', () => {
  it('lists every bundled template with its language and item count', async () => {
    const result = await run(['templates']);
    expect(result.code).toBe(0);
    expect(bundled.length).toBeGreaterThanOrEqual(4);
    const lines = result.stdout.trim().split('\n');
    for (const { name, lang } of bundled) {
      expect(lines.some((line) => line.startsWith(`${name} `) && new RegExp(`\\s${lang}\\s`).test(line))).toBe(true);
    }
    expect(result.stdout).toMatch(/servqual-generic\s+en\s+two-column\s+22\s/);
  });
});

describe('servqual init', () => {
  it('writes a questionnaire that validates', async () => {
    const result = await run(['init', 'audit.yaml', '--template', 'servqual-generic']);
    expect(result.code).toBe(0);
    expect(existsSync(join(tempDir(), 'audit.yaml'))).toBe(true);
    const validate = await run(['validate', 'audit.yaml']);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('22 items');
  });

  it('writes the Russian version with --lang ru', async () => {
    const result = await run(['init', 'audit.ru.yaml', '--template', 'servqual-generic', '--lang', 'ru']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(tempDir(), 'audit.ru.yaml'), 'utf8')).toMatch(/^language: ru$/m);
    expect((await run(['validate', 'audit.ru.yaml'])).code).toBe(0);
  });

  it.each(bundled.map((t) => [t.name, t.lang]))(
    'template %s (%s) initialises to a valid questionnaire',
    async (name, lang) => {
      const result = await run(['init', 'q.yaml', '--template', name, '--lang', lang]);
      expect(result.code).toBe(0);
      expect((await run(['validate', 'q.yaml'])).code).toBe(0);
    },
  );

  it("starts with a modeline naming this version's schema at a public URL, which the package ships", async () => {
    const result = await run(['init', 'nested-audit.yaml', '--template', 'servqual-generic']);
    expect(result.code).toBe(0);
    const [first] = readFileSync(join(tempDir(), 'nested-audit.yaml'), 'utf8').split('\n');
    const { version, files } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
      files: string[];
    };
    // Nothing on this machine: the file can move and the npm cache be cleaned.
    expect(first).toBe(
      `# yaml-language-server: $schema=https://unpkg.com/servqual@${version}/schema/questionnaire.schema.json`,
    );
    // The URL serves the package's own file: it is shipped (package.json files) at that path.
    expect(files).toContain('schema');
    expect(existsSync(join(repoRoot, 'schema', 'questionnaire.schema.json'))).toBe(true);
  });

  it('--schema-beside writes the schema next to the questionnaire and points the modeline there', async () => {
    mkdirSync(join(tempDir(), 'surveys'));
    const result = await run(['init', 'surveys/audit.yaml', '--template', 'servqual-generic', '--schema-beside']);
    expect(result.code, result.stderr).toBe(0);
    const [first] = readFileSync(join(tempDir(), 'surveys', 'audit.yaml'), 'utf8').split('\n');
    expect(first).toBe('# yaml-language-server: $schema=./questionnaire.schema.json');
    expect(readFileSync(join(tempDir(), 'surveys', 'questionnaire.schema.json'), 'utf8')).toBe(
      readFileSync(join(repoRoot, 'schema', 'questionnaire.schema.json'), 'utf8'),
    );
    expect((await run(['validate', 'surveys/audit.yaml'])).code).toBe(0);
  });

  it('refuses to overwrite an existing file without --force, leaving it unchanged', async () => {
    writeFileSync(join(tempDir(), 'audit.yaml'), 'my edits\n');
    const result = await run(['init', 'audit.yaml', '--template', 'servqual-generic']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('audit.yaml');
    expect(result.stderr).toContain('--force');
    expect(readFileSync(join(tempDir(), 'audit.yaml'), 'utf8')).toBe('my edits\n');
    expect(readdirSync(tempDir())).toEqual(['audit.yaml']);
  });

  it('overwrites with --force', async () => {
    writeFileSync(join(tempDir(), 'audit.yaml'), 'my edits\n');
    const result = await run(['init', 'audit.yaml', '--template', 'servqual-generic', '--force']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(tempDir(), 'audit.yaml'), 'utf8')).toMatch(/^# yaml-language-server: /);
    expect(readdirSync(tempDir())).toEqual(['audit.yaml']);
    expect((await run(['validate', 'audit.yaml'])).code).toBe(0);
  });

  it('rejects an unknown template with exit 2 and a hint', async () => {
    const result = await run(['init', 'audit.yaml', '--template', 'servqual-generik']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown template "servqual-generik"');
    expect(result.stderr).toContain('did you mean "servqual-generic"?');
    expect(existsSync(join(tempDir(), 'audit.yaml'))).toBe(false);
  });

  it('rejects a language the template does not have, naming the available ones', async () => {
    const result = await run(['init', 'audit.yaml', '--template', 'servperf-generic', '--lang', 'ru']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"ru"');
    expect(result.stderr).toMatch(/hint: .*en/);
    expect(existsSync(join(tempDir(), 'audit.yaml'))).toBe(false);
  });

  it('names a directory that does not exist', async () => {
    const result = await run(['init', 'nowhere/audit.yaml', '--template', 'servqual-generic']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nowhere');
  });

  it('lists the templates as a hint when the name is nowhere near one', async () => {
    const result = await run(['init', 'audit.yaml', '--template', 'banana']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/hint: .*servqual-generic/);
  });
});
