/**
 * Encodes text in a legacy code page for tests (Node's TextEncoder writes only UTF-8): the
 * inverse of the WHATWG decoder, built by decoding every single byte (and, for cp949, every
 * two-byte sequence of its Korean range).
 */
const tables = new Map<string, Map<string, number[]>>();

function table(label: string): Map<string, number[]> {
  const known = tables.get(label);
  if (known) return known;
  const decoder = new TextDecoder(label);
  const map = new Map<string, number[]>();
  if (label === 'euc-kr') {
    for (let lead = 0xa1; lead <= 0xfe; lead++) {
      for (let trail = 0xa1; trail <= 0xfe; trail++) {
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== '\uFFFD' && !map.has(char)) map.set(char, [lead, trail]);
      }
    }
  } else {
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const char = decoder.decode(Uint8Array.of(byte));
      if (char !== '\uFFFD' && !map.has(char)) map.set(char, [byte]);
    }
  }
  tables.set(label, map);
  return map;
}

/** The bytes of `text` in `label` ('windows-1251', 'koi8-r', 'euc-kr', 'windows-1252', 'utf-16le', 'utf-16be'). */
export function encodeAs(text: string, label: string): Buffer {
  if (label === 'utf-16le') return Buffer.from(text, 'utf16le');
  if (label === 'utf-16be') return Buffer.from(text, 'utf16le').swap16();
  const map = table(label);
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) bytes.push(code);
    else {
      const encoded = map.get(char);
      if (!encoded) throw new Error(`${JSON.stringify(char)} is not in ${label}`);
      bytes.push(...encoded);
    }
  }
  return Buffer.from(bytes);
}
