import { describe, expect, it } from 'vitest';
import { displayWidth, splitToWidth } from '../../../src/render/display-width.js';
import { wrap } from '../../../src/render/format.js';

describe('terminal display width', () => {
  it('counts wide characters twice, combining marks not at all', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('고객 만족')).toBe(9);
    expect(displayWidth('顧客満足')).toBe(8);
    expect(displayWidth('ｆｕｌｌ')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('Надёжность')).toBe(10);
  });

  it('cuts a long word of wide characters, never a path of narrow ones', () => {
    expect(splitToWidth('顧客満足度調査', 6)).toEqual(['顧客満', '足度調', '査']);
    expect(splitToWidth('/a/very/long/path/to/responses.csv', 10)).toEqual(['/a/very/long/path/to/responses.csv']);
  });

  it('wraps Korean prose within the width in columns, as a terminal draws it', () => {
    const text = '키오스크 이용 시 직원의 도움을 받을 수 있었습니다 그리고 화면의 글자가 충분히 컸습니다';
    const lines = wrap(text, 20);
    expect(lines.join(' ')).toBe(text);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(20);
    // Counting characters instead would have let a line run to 20 characters, 40 columns.
    expect(lines.length).toBeGreaterThan(3);
  });

  it('keeps an indent within the width', () => {
    for (const line of wrap('aaa bbb ccc ddd eee', 9, '  ')) expect(displayWidth(line)).toBeLessThanOrEqual(9);
  });
});
