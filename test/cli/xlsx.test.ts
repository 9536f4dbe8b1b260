import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Result } from '../../src/core/scoring/result.js';
import { binPath, repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';

const example = join(repoRoot, 'examples', 'bank-branch');
const score = [join(example, 'questionnaire.yaml'), join(example, 'responses.csv'), '--group-by', 'branch'];
const tempDir = useTempDir();

/** Runs the CLI with a stdout that keeps bytes, as a pipe (or a terminal, `tty`) would receive them. */
async function runBytes(argv: string[], tty: boolean): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    stdout: { write: (chunk: string | Uint8Array) => out.push(Buffer.from(chunk)) > 0, isTTY: tty },
    stderr: { write: (text: string) => err.push(text) > 0 },
    stdin: Readable.from([]),
    env: { NO_COLOR: '1' },
  });
  return { code, stdout: Buffer.concat(out), stderr: err.join('') };
}

describe('--format xlsx', () => {
  it('writes the same workbook from score and from a saved result, its numbers those of the JSON', async () => {
    const dir = tempDir();
    const saved = join(dir, 'result.json');
    expect((await runChecked(['score', ...score, '--format', 'json', '--output', saved], dir)).code).toBe(0);
    const direct = await runChecked(['score', ...score, '--format', 'xlsx', '--output', join(dir, 'a.xlsx')], dir);
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stdout).toBe('');
    expect(direct.stderr).toContain(`wrote ${join(dir, 'a.xlsx')}`);
    const rendered = await runChecked(['report', saved, '--format', 'xlsx', '--output', join(dir, 'b.xlsx')], dir);
    expect(rendered.code, rendered.stderr).toBe(0);
    const bytes = readFileSync(join(dir, 'a.xlsx'));
    expect(readFileSync(join(dir, 'b.xlsx')).equals(bytes)).toBe(true);

    const result = JSON.parse(readFileSync(saved, 'utf8')) as Result;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const dimensions = workbook.getWorksheet('Dimensions');
    const header = dimensions?.getRow(1).values as unknown[];
    const gap = header.indexOf('Gap');
    const n = header.indexOf('n');
    result.dimensions.forEach((d, i) => {
      const row = dimensions?.getRow(i + 2);
      expect(row?.getCell(1).value).toBe(d.label);
      expect(row?.getCell(gap).value).toBe(d.gap.mean);
      expect(row?.getCell(n).value).toBe(d.gap.n);
    });
    const items = workbook.getWorksheet('Items');
    const itemHeader = items?.getRow(1).values as unknown[];
    result.items.forEach((item, i) => {
      const row = items?.getRow(i + 2);
      // A negatively worded item's statement is marked, as in every report.
      expect(row?.getCell(itemHeader.indexOf('Statement')).value).toBe(
        `${item.reverse ? '(reverse-scored) ' : ''}${item.statement}`,
      );
      expect(row?.getCell(itemHeader.indexOf('P')).value).toBe(item.perception);
      expect(row?.getCell(itemHeader.indexOf('E')).value).toBe(item.expectation);
      expect(row?.getCell(itemHeader.indexOf('n')).value).toBe(item.gap.n);
    });
    expect(workbook.getWorksheet('Segments')?.rowCount).toBe(result.segments.length + 1);
  });

  it('writes the workbook as bytes to a stdout that is a pipe or a file', async () => {
    const dir = tempDir();
    const piped = await runBytes(['score', ...score, '--format', 'xlsx'], false);
    expect(piped.code, piped.stderr).toBe(0);
    await runChecked(['score', ...score, '--format', 'xlsx', '--output', join(dir, 'r.xlsx')], dir);
    expect(piped.stdout.equals(readFileSync(join(dir, 'r.xlsx')))).toBe(true);
    expect(piped.stdout.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('refuses to print the workbook to a terminal, before scoring, and names --output', async () => {
    const tty = await runBytes(['score', ...score, '--format', 'xlsx'], true);
    expect(tty.code).toBe(2);
    expect(tty.stdout.length).toBe(0);
    expect(tty.stderr).toContain('--output report.xlsx');
    // Before any work: no scoring warnings were printed.
    expect(tty.stderr).not.toContain('warning:');
    const report = await runBytes(['report', join(tempDir(), 'missing.json'), '--format', 'xlsx'], true);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('--output report.xlsx');
    // `--output -` is stdout too.
    expect((await runBytes(['score', ...score, '--format', 'xlsx', '--output', '-'], true)).code).toBe(2);
  });

  it('is among the --format choices of score, report, check and merge', async () => {
    for (const command of ['score', 'report', 'check', 'merge']) {
      const help = await runBytes([command, '--help'], false);
      expect(help.stdout.toString('utf8'), command).toMatch(/choices: [^)]*"xlsx"/);
    }
  });

  it('loads exceljs only when a workbook is written (the built binary, its module cache at exit)', async () => {
    const dir = tempDir();
    const hook = join(dir, 'hook.cjs');
    writeFileSync(
      hook,
      "process.on('exit', () => process.stderr.write(Object.keys(require.cache).some((k) => k.includes('/node_modules/exceljs/')) ? 'EXCELJS\\n' : 'NONE\\n'));\n",
    );
    const loaded = async (format: string) => {
      const args = [
        '--require',
        hook,
        binPath,
        'score',
        ...score,
        '--format',
        format,
        '--output',
        join(dir, `r.${format}`),
      ];
      const { stderr } = await promisify(execFile)(process.execPath, args, {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1' },
      });
      return stderr.trim().split('\n').at(-1);
    };
    expect(await loaded('csv')).toBe('NONE');
    expect(await loaded('xlsx')).toBe('EXCELJS');
  });
});
