import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';

function fakeIo(options: { failWrites?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: {
        write: (text: string) => {
          if (options.failWrites) throw new Error('disk on fire');
          out.push(text);
          return true;
        },
      },
      stderr: { write: (text: string) => err.push(text) },
      stdin: Readable.from([]),
      env: { NO_COLOR: '1' },
    },
  };
}

describe('cli error handling', () => {
  it('prints the version and exits 0', async () => {
    const { io, out } = fakeIo();
    expect(await run(['--version'], io)).toBe(0);
    expect(out.join('')).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('shows help with an example and exits 0', async () => {
    const { io, out } = fakeIo();
    expect(await run(['score', '--help'], io)).toBe(0);
    expect(out.join('')).toContain('Examples:');
  });

  it('exits 2 on an unknown command or option', async () => {
    const unknown = fakeIo();
    expect(await run(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.err.join('')).toMatch(/unknown command/);
    const option = fakeIo();
    expect(await run(['templates', '--bogus'], option.io)).toBe(2);
    expect(option.err.join('')).toMatch(/unknown option/);
  });

  it('exits 2 with the file named when the questionnaire is missing', async () => {
    const { io, err } = fakeIo();
    expect(await run(['score', 'no-such.yaml', 'x.csv'], io)).toBe(2);
    expect(err.join('')).toBe('no-such.yaml: no such file\n');
  });

  it('turns an unexpected error into exit 3 without a stack, and shows the stack with --debug', async () => {
    const plain = fakeIo({ failWrites: true });
    expect(await run(['templates'], plain.io)).toBe(3);
    expect(plain.err.join('')).toContain('internal error: disk on fire');
    expect(plain.err.join('')).not.toMatch(/\n\s+at /);
    const debug = fakeIo({ failWrites: true });
    expect(await run(['--debug', 'templates'], debug.io)).toBe(3);
    expect(debug.err.join('')).toMatch(/\n\s+at /);
  });

  it('lists the templates', async () => {
    const { io, out } = fakeIo();
    expect(await run(['templates', '--json'], io)).toBe(0);
    const list = JSON.parse(out.join('')) as { name: string; language: string; items: number }[];
    expect(list.map((t) => `${t.name}.${t.language}`)).toEqual(
      expect.arrayContaining([
        'servqual-generic.en',
        'servqual-generic.ru',
        'servperf-generic.en',
        'servqual-zones-generic.en',
      ]),
    );
    expect(list.every((t) => t.items === 22)).toBe(true);
  });
});
