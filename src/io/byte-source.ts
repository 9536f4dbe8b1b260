/**
 * Reads a stream of chunks as a sequence of bytes, a few at a time, without holding more than the
 * chunk being read (the SPSS reader pulls a record or a case at a time). `ensure` awaits only when
 * the bytes are not already buffered, so a file read in 256 KB chunks costs one await per chunk.
 */
export class ByteSource {
  private buffer = Buffer.alloc(0);
  private at = 0;
  /** Bytes handed out so far: the position in the file, for messages. */
  offset = 0;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  /** Whether `n` more bytes are there (false at the end of the input). */
  async ensure(n: number): Promise<boolean> {
    while (this.buffer.length - this.at < n) {
      const next = await this.chunks.next();
      if (next.done) return false;
      this.buffer = Buffer.concat([this.buffer.subarray(this.at), next.value]);
      this.at = 0;
    }
    return true;
  }

  /** The next `n` bytes, which `ensure(n)` said are there; a view, valid until the next `ensure`. */
  take(n: number): Buffer {
    const bytes = this.buffer.subarray(this.at, this.at + n);
    this.at += n;
    this.offset += n;
    return bytes;
  }
}
