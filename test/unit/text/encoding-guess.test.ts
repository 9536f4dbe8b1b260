import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, guessEncoding, lineColumnAt } from '../../../src/core/text/encoding-guess.js';
import { encodeAs } from '../../helpers/encode.js';

const russian = 'respondent,branch,T1_P\nr1,Тверская улица,5\nr2,Невский проспект,4\nr3,Арбат,3\n';
const korean = 'respondent,branch,T1_P\nr1,강남점,5\nr2,종로점,4\nr3,부산 해운대점,3\n';
const western = 'respondent,branch,T1_P\nr1,Zürich Bahnhofstraße,5\nr2,Genève,4\nr3,Málaga centro,3\n';

describe('guessEncoding', () => {
  it.each([
    [russian, 'windows-1251', 'windows-1251'],
    [russian, 'koi8-r', 'koi8-r'],
    [korean, 'euc-kr', 'cp949'],
    [western, 'windows-1252', 'windows-1252'],
    [russian, 'utf-16le', 'utf-16le'],
    [russian, 'utf-16be', 'utf-16be'],
    [western, 'utf-16le', 'utf-16le'],
  ])('names the encoding of text written in it (%#: %s)', (text, label, expected) => {
    expect(guessEncoding(encodeAs(text, label))?.encoding).toBe(expected);
  });

  it('tells Cyrillic upper case from KOI8-R lower case', () => {
    // Mostly capitals in windows-1251 sit where KOI8-R keeps its lower case: the share decides.
    expect(guessEncoding(encodeAs('москва, санкт-петербург, казань', 'windows-1251'))?.encoding).toBe('windows-1251');
    expect(guessEncoding(encodeAs('москва, санкт-петербург, казань', 'koi8-r'))?.encoding).toBe('koi8-r');
  });

  it('says nothing from ASCII or a byte or two', () => {
    expect(guessEncoding(Buffer.from('plain,ascii\n1,2\n'))).toBeNull();
    expect(guessEncoding(Uint8Array.of(0x61, 0xff, 0x62))).toBeNull();
  });
});

describe('firstInvalidUtf8', () => {
  it('agrees with the platform decoder on valid and broken sequences', () => {
    const cases: [number[], number][] = [
      [[0x41, 0x42], -1],
      [[0xd0, 0x90, 0x41], -1], // А
      [[0xf0, 0x9f, 0x98, 0x80], -1], // an emoji
      [[0x41, 0xc3, 0x28], 1], // a lead byte without its continuation
      [[0xc0, 0x80], 0], // overlong
      [[0xed, 0xa0, 0x80], 0], // a surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x41, 0xe2, 0x82], 1], // cut off by the end
      [[0x80], 0], // a lone continuation byte
    ];
    for (const [bytes, expected] of cases) {
      expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(expected);
      // The WHATWG decoder (fatal) is the independent reference for valid versus not.
      const valid = (() => {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
          return true;
        } catch {
          return false;
        }
      })();
      expect(expected === -1).toBe(valid);
    }
  });

  it('finds the first bad byte of a windows-1251 file', () => {
    const bytes = encodeAs(russian, 'windows-1251');
    expect(firstInvalidUtf8(bytes)).toBe(russian.indexOf('Т'));
  });
});

describe('lineColumnAt', () => {
  it('counts lines by LF and columns by characters', () => {
    const bytes = Buffer.concat([Buffer.from('ab\nцц'), Uint8Array.of(0xff)]);
    expect(lineColumnAt(bytes, bytes.length - 1)).toEqual({ line: 2, column: 3 });
    expect(lineColumnAt(bytes, 0)).toEqual({ line: 1, column: 1 });
  });
});
