import { parse as parseJsonc, printParseErrorCode, visit, type JSONPath, type ParseError } from 'jsonc-parser';
import { UserError } from '../errors.js';

/** Line and column (1-based) of an offset in a text. */
export function position(text: string, offset: number): { line: number; column: number } {
  // Counted in place: no copy or line array of a file that may be tens of megabytes, once per problem.
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * No servqual file nests deeper than a few levels; beyond this, a file is refused before anything
 * recursive (the schema's checks, the tree that gives positions) walks it and overflows the stack.
 */
const MAX_JSON_DEPTH = 64;

/** The offset of the first bracket nested deeper than `limit` (outside strings), or -1. */
function tooDeepAt(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) return i;
    } else if (ch === 0x5d || ch === 0x7d) {
      depth--;
    }
  }
  return -1;
}

/**
 * Parses JSON, or throws a UserError naming the file, line and column of the first syntax error,
 * or of the first bracket nested deeper than MAX_JSON_DEPTH (checked first).
 */
export function parseJsonText(text: string, file: string): unknown {
  // First: jsonc-parser, which locates syntax errors, recurses as deep as the brackets go.
  const deep = tooDeepAt(text, MAX_JSON_DEPTH);
  if (deep >= 0)
    throw new UserError({
      code: 'json-too-deep',
      file,
      ...position(text, deep),
      message: `nested deeper than ${MAX_JSON_DEPTH} levels: not a servqual file`,
    });
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse does not always say where; jsonc-parser (strict mode) does.
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const { line, column } = position(text, first?.offset ?? text.length);
    const what = first
      ? printParseErrorCode(first.error)
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .toLowerCase()
      : 'syntax error';
    throw new UserError({ code: 'json-syntax', file, line, column, message: `not valid JSON: ${what}` });
  }
}

/**
 * Where each JSON path points in the text, or the deepest part of it that exists (the object that
 * lacks a key); null where not even the root exists. One streaming pass for all paths that skips
 * every subtree off them: no tree of the whole document, which for a damaged file of millions of
 * values would take seconds and hundreds of MB.
 */
export function locateAll(
  text: string,
  paths: readonly (readonly (string | number)[])[],
): ({ line: number; column: number } | null)[] {
  const best = paths.map(() => ({ depth: -1, offset: 0 }));
  const within = (at: JSONPath, path: readonly (string | number)[]) =>
    at.length <= path.length && at.every((part, i) => part === path[i]);
  const value = (at: JSONPath, where: number) => {
    paths.forEach((path, i) => {
      const b = best[i] as { depth: number; offset: number };
      if (at.length > b.depth && within(at, path)) {
        b.depth = at.length;
        b.offset = where;
      }
    });
  };
  const container = (where: number, _length: number, _line: number, _column: number, at: () => JSONPath) => {
    const p = at();
    value(p, where);
    // false: the parser does not report what is inside, so only the paths' own ancestors are walked.
    return paths.some((path) => within(p, path));
  };
  visit(text, {
    onObjectBegin: container,
    onArrayBegin: container,
    onObjectEnd: () => undefined,
    onArrayEnd: () => undefined,
    onLiteralValue: (_value, where, _length, _line, _column, at) => value(at(), where),
  });
  return best.map((b) => (b.depth < 0 ? null : position(text, b.offset)));
}

/** Where one JSON path points in the text (see `locateAll`). */
export function locate(text: string, path: readonly (string | number)[]): { line: number; column: number } | null {
  return locateAll(text, [path])[0] ?? null;
}
