import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UserError } from '../errors.js';
import type { CsvRecord } from './csv-records.js';
import { inputName, openChunks } from './open-input.js';
import type { SavDictionary } from './sav-dictionary.js';
import { savRecords } from './sav-records.js';
import { xlsxRecords } from './xlsx-records.js';

/**
 * What an input file is, told by its first bytes rather than its name (a workbook saved as
 * `data.csv`, or piped in, still reads): a zip is an XLSX workbook, `$FL2`/`$FL3` an SPSS system
 * file, an OLE compound file an encrypted workbook or an old .xls, anything else a CSV.
 */
export type InputFormat = 'csv' | 'xlsx' | 'sav' | 'ole';

export function formatOf(head: Uint8Array): InputFormat {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'xlsx';
  if (starts(0x24, 0x46, 0x4c, 0x32) || starts(0x24, 0x46, 0x4c, 0x33)) return 'sav';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  return 'csv';
}

/** The format of a regular file from its first bytes (`csv` when it cannot be read: the reader reports why). */
export async function fileFormat(file: string): Promise<InputFormat> {
  try {
    const handle = await open(file, 'r');
    try {
      const head = Buffer.alloc(8);
      const { bytesRead } = await handle.read(head, 0, 8, 0);
      return formatOf(head.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  } catch {
    return 'csv';
  }
}

/** How a spreadsheet or SPSS file is read: which sheet, and the text encoding of an SPSS file. */
export interface TableOptions {
  /** `--sheet`: a 1-based number or a name; given for a CSV or SPSS file, it is an error. */
  sheet?: string;
  /** The questionnaire's `source.sheet`: read when `sheet` is not given; other formats ignore it. */
  defaultSheet?: string;
  /** `--encoding` as a decoder label, or 'auto' (an SPSS file's own encoding record). */
  encoding?: string;
  /** Sees an SPSS file's dictionary (its variable and value labels) before the first record. */
  onDictionary?: (dict: SavDictionary) => void;
}

/** An input opened: a CSV's raw chunks for the byte scanner, or the records of a workbook or SPSS file. */
export type OpenedInput =
  | { format: 'csv'; chunks: AsyncIterable<Buffer>; close(): Promise<void> }
  | { format: 'xlsx' | 'sav'; records: AsyncGenerator<CsvRecord>; close(): Promise<void> };

/** `first`, then the rest of `rest`. */
async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** Copies of the chunks: the spreadsheet readers keep them past the next read, which refills a reused buffer. */
async function* copies(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of source) yield Buffer.from(chunk);
}

/**
 * Opens a response file or export (`-` is stdin) and looks at its first chunk to tell its format.
 * `count` sees every raw chunk (a progress bar). CSV chunks reuse their buffers (see openChunks).
 */
export async function openInput(
  file: string,
  stdin: Readable,
  options: TableOptions & { count?: (bytes: number) => void } = {},
): Promise<OpenedInput> {
  const raw = await openChunks(file, stdin, true);
  const name = inputName(file);
  const { count } = options;
  const iterator = raw.chunks[Symbol.asyncIterator]();
  const first = await iterator.next().catch(async (error: unknown) => {
    await raw.close();
    throw error;
  });
  const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
  const format = formatOf(head);
  const all = async function* () {
    for await (const chunk of first.done ? [] : prepend(head, iterator)) {
      count?.(chunk.length);
      yield chunk;
    }
  };
  if (format === 'ole') {
    await raw.close();
    throw new UserError({
      code: 'encrypted-workbook',
      file: name,
      message: 'an encrypted or old .xls workbook: save it as .xlsx (without a password) or as CSV',
    });
  }
  if (options.sheet !== undefined && format !== 'xlsx') {
    await raw.close();
    throw new UserError({
      code: 'unknown-sheet',
      file: name,
      message: `--sheet ${options.sheet}: this is ${format === 'sav' ? 'an SPSS file' : 'a CSV file'}, not an XLSX workbook, so it has no sheets`,
      hint: 'leave out --sheet for this file',
    });
  }
  if (format === 'csv') return { format, chunks: all(), close: raw.close };
  const records =
    format === 'xlsx'
      ? xlsxRecords(copies(all()), name, options.sheet ?? options.defaultSheet)
      : savRecords(copies(all()), name, options.encoding ?? 'auto', options.onDictionary);
  return { format, records, close: raw.close };
}
