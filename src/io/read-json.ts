import { findNodeAtLocation, parse as parseJsonc, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { UserError } from '../errors.js';

/** Line and column (1-based) of an offset in a text. */
export function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses JSON, or throws a UserError naming the file, line and column of the first syntax error. */
export function parseJsonText(text: string, file: string): unknown {
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
