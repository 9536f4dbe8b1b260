import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../../src/core/problem.js';

/** The codes in the first column of docs/errors.md's tables (rows like `| code | example |`). */
function documentedCodes(): string[] {
  const text = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const codes: string[] = [];
  for (const line of text.split('\n')) {
    const cell = /^\|\s*([^|]+?)\s*\|/.exec(line)?.[1];
    if (cell === undefined || cell === 'code' || /^-+$/.test(cell) || cell.startsWith('(')) continue;
    for (const code of cell.split(',').map((c) => c.trim())) if (code !== '...') codes.push(code);
  }
  return codes;
}

describe('docs/errors.md', () => {
  const documented = new Set(documentedCodes());

  it('documents every problem code the code can give', () => {
    const missing = PROBLEM_CODES.filter((code) => !documented.has(code));
    expect(missing).toEqual([]);
  });

  it('documents no code the code does not have (errno codes are one family: file-e...)', () => {
    const known = new Set<string>(PROBLEM_CODES);
    const unknown = [...documented].filter((code) => !known.has(code) && !/^file-e[a-z]+$/.test(code));
    expect(unknown).toEqual([]);
  });
});
