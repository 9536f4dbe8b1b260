import { findNodeAtLocation, parse as parseJsonc, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
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
export const MAX_JSON_DEPTH = 64;

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
  if (deep >= 0) throw new UserError({ code: 'json-too-deep', file, ...position(text, deep), message: `nested deeper than ${MAX_JSON_DEPTH} levels: not a servqual file` });
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse does not always say where; jsonc-parser (strict mode) does.
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const { line, column } = position(text, first?.offset ?? text.length);
    const what = first ? printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'syntax error';
    throw new UserError({ code: 'json-syntax', file, line, column, message: `not valid JSON: ${what}` });
  }
}

/** Where a JSON path points in the text (parsed into `root`), or the deepest part of it that exists. */
export function locate(text: string, root: JsonNode | undefined, path: readonly (string | number)[]): { line: number; column: number } | null {
  if (!root) return null;
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (node) return position(text, node.offset);
  }
  return null;
}
