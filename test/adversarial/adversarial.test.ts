import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../helpers/random.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { GENERATORS, makeQuestionnaire, makeResponses, type Case } from './corpus.js';
import { exitProblems, textProblems } from './invariants.js';

/*
 * Issue 12's adversarial suite: seeded cases of every class (corpus.ts), each run as a user runs
 * servqual, checked against the invariants (invariants.ts): no exit 3, no stack trace, no NaN or
 * undefined, no raw control character or workflow command from data, no input changed, no special
 * file replaced, no temporary file left. ADVERSARIAL_RUNS (or FUZZ_RUNS, `npm run fuzz`) draws more.
 */
const RUNS = Number(process.env.ADVERSARIAL_RUNS ?? process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.ADVERSARIAL_SEED ?? 20261204);

let root: string;
const base = { result: '', partial: '' };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'servqual-adversarial-'));
  const rng = mulberry32(SEED - 1);
  const q = makeQuestionnaire(rng);
  writeFileSync(join(root, 'q.yaml'), q.text);
  writeFileSync(join(root, 'r.csv'), makeResponses(rng, q, { rows: 60 }));
  const scored = await runInProcess([
    'score',
    join(root, 'q.yaml'),
    join(root, 'r.csv'),
    '--group-by',
    'branch',
    '--format',
    'json',
  ]);
  const partial = await runInProcess([
    'score',
    join(root, 'q.yaml'),
    join(root, 'r.csv'),
    '--group-by',
    'branch',
    '--partial',
  ]);
  if (scored.code !== 0 || partial.code !== 0)
    throw new Error(`the base result did not score: ${scored.stderr}${partial.stderr}`);
  base.result = scored.stdout;
  base.partial = partial.stdout;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Snapshot = Map<string, string>;

/** Every entry below `dir`: its type and, for a file, a hash of its bytes. */
function snapshot(dir: string): Snapshot {
  const out: Snapshot = new Map();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const info = lstatSync(path);
      const key = relative(dir, path);
      if (info.isSymbolicLink()) out.set(key, 'symlink');
      else if (info.isCharacterDevice()) out.set(key, 'device');
      else if (info.isDirectory()) {
        out.set(key, 'directory');
        walk(path);
      } else out.set(key, `file ${createHash('sha256').update(readFileSync(path)).digest('hex')} ${info.ino}`);
    }
  };
  walk(dir);
  return out;
}

function materialise(c: Case, dir: string): boolean {
  for (const [name, content] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  for (const link of c.links ?? []) {
    if (link.hard) linkSync(join(dir, link.target), join(dir, link.path));
    else symlinkSync(link.target, join(dir, link.path));
  }
  for (const device of c.devices ?? []) {
    try {
      execFileSync('mknod', [join(dir, device), 'c', '1', '3'], { stdio: 'ignore' });
    } catch {
      return false;
    }
  }
  return true;
}

const resolve = (dir: string, text: string) => (text.startsWith('@/') ? join(dir, text.slice(2)) : text);

async function check(c: Case, dir: string): Promise<string[]> {
  const before = snapshot(dir);
  const argv = c.argv.map((a) => resolve(dir, a));
  const env = Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, resolve(dir, v)]));
  const run = await runInProcess(argv, { env, ...(c.stdin !== undefined ? { stdin: c.stdin } : {}) });
  const problems = [...exitProblems(run.code, run.stderr, c.exits ?? [0, 1, 2])];
  problems.push(...textProblems('stderr', run.stderr, 'terminal'), ...textProblems('stdout', run.stdout, 'terminal'));
  const jsonOnStdout = argv.includes('json') && !argv.includes('--output') && run.code !== 2 && !argv.includes('map');
  if (jsonOnStdout) problems.push(...textProblems('stdout', run.stdout, 'json'));
  const after = snapshot(dir);
  const outputs = new Set(c.outputs ?? []);
  for (const [path, state] of before) {
    if (outputs.has(path)) continue;
    if (after.get(path) !== state)
      problems.push(`${path} changed: ${state.split(' ')[0]} -> ${after.get(path)?.split(' ')[0] ?? 'gone'}`);
  }
  for (const [path, state] of after) {
    if (before.has(path) && !outputs.has(path)) continue;
    if (!outputs.has(path)) {
      problems.push(`a file was left behind: ${path}`);
      continue;
    }
    if (state.startsWith('file')) {
      const text = readFileSync(join(dir, path), 'utf8');
      problems.push(...textProblems(path, text, path.endsWith('.json') ? 'json' : 'file'));
    }
  }
  if (problems.length > 0)
    problems.unshift(`$ servqual ${c.argv.join(' ')}  (exit ${run.code})\n${run.stderr.slice(0, 600)}`);
  return problems;
}

describe('the adversarial corpus', () => {
  for (const [name, generate] of Object.entries(GENERATORS)) {
    it(`holds every invariant: ${name}`, async () => {
      const rng = mulberry32(SEED + name.length * 7919 + name.charCodeAt(0));
      const failures: string[] = [];
      let ran = 0;
      for (let k = 0; k < RUNS; k++) {
        const c = generate(rng, base);
        const dir = mkdtempSync(join(root, 'case-'));
        if (!materialise(c, dir)) continue;
        ran++;
        const problems = await check(c, dir);
        if (problems.length > 0) failures.push(`case ${k} (${c.name}):\n  ${problems.join('\n  ')}`);
        rmSync(dir, { recursive: true, force: true });
      }
      expect(ran).toBeGreaterThan(0);
      expect(failures.slice(0, 5).join('\n\n')).toBe('');
    }, 120_000);
  }
});
