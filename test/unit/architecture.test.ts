import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The layering rules live in biome.json (noRestrictedImports per folder, static and dynamic
// imports alike) and `npm run lint` enforces them on the real tree. This test keeps the rules
// from quietly disappearing: it lints probe files that break each rule, in a scratch copy of
// the folders with the project's own biome.json, and expects one diagnostic per broken import.

const root = new URL('../../', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'servqual-layering-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const BAD_IMPORTS = [
  "import { readTextFile } from '../io/read-text.js';",
  "import { run } from '../cli.js';",
  "import chalk from 'chalk';",
  "export const later = async () => (await import('node:fs')).readFileSync;",
  "export const shell = async () => import('../commands/score.js');",
  'export { readTextFile, run, chalk };',
].join('\n');

function lint(files: Record<string, string>): { path: string; line: number; message: string }[] {
  copyFileSync(join(root, 'biome.json'), join(scratch, 'biome.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), `${text}\n`);
  }
  const biome = join(root, 'node_modules', '.bin', 'biome');
  let out: string;
  try {
    out = execFileSync(biome, ['lint', '--vcs-enabled=false', '--reporter=json', '.'], {
      cwd: scratch,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit 1: the diagnostics we want
  }
  const report = JSON.parse(out) as {
    diagnostics: { category: string; message: string; location: { path: string; start: { line: number } } }[];
  };
  return report.diagnostics
    .filter((d) => d.category === 'lint/style/noRestrictedImports')
    .map((d) => ({ path: d.location.path, line: d.location.start.line, message: d.message }));
}

describe('layering (biome.json noRestrictedImports)', () => {
  const found = lint({
    'src/core/probe.ts': BAD_IMPORTS,
    'src/render/probe.ts': BAD_IMPORTS,
    'src/io/other.ts': "import { input } from '@inquirer/prompts';\nexport { input };",
    'src/io/prompts.ts': "import { input } from '@inquirer/prompts';\nexport { input };",
    'src/commands/probe.ts': "import { readTextFile } from '../io/read-text.js';\nexport { readTextFile };",
  });
  const lines = (path: string) => found.filter((d) => d.path === path).map((d) => d.line);

  it('keeps core pure: no io, cli, terminal library or node built-in, imported statically or dynamically', () => {
    expect(lines('src/core/probe.ts')).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps renderers pure: no io, commands, cli or node built-in (chalk is theirs)', () => {
    expect(lines('src/render/probe.ts')).toEqual([1, 2, 4, 5]);
  });

  it('lets only io/prompts import the prompt library, and the shell import io', () => {
    expect(lines('src/io/other.ts')).toEqual([1]);
    expect(lines('src/io/prompts.ts')).toEqual([]);
    expect(lines('src/commands/probe.ts')).toEqual([]);
  });
});
