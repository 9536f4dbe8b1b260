import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openChunks } from '../../src/io/open-input.js';
import { UserError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** About 1.3 MB of varied bytes: several 256 KB reads. */
const bytes = Buffer.from(Array.from({ length: 1_300_000 }, (_, i) => (i * 7919 + (i >> 11)) & 0xff));
const file = join(dir, 'data.bin');
writeFileSync(file, bytes);

/** Every chunk copied before the next pull, as the contract of `reuse` asks. */
async function collect(chunks: AsyncIterable<Buffer>): Promise<{ data: Buffer; seen: Set<ArrayBufferLike> }> {
  const copies: Buffer[] = [];
  const seen = new Set<ArrayBufferLike>();
  for await (const chunk of chunks) {
    seen.add(chunk.buffer);
    copies.push(Buffer.from(chunk));
  }
  return { data: Buffer.concat(copies), seen };
}

describe('openChunks', () => {
  it('gives the whole file, through two reused buffers or fresh ones', async () => {
    for (const reuse of [true, false]) {
      const input = await openChunks(file, Readable.from([]), reuse);
      const { data, seen } = await collect(input.chunks);
      await input.close();
      expect(data.equals(bytes)).toBe(true);
      if (reuse) expect(seen.size).toBeLessThanOrEqual(2);
      else expect(seen.size).toBeGreaterThan(2);
    }
  });

  it('gives exactly a byte range, at any offsets', async () => {
    for (const [start, end] of [
      [0, 1],
      [1, 262_145],
      [262_144, 524_288],
      [1_000_003, 1_300_000],
      [5, 5],
      [1_299_999, 2_000_000],
    ] as const) {
      const input = await openChunks(file, Readable.from([]), true, { start, end });
      const { data } = await collect(input.chunks);
      await input.close();
      expect(data.equals(bytes.subarray(start, Math.min(end, bytes.length))), `${start}-${end}`).toBe(true);
    }
  });

  it('closes cleanly when the reader stops early, with a read still in flight', async () => {
    const input = await openChunks(file, Readable.from([]), true);
    const first = await input.chunks.next();
    expect(first.done).toBe(false);
    await input.chunks.return(undefined);
    await input.close();
    await input.close();
  });

  it('passes stdin through for -, and names a missing file or a directory', async () => {
    const input = await openChunks('-', Readable.from([Buffer.from('a,b\n'), 'c,d\n']), true);
    expect((await collect(input.chunks)).data.toString()).toBe('a,b\nc,d\n');
    for (const bad of [join(dir, 'missing.csv'), dir]) {
      const error = await openChunks(bad, Readable.from([]), true).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toContain(bad);
    }
  });
});
