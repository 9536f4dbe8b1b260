import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeCalls } from '../../src/io/atomic-write.js';
import { fixturesDir, useTempDir } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

/** run() with fake streams, as the in-process CLI tests do. */
const cli = (args: string[], env: Record<string, string> = {}) => runInProcess(args, { env });

const dir = useTempDir();
const PREVIOUS = 'the previous report\n';

/** A questionnaire and responses copied into the test's directory; returns the score arguments. */
function inputs(): { q: string; r: string } {
  const q = join(dir(), 'q.yaml');
  const r = join(dir(), 'r.csv');
  copyFileSync(join(fixturesDir, 'questionnaires', 'minimal-two-column.yaml'), q);
  copyFileSync(join(fixturesDir, 'responses', 'plain.csv'), r);
  return { q, r };
}

/** Names in `directory` that look like servqual's temporary files. */
const temporaries = (directory: string) => readdirSync(directory).filter((name) => name.endsWith('.tmp'));

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('--output faults: exit 2, one line naming the file, the previous file intact, no temporary file', () => {
  const faults: { call: 'open' | 'write' | 'sync' | 'rename'; code: string; says: RegExp }[] = [
    { call: 'write', code: 'ENOSPC', says: /no space left on the device/ },
    { call: 'write', code: 'EDQUOT', says: /disk quota/ },
    { call: 'open', code: 'EROFS', says: /read-only/ },
    { call: 'open', code: 'EACCES', says: /permission denied/ },
    { call: 'sync', code: 'EIO', says: /input\/output error/ },
    { call: 'rename', code: 'EXDEV', says: /cannot write it: injected \(EXDEV\)/ },
  ];
  for (const { call, code, says } of faults) {
    it(`${code} on ${call}`, async () => {
      const { q, r } = inputs();
      const output = join(dir(), 'report.json');
      writeFileSync(output, PREVIOUS);
      vi.spyOn(writeCalls, call).mockRejectedValue(errno(code));
      const result = await cli(['score', q, r, '--format', 'json', '--output', output]);
      expect(result.code).toBe(2);
      const lines = result.stderr
        .trimEnd()
        .split('\n')
        .filter((line) => !line.startsWith('warning:'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${output.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot write it: `));
      expect(lines[0]).toMatch(says);
      expect(readFileSync(output, 'utf8')).toBe(PREVIOUS);
      expect(temporaries(dir())).toEqual([]);
    });
  }

  it('--junit and a failed write: exit 2, the JUnit file untouched', async () => {
    const { q, r } = inputs();
    const junit = join(dir(), 'servqual.xml');
    writeFileSync(junit, PREVIOUS);
    vi.spyOn(writeCalls, 'write').mockRejectedValue(errno('ENOSPC'));
    const result = await cli(['check', q, r, '--min-respondents', '1', '--junit', junit]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${junit}: cannot write it: no space left on the device`);
    expect(readFileSync(junit, 'utf8')).toBe(PREVIOUS);
    expect(temporaries(dir())).toEqual([]);
  });

  it('a missing directory', async () => {
    const { q, r } = inputs();
    const result = await cli(['score', q, r, '--output', join(dir(), 'nope', 'report.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/report\.txt: directory .*nope does not exist\n {2}hint: create it first: mkdir -p /);
  });

  it('is found before any work: every command checks its outputs before reading its inputs', async () => {
    const { q } = inputs();
    const missing = join(dir(), 'nope', 'out.txt');
    // The inputs do not exist either: the output's problem is the one reported, so it came first.
    for (const args of [
      ['score', q, join(dir(), 'absent.csv'), '--output', missing],
      ['score', q, join(dir(), 'absent.csv'), '--partial', '--output', missing],
      ['check', q, join(dir(), 'absent.csv'), '--junit', missing],
      ['report', join(dir(), 'absent.json'), '--output', missing],
      ['merge', q, join(dir(), 'absent.json'), '--output', missing],
      ['compare', join(dir(), 'a.json'), join(dir(), 'b.json'), '--output', missing],
      ['map', join(dir(), 'absent.csv'), '-q', q, '--output', missing],
    ]) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/out\.txt: directory .*nope does not exist\n/);
    }
  });

  it('a name longer than the file system allows (256 bytes)', async () => {
    const { q, r } = inputs();
    const result = await cli(['score', q, r, '--output', join(dir(), `${'n'.repeat(251)}.json`)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\.json: the file name is too long\n$/);
    expect(readdirSync(dir()).sort()).toEqual(['q.yaml', 'r.csv']);
  });

  it('a 255-byte target name is written: the temporary name does not grow with it', async () => {
    const { q, r } = inputs();
    const output = join(dir(), `${'n'.repeat(250)}.json`);
    const result = await cli(['score', q, r, '--format', 'json', '--output', output]);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(output, 'utf8')).schemaVersion).toBe(1);
    expect(temporaries(dir())).toEqual([]);
  });

  it('a replaced report keeps its permissions', async () => {
    const { q, r } = inputs();
    const output = join(dir(), 'private.txt');
    writeFileSync(output, PREVIOUS, { mode: 0o600 });
    chmodSync(output, 0o600);
    expect((await cli(['score', q, r, '--output', output])).code).toBe(0);
    expect(statSync(output).mode & 0o777).toBe(0o600);
    expect(readFileSync(output, 'utf8')).not.toBe(PREVIOUS);
  });

  it('a path ending with / that does not exist: refused, nothing created', async () => {
    const { q, r } = inputs();
    const result = await cli(['score', q, r, '--output', `${join(dir(), 'reports')}/`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/reports\/: names a directory \(it ends with \/\), not a file\n$/);
    expect(readdirSync(dir()).sort()).toEqual(['q.yaml', 'r.csv']);
  });

  it('a directory as the output', async () => {
    const { q, r } = inputs();
    mkdirSync(join(dir(), 'out'));
    const result = await cli(['score', q, r, '--output', join(dir(), 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/out: is a directory, not a file\n$/);
  });
});

describe('stale temporary files', () => {
  const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 4);

  /** The pid of a process that has ended. */
  function deadPid(): number {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    return Number(child.stdout);
  }

  it('a write removes the ones of dead processes of this machine and old ones, keeping live and recent ones', async () => {
    const { q, r } = inputs();
    const dead = `.servqual-${HOST}-${deadPid()}-0badf00d.tmp`;
    const live = `.servqual-${HOST}-${process.pid}-0badf00d.tmp`;
    const otherHostRecent = `.servqual-${HOST === 'ffff' ? 'fffe' : 'ffff'}-1-0badf00d.tmp`;
    const otherHostOld = `.servqual-${HOST === 'ffff' ? 'fffe' : 'ffff'}-2-0badf00d.tmp`;
    const notOurs = '.report.json.1.abc.tmp';
    for (const name of [dead, live, otherHostRecent, otherHostOld, notOurs])
      writeFileSync(join(dir(), name), 'half a report');
    const twoHoursAgo = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    utimesSync(join(dir(), otherHostOld), twoHoursAgo, twoHoursAgo);
    const result = await cli(['score', q, r, '--output', join(dir(), 'report.txt')]);
    expect(result.code).toBe(0);
    expect(temporaries(dir()).sort()).toEqual([live, otherHostRecent, notOurs].sort());
  });
});

describe('outputs that resolve to an input are refused, whatever path names them', () => {
  it.each([
    [
      'a symlinked directory',
      (d: string) => {
        symlinkSync(d, join(d, 'via'));
        return join(d, 'via', 'r.csv');
      },
    ],
    [
      '..',
      (d: string) => {
        mkdirSync(join(d, 'sub'));
        return join(d, 'sub', '..', 'r.csv');
      },
    ],
    ['/proc/self/cwd', () => '/proc/self/cwd/r.csv'],
    [
      'a hard link',
      (d: string) => {
        linkSync(join(d, 'r.csv'), join(d, 'hard.csv'));
        return join(d, 'hard.csv');
      },
    ],
    [
      'a symlink to the questionnaire',
      (d: string) => {
        symlinkSync(join(d, 'q.yaml'), join(d, 'link.yaml'));
        return join(d, 'link.yaml');
      },
    ],
  ])('through %s', async (_, outputFor) => {
    const { q, r } = inputs();
    const before = { q: readFileSync(q, 'utf8'), r: readFileSync(r, 'utf8') };
    const cwd = process.cwd();
    process.chdir(dir());
    try {
      const output = outputFor(dir());
      const result = await cli(['score', q, r, '--output', output]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/refusing to overwrite an input file with the output/);
    } finally {
      process.chdir(cwd);
    }
    expect({ q: readFileSync(q, 'utf8'), r: readFileSync(r, 'utf8') }).toEqual(before);
    expect(temporaries(dir())).toEqual([]);
  });

  it('also for --junit', async () => {
    const { q, r } = inputs();
    linkSync(r, join(dir(), 'hard.csv'));
    const before = readFileSync(r, 'utf8');
    const result = await cli(['check', q, r, '--min-respondents', '1', '--junit', join(dir(), 'hard.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/hard\.csv: refusing to overwrite an input file with the output/);
    expect(readFileSync(r, 'utf8')).toBe(before);
  });
});

describe('symlinks, pipes and devices as outputs', () => {
  it('a symlink: the file it points to is replaced, the link stays a link', async () => {
    const { q, r } = inputs();
    mkdirSync(join(dir(), 'www'));
    const real = join(dir(), 'www', 'report.json');
    writeFileSync(real, PREVIOUS);
    symlinkSync(real, join(dir(), 'latest.json'));
    const result = await cli(['score', q, r, '--format', 'json', '--output', join(dir(), 'latest.json')]);
    expect(result.code).toBe(0);
    expect(lstatSync(join(dir(), 'latest.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).schemaVersion).toBe(1);
    expect(temporaries(dir())).toEqual([]);
    expect(temporaries(join(dir(), 'www'))).toEqual([]);
  });

  it('a dangling symlink is refused, and nothing is created', async () => {
    const { q, r } = inputs();
    symlinkSync(join(dir(), 'missing.json'), join(dir(), 'latest.json'));
    const result = await cli(['score', q, r, '--output', join(dir(), 'latest.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/latest\.json: is a symbolic link to a file that does not exist/);
    expect(existsSync(join(dir(), 'missing.json'))).toBe(false);
    expect(lstatSync(join(dir(), 'latest.json')).isSymbolicLink()).toBe(true);
  });

  it('a FIFO is written through to its reader and stays a FIFO', async () => {
    const { q, r } = inputs();
    const fifo = join(dir(), 'report.fifo');
    spawnSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    const read: Buffer[] = [];
    reader.stdout.on('data', (chunk: Buffer) => read.push(chunk));
    const ended = new Promise((resolve) => reader.on('close', resolve));
    const result = await cli(['score', q, r, '--format', 'json', '--output', fifo]);
    await ended;
    expect(result.code).toBe(0);
    expect(JSON.parse(Buffer.concat(read).toString('utf8')).schemaVersion).toBe(1);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(temporaries(dir())).toEqual([]);
  });

  it('a character device of our own (a null device made with mknod) is written through, never replaced', async (context) => {
    const node = join(dir(), 'null');
    const made = spawnSync('mknod', [node, 'c', '1', '3']);
    if (made.status !== 0) context.skip();
    const { q, r } = inputs();
    const result = await cli(['score', q, r, '--output', node]);
    expect(result.code).toBe(0);
    expect(statSync(node).isCharacterDevice()).toBe(true);
    expect(temporaries(dir())).toEqual([]);
  });

  it('a full device of our own (mknod c 1 7, like /dev/full): ENOSPC for real, exit 2, still a device', async (context) => {
    const node = join(dir(), 'full');
    const made = spawnSync('mknod', [node, 'c', '1', '7']);
    if (made.status !== 0) context.skip();
    const { q, r } = inputs();
    const result = await cli(['score', q, r, '--output', node]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/full: cannot write it: no space left on the device\n$/);
    expect(statSync(node).isCharacterDevice()).toBe(true);
  });

  it('a socket is refused', async () => {
    const { q, r } = inputs();
    const path = join(dir(), 'sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const result = await cli(['score', q, r, '--output', path]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /sock: is a socket: servqual writes to regular files, pipes and character devices only/,
      );
      expect(lstatSync(path).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });
});

describe('GITHUB_STEP_SUMMARY that cannot be written: a warning, and the check decides the exit code', () => {
  it.each([
    ['a directory', (d: string) => d, 0, '1'],
    ['a missing directory', (d: string) => join(d, 'nope', 'summary.md'), 1, '1000'],
  ])('%s', async (_, summaryFor, expected, minimum) => {
    const { q, r } = inputs();
    const summary = summaryFor(dir());
    const result = await cli(['check', q, r, '--min-respondents', minimum], { GITHUB_STEP_SUMMARY: summary });
    expect(result.code).toBe(expected);
    expect(result.stderr).toContain(`warning: GITHUB_STEP_SUMMARY ${summary}: cannot write it: `);
  });
});

describe('real file-system faults on a small tmpfs (mounted by the test; needs root and mount)', () => {
  /** Mounts a 64 KiB tmpfs at `mnt`, or returns why it cannot. */
  function mountTmpfs(mnt: string): string | null {
    mkdirSync(mnt);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { encoding: 'utf8' });
    return mounted.status === 0
      ? null
      : `cannot mount a tmpfs here: ${(mounted.stderr || mounted.error?.message || '').trim()}`;
  }

  it('ENOSPC: exit 2, the previous report intact, no temporary file; then EROFS the same', async (context) => {
    const mnt = join(dir(), 'mnt');
    const why = mountTmpfs(mnt);
    if (why !== null) {
      console.warn(`skipped: ${why}`);
      context.skip();
    }
    try {
      const { q, r } = inputs();
      const output = join(mnt, 'report.json');
      writeFileSync(output, PREVIOUS);
      // Fill what is left, so that the report cannot fit.
      for (let size = 64 * 1024; size >= 512; size = Math.floor(size / 2)) {
        try {
          writeFileSync(join(mnt, `filler-${size}`), Buffer.alloc(size));
        } catch {
          // that one did not fit: try a smaller piece
        }
      }
      const full = await cli(['score', q, r, '--format', 'json', '--output', output]);
      expect(full.code).toBe(2);
      expect(full.stderr).toContain(`${output}: cannot write it: no space left on the device\n`);
      expect(readFileSync(output, 'utf8')).toBe(PREVIOUS);
      expect(temporaries(mnt)).toEqual([]);

      expect(spawnSync('mount', ['-o', 'remount,ro', mnt]).status).toBe(0);
      const readOnly = await cli(['score', q, r, '--format', 'json', '--output', output]);
      expect(readOnly.code).toBe(2);
      expect(readOnly.stderr).toContain(`${output}: cannot write it: the file system is read-only\n`);
      expect(readFileSync(output, 'utf8')).toBe(PREVIOUS);
      const junit = await cli(['check', q, r, '--min-respondents', '1', '--junit', join(mnt, 'servqual.xml')]);
      expect(junit.code).toBe(2);
      expect(junit.stderr).toContain('servqual.xml: cannot write it: the file system is read-only\n');
      expect(temporaries(mnt)).toEqual([]);
    } finally {
      spawnSync('umount', [mnt]);
    }
  });
});

describe('check --output and --junit', () => {
  it('naming the same file is refused before scoring', async () => {
    const { q, r } = inputs();
    const result = await cli(['check', q, r, '--output', join(dir(), 'x.xml'), '--junit', join(dir(), 'x.xml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--junit .*x\.xml: the same file as --output; name two files\n$/);
    expect(existsSync(join(dir(), 'x.xml'))).toBe(false);
  });

  it('--junit through a symlink to the --output file is refused, the report kept', async () => {
    const { q, r } = inputs();
    symlinkSync(join(dir(), 'report.txt'), join(dir(), 'alias.xml'));
    writeFileSync(join(dir(), 'report.txt'), PREVIOUS);
    const result = await cli([
      'check',
      q,
      r,
      '--min-respondents',
      '1',
      '--output',
      join(dir(), 'report.txt'),
      '--junit',
      join(dir(), 'alias.xml'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/alias\.xml: refusing to overwrite an input file with the output/);
    expect(readFileSync(join(dir(), 'report.txt'), 'utf8')).toContain('Checks');
  });
});
