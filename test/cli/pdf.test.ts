import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { findChromium } from '../../src/io/chromium.js';
import { BINARY_REPORT_FORMATS, isBinaryFormat, REPORT_FORMATS } from '../../src/render/formats.js';
import { repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';

// `--format pdf` without a browser: none of these tests starts Chromium (the printed PDF is
// tested in test/e2e/html-layout.test.ts).
const example = join(repoRoot, 'examples', 'bank-branch');
const score = ['score', join(example, 'questionnaire.yaml'), join(example, 'responses.csv')];
const tempDir = useTempDir();
const INSTALL =
  'install chromium (apt install chromium) or Google Chrome, or point --chromium / SERVQUAL_CHROMIUM at it';

describe('--format pdf', () => {
  it('is a binary report format among the --format choices', () => {
    expect(REPORT_FORMATS).toContain('pdf');
    expect(BINARY_REPORT_FORMATS).toContain('pdf');
    expect(isBinaryFormat('pdf')).toBe(true);
  });

  it('with a --chromium that does not exist: exit 2, one line naming what to install, before scoring', async () => {
    const dir = tempDir();
    const output = join(dir, 'report.pdf');
    const runs = [
      await runChecked([...score, '--format', 'pdf', '--output', output, '--chromium', '/nonexistent'], dir),
      await runChecked(['report', join(dir, 'missing.json'), '--format', 'pdf', '--chromium', '/nonexistent'], dir),
    ];
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      // Exactly this line: no scoring warnings, so it was refused before any row was read.
      expect(r.stderr.trim()).toBe(`no Chromium found at /nonexistent (--chromium): ${INSTALL}`);
    }
  });

  it('is refused on a terminal like any binary format', async () => {
    const err: string[] = [];
    const code = await run([...score, '--format', 'pdf'], {
      stdout: { write: () => true, isTTY: true },
      stderr: { write: (text: string) => err.push(text) > 0 },
      stdin: Readable.from([]),
      env: { NO_COLOR: '1' },
    });
    expect(code).toBe(2);
    expect(err.join('')).toContain('--format pdf is a binary file and is not printed to a terminal');
  });
});

describe('findChromium', () => {
  const only =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path);

  it('takes --chromium, then SERVQUAL_CHROMIUM, then CHROMIUM_PATH, then the usual install paths', () => {
    const exists = only('/a', '/b', '/c', '/usr/bin/google-chrome');
    const env = { SERVQUAL_CHROMIUM: '/b', CHROMIUM_PATH: '/c' };
    expect(findChromium({ flag: '/a', env, platform: 'linux', exists })).toBe('/a');
    expect(findChromium({ env, platform: 'linux', exists })).toBe('/b');
    expect(findChromium({ env: { CHROMIUM_PATH: '/c' }, platform: 'linux', exists })).toBe('/c');
    expect(findChromium({ env: {}, platform: 'linux', exists })).toBe('/usr/bin/google-chrome');
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium({ env: {}, platform: 'darwin', exists: only(mac) })).toBe(mac);
  });

  it('names what to install when there is none, and never falls back from a path given explicitly', () => {
    expect(() => findChromium({ env: {}, platform: 'linux', exists: only() })).toThrow(`no Chromium found: ${INSTALL}`);
    expect(() =>
      findChromium({ env: { SERVQUAL_CHROMIUM: '/gone' }, platform: 'linux', exists: only('/usr/bin/chromium') }),
    ).toThrow('no Chromium found at /gone (SERVQUAL_CHROMIUM)');
  });
});
