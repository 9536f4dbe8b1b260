import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCsv, repoRoot, useTempDir } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { startCli, tmuxAvailable, useTmuxSessions } from '../helpers/tmux.js';

const questionnaire = join(repoRoot, 'templates', 'servqual-generic.en.yaml');
const tempDir = useTempDir();

async function generate(rows: number): Promise<string> {
  const file = join(tempDir(), 'responses.csv');
  await generateCsv([questionnaire, '--rows', String(rows), '--seed', '4', '--out', file]);
  return file;
}

describe('progress', () => {
  it('draws nothing when stderr is not a terminal', async () => {
    const run = await runInProcess(['score', questionnaire, await generate(2000), '--format', 'json'], {
      cwd: tempDir(),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/scoring|MB\/s/);
  });

  describe.runIf(tmuxAvailable)('on a terminal', () => {
    useTmuxSessions();

    it('shows rows, MB/s, percent and ETA on stderr while scoring, and clears it at the end', async () => {
      const file = await generate(400_000);
      const s = startCli({
        cwd: tempDir(),
        args: ['score', questionnaire, file, '--format', 'json', '--output', 'out.json'],
      });
      await s.waitFor(/scoring .*\d+% [\d,]+ rows · [\d.]+ MB\/s · ETA \d+s/);
      expect(await s.waitForExit(120_000)).toBe(0);
      expect(s.screen()).not.toMatch(/scoring/);
    });

    it('stays quiet with --quiet', async () => {
      const file = await generate(150_000);
      const s = startCli({
        cwd: tempDir(),
        args: ['score', questionnaire, file, '--format', 'json', '--output', 'out.json', '--quiet'],
      });
      let seen = false;
      const poll = setInterval(() => {
        if (/scoring/.test(s.screen())) seen = true;
      }, 25);
      expect(await s.waitForExit(120_000)).toBe(0);
      clearInterval(poll);
      expect(seen).toBe(false);
    });
  });
});
