import { describe, expect, it } from 'vitest';
import { mapStrings, terminalText, visible, workflowData, workflowProperty } from '../../../src/core/text/safe-text.js';

/** Every character the module must never let through raw: C0, DEL, C1, line separators, bidi controls. */
const UNSAFE: string[] = [];
for (let c = 0; c <= 0x1f; c++) UNSAFE.push(String.fromCharCode(c));
for (let c = 0x7f; c <= 0x9f; c++) UNSAFE.push(String.fromCharCode(c));
for (const c of [0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069])
  UNSAFE.push(String.fromCharCode(c));

describe('visible', () => {
  it('escapes each control and bidi character as \\xHH or \\uHHHH', () => {
    expect(visible('a\u001b[31mb\nc\u202e')).toBe('a\\x1b[31mb\\x0ac\\u202e');
    expect(visible('\r\t\u0085\u009b\u2066')).toBe('\\x0d\\x09\\x85\\x9b\\u2066');
    for (const ch of UNSAFE) expect(visible(`x${ch}y`)).toMatch(/^x\\(x[0-9a-f]{2}|u[0-9a-f]{4})y$/);
  });

  it('leaves ordinary text alone, Cyrillic, CJK, emoji and combining marks included', () => {
    const text = 'Отделение №1 · 서울 지점 · 😀 · é · a|b <c> "d" 50%';
    expect(visible(text)).toBe(text);
  });
});

describe('terminalText', () => {
  it('never lets data begin a workflow command, at the start or after a space (where wrapping may start a line)', () => {
    expect(terminalText('::error::x')).toBe('\\x3a:error::x');
    expect(terminalText('ok ::add-mask::secret')).toBe('ok \\x3a:add-mask::secret');
    // Once LF is escaped, the :: no longer follows a line break or a space: nothing left to escape.
    expect(terminalText('a\n::stop-commands::t')).toBe('a\\x0a::stop-commands::t');
    expect(terminalText('x ##[error]y')).toBe('x #\\x23[error]y');
    // `::` inside a word cannot start a line: kept (C++ names, IPv6).
    expect(terminalText('std::vector fe80::1')).toBe('std::vector fe80::1');
  });

  it('holds no line that starts with :: after leading spaces, whatever the input', () => {
    const hostile = [
      '::error::x',
      '  ::warning::y',
      '\n::add-mask::z',
      '\r\n ::set-output name=a::b',
      '\u2028::debug::q',
    ];
    for (const text of hostile) {
      for (const line of terminalText(text).split(/\r?\n/)) expect(line.trimStart().startsWith('::')).toBe(false);
    }
  });
});

describe('workflow command escaping (GitHub: % CR LF in data; also : and , in properties)', () => {
  it('escapes data', () => {
    expect(workflowData('50% done')).toBe('50%25 done');
    // CR and LF never survive to the runner: visible escaping comes first, then the runner's own.
    expect(workflowData('a\r\nb')).toBe('a\\x0d\\x0ab');
    expect(workflowData('a\r\nb')).not.toMatch(/[\r\n]/);
  });

  it('escapes properties', () => {
    expect(workflowProperty('servqual check dimension:reliability')).toBe('servqual check dimension%3Areliability');
    expect(workflowProperty('a,b::c%')).toBe('a%2Cb%3A%3Ac%25');
  });
});

describe('mapStrings', () => {
  it('maps every string of a nested value, not the keys, and keeps numbers, booleans and null', () => {
    const value = { title: 'a\nb', list: [1, 'x\u001b', null, true, { deep: ['\u202e'] }] };
    expect(mapStrings(value, visible)).toEqual({
      title: 'a\\x0ab',
      list: [1, 'x\\x1b', null, true, { deep: ['\\u202e'] }],
    });
    expect(value.title).toBe('a\nb');
  });

  it('keeps a __proto__ key as data, without changing any prototype', () => {
    const value = JSON.parse('{"__proto__": {"polluted": "yes\\n"}, "constructor": "c"}') as Record<string, unknown>;
    const mapped = mapStrings(value, visible) as Record<string, unknown>;
    expect(Object.getPrototypeOf(mapped)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(mapped, '__proto__')?.value).toEqual({ polluted: 'yes\\x0a' });
    expect(mapped.constructor).toBe('c');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
