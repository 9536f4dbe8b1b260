/** Positions of JSON paths, differentially against jsonc-parser's tree (the reference, which the streaming pass replaced). */
import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { locateAll, position } from '../../src/io/read-json.js';
import { mulberry32 } from '../helpers/random.js';

type Path = (string | number)[];

function allPaths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value))
    value.forEach((v, i) => {
      allPaths(v, [...at, i], out);
    });
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) allPaths(v, [...at, k], out);
  return out;
}

/** The reference: the deepest existing prefix of the path, found in the whole tree. */
function reference(text: string, path: Path): { line: number; column: number } | null {
  const root = parseTree(text);
  if (!root) return null;
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (node) return position(text, node.offset);
  }
  return null;
}

describe('locateAll', () => {
  const text = readFileSync(new URL('../../schema/questionnaire.schema.json', import.meta.url), 'utf8');
  const paths = allPaths(JSON.parse(text));

  it('agrees with the tree on existing paths, paths past a missing key, and out-of-range indexes', () => {
    const rnd = mulberry32(7);
    const asked: Path[] = [];
    for (let i = 0; i < 300; i++) {
      const path = [...(paths[Math.floor(rnd() * paths.length)] as Path)];
      const r = rnd();
      if (r < 0.2) path.push('missing', 3);
      else if (r < 0.3) path.push(99);
      asked.push(path);
    }
    const found = locateAll(text, asked);
    asked.forEach((path, i) => {
      expect(found[i], JSON.stringify(path)).toEqual(reference(text, path));
    });
  });

  it('counts lines and columns from 1, as editors do', () => {
    expect(locateAll('{\n  "a": [1,\n    {"b": 2}]\n}', [['a', 1, 'b'], ['a', 0], []])).toEqual([
      { line: 3, column: 11 },
      { line: 2, column: 9 },
      { line: 1, column: 1 },
    ]);
  });
});
