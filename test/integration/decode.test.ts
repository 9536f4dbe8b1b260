import { describe, expect, it } from 'vitest';
import { decodeToUtf8, resolveEncoding, sniffEncoding } from '../../src/io/decode.js';
import { UserError } from '../../src/errors.js';

async function decode(bytes: Buffer, encoding: string, chunk = 3): Promise<string> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  const out: Buffer[] = [];
  for await (const part of decodeToUtf8(pieces, encoding)) out.push(part);
  return Buffer.concat(out).toString('utf8');
}

const text = 'respondent;Оценка;평가\r\nr1;7;5\r\n';

describe('decoding exports', () => {
  it('passes UTF-8 (with or without a BOM) through untouched', async () => {
    expect(await decode(Buffer.from(text, 'utf8'), 'auto')).toBe(text);
    expect(await decode(Buffer.from(`\uFEFF${text}`, 'utf8'), 'auto')).toBe(`\uFEFF${text}`);
  });

  it("reads Excel's UTF-16 with a BOM, and UTF-16 without one by its zero bytes", async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await decode(le, 'auto')).toBe(text);
    const be = Buffer.from(Buffer.from(`\uFEFF${text}`, 'utf16le').swap16());
    expect(await decode(be, 'auto', 5)).toBe(text);
    expect(await decode(Buffer.from('respondent\tT1_E\tT1_P\r\nr1\t7\t5\r\n', 'utf16le'), 'auto')).toBe(
      'respondent\tT1_E\tT1_P\r\nr1\t7\t5\r\n',
    );
  });

  it('decodes legacy code pages named with --encoding, across chunk boundaries', async () => {
    // windows-1251: "Оценка" is CE F6 E5 ED EA E0; euc-kr/cp949: "평가" is C6 F2 B0 A1.
    const cyrillic = Buffer.from([0x72, 0x3b, 0xce, 0xf6, 0xe5, 0xed, 0xea, 0xe0, 0x0a]);
    expect(await decode(cyrillic, resolveEncoding('windows-1251'), 2)).toBe('r;Оценка\n');
    const korean = Buffer.from([0xc6, 0xf2, 0xb0, 0xa1, 0x0a]);
    expect(await decode(korean, resolveEncoding('cp949'), 1)).toBe('평가\n');
  });

  it('sniffs encodings from the first bytes', () => {
    expect(sniffEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe('utf-16le');
    expect(sniffEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x41]))).toBe('utf-16be');
    expect(sniffEncoding(Buffer.from('plain ascii text, more than eight bytes'))).toBe('utf-8');
  });

  it('refuses an unknown encoding with examples', () => {
    expect(() => resolveEncoding('klingon')).toThrow(UserError);
    expect(resolveEncoding('CP1251')).toBe('windows-1251');
    expect(resolveEncoding('cp949')).toBe('euc-kr');
  });
});
