import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Docs never point outside the repository: every relative link of README.md and docs/*.md names
// a file of the repository, and none climbs out of it.

const root = resolve(new URL('../../../', import.meta.url).pathname);
const pages = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => join('docs', name))].filter((p) =>
  p.endsWith('.md'),
);

describe('docs links', () => {
  for (const page of pages) {
    it(`${page} links only to files in the repository`, () => {
      const text = readFileSync(join(root, page), 'utf8');
      const broken: string[] = [];
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = (match[1] as string).split('#')[0] as string;
        if (target === '' || /^[a-z]+:/i.test(target)) continue; // an anchor, or a web or mail address
        const file = resolve(dirname(join(root, page)), target);
        if (!file.startsWith(`${root}/`) || !existsSync(file)) broken.push(target);
      }
      expect(broken).toEqual([]);
      expect(text).not.toMatch(/\.\.\/shared\b|SPEC\.md/);
    });
  }
});
