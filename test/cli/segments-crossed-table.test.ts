import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const bank = join(repoRoot, 'examples', 'bank-branch');

describe('the terminal segments table of crossed --group-by columns', () => {
  it('names the columns once above the table and shows each row by its values, uncut', async () => {
    const run = await runInProcess([
      'score',
      join(bank, 'questionnaire.yaml'),
      join(bank, 'responses.csv'),
      '--group-by',
      'branch,channel',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    const at = lines.indexOf('Segments');
    expect(lines[at + 1]).toBe('branch × channel');
    const rows = lines.slice(at).filter((line) => line.startsWith('│ ') && line.includes(' × '));
    expect(rows.length).toBe(15);
    // Every value pair whole (the longest is "Central × in-person"), never "branch…=".
    expect(rows.some((row) => row.includes('│ Central × in-person │'))).toBe(true);
    expect(run.stdout).not.toContain('branch…=');
    // The dimensions by their labels, not their ids.
    expect(lines.slice(at).find((line) => line.startsWith('│ Segment'))).toContain('Tangib…');
    // The top priorities per segment, as Markdown and HTML give them.
    const top = lines.indexOf('Top priorities per segment');
    expect(top).toBeGreaterThan(at);
    expect(lines.slice(top).some((line) => line.startsWith('- branch,channel=Central × in-person (n = 24): '))).toBe(
      true,
    );
  });
});
