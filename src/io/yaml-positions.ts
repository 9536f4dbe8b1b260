import { isCollection, isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../errors.js';

/** A YAML document parsed with positions, so that any path in it can be turned into a line and column. */
export interface PositionedYaml {
  value: unknown;
  /** YAML syntax errors, already positioned. */
  syntaxErrors: Diagnostic[];
  locate(path: readonly (string | number)[], at: 'key' | 'value'): { line: number; column: number };
}

/** Parses YAML text keeping positions; alias expansion is bounded so an alias bomb fails fast. */
export function parseYamlWithPositions(text: string, file: string): PositionedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxErrors: Diagnostic[] = doc.errors.map((error) => {
    // The parser notices an unclosed quote at the end of the file; point at where it opens instead.
    const quote = error.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(error.message)?.[1] : undefined;
    const opening = quote ? unclosedQuoteOffset(text, quote) : undefined;
    const pos = lineCounter.linePos(opening ?? error.pos[0]);
    return { code: 'yaml-syntax', file, line: pos.line, column: pos.col, message: firstLine(error.message) };
  });

  const positionOf = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };

  function locate(path: readonly (string | number)[], at: 'key' | 'value') {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    let lastFound: unknown = doc.contents;
    for (const [index, part] of path.entries()) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(part),
        );
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isCollection(node) && typeof part === 'number') {
        node = node.items[part];
      } else {
        break;
      }
      if (!node && !keyNode) break;
      lastFound = node ?? keyNode;
      if (index === path.length - 1 && at === 'key' && keyNode) {
        return positionOf((keyNode as Node).range?.[0]);
      }
    }
    const target = (at === 'key' && keyNode ? keyNode : lastFound) as Node | undefined;
    return positionOf(target?.range?.[0]);
  }

  let value: unknown = null;
  if (syntaxErrors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      syntaxErrors.push({
        code: 'yaml-syntax',
        file,
        line: 1,
        column: 1,
        message: firstLine((error as Error).message),
      });
    }
  }
  return { value, syntaxErrors, locate };
}

/**
 * The offset of the quote that opens a quoted scalar and is never closed, found by skipping over
 * comments and properly closed quoted scalars.
 */
function unclosedQuoteOffset(text: string, quote: string): number | undefined {
  const opensScalar = (i: number) => i === 0 || /[\s:\-[{,]/.test(text[i - 1] ?? '');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      if (end === -1) return undefined;
      i = end;
    } else if ((ch === '"' || ch === "'") && opensScalar(i)) {
      let j = i + 1;
      for (; j < text.length; j++) {
        if (ch === '"' && text[j] === '\\') j++;
        else if (text[j] === ch) {
          if (ch === "'" && text[j + 1] === "'") j++;
          else break;
        }
      }
      if (j >= text.length) return ch === quote ? i : undefined;
      i = j;
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  // The parser recurses per level of nesting; a hostile document runs it out of stack.
  if (/maximum call stack size exceeded/i.test(line)) return 'the document is nested too deeply';
  return line.charAt(0).toLowerCase() + line.slice(1);
}
