import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, repoRoot } from '../helpers/run-cli.js';

/**
 * Memory must not grow with the number of rows: 200,000 generated respondents are streamed into
 * `servqual score -` under a heap limit far smaller than the data (about 28 MB of CSV), so a
 * reader or scorer that kept rows would die with "heap out of memory".
 */
describe('flat memory', () => {
  it('scores a 200,000-row stream under a 40 MB heap', async () => {
    const questionnaire = join(repoRoot, 'templates', 'servqual-generic.en.yaml');
    const generator = spawn(
      process.execPath,
      [join(repoRoot, 'scripts', 'generate-responses.js'), questionnaire, '--rows', '200000', '--seed', '9'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const scorer = spawn(
      process.execPath,
      ['--max-old-space-size=40', binPath, 'score', questionnaire, '-', '--format', 'json', '--group-by', 'branch'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    generator.stdout.pipe(scorer.stdin);
    let stdout = '';
    let stderr = '';
    scorer.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    scorer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => scorer.on('close', resolve));
    expect(stderr).not.toMatch(/heap out of memory/i);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as { respondents: { total: number }; segments: unknown[] };
    expect(result.respondents.total).toBe(200_000);
    expect(result.segments).toHaveLength(5);
  }, 120_000);
});
