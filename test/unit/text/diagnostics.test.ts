import { describe, expect, it } from 'vitest';
import { formatDiagnostic, UserError } from '../../../src/errors.js';

describe('diagnostics quote data safely', () => {
  it('escapes control characters and never lets data start a line with ::', () => {
    const text = formatDiagnostic({
      code: 'invalid-cell',
      file: 'r\u001b[2J.csv',
      line: 3,
      message: '"\u001b]0;owned\u0007\n::error::x" is not a number',
      hint: 'did you mean "\r\n::add-mask::y"?',
    });
    expect(text).toBe(
      'r\\x1b[2J.csv:3: "\\x1b]0;owned\\x07\\x0a::error::x" is not a number\n  hint: did you mean "\\x0d\\x0a::add-mask::y"?',
    );
    for (const line of text.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
  });

  it('escapes the trailer lines too', () => {
    const error = new UserError({ code: 'usage', message: 'm' }, { trailer: ['hint: column "\u202e\n::warning::z"'] });
    expect(error.trailer).toEqual(['hint: column "\\u202e\\x0a::warning::z"']);
  });
});
