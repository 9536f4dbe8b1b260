import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../../src/', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
}

describe('architecture', () => {
  it('keeps core pure: no node built-ins, no io, commands, cli, render, chalk or prompts', () => {
    for (const file of filesUnder(join(src, 'core'))) {
      for (const spec of importsOf(file)) {
        expect(`${relative(src, file)} imports ${spec}`).not.toMatch(
          /imports (node:|fs|path|process|chalk|@inquirer|.*\/(io|commands|render)\/|.*\/cli\.js)/,
        );
      }
    }
  });

  it('keeps renderers pure: no io, commands, cli or node built-ins', () => {
    for (const file of filesUnder(join(src, 'render'))) {
      for (const spec of importsOf(file)) {
        expect(`${relative(src, file)} imports ${spec}`).not.toMatch(/imports (node:|.*\/(io|commands)\/|.*\/cli\.js)/);
      }
    }
  });

  it('lets only io/prompts import @inquirer/prompts', () => {
    for (const file of filesUnder(src)) {
      if (relative(src, file) === 'io/prompts.ts') continue;
      expect(importsOf(file).filter((spec) => spec.startsWith('@inquirer'))).toEqual([]);
    }
  });
});
