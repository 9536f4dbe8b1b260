import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';
import { baseText } from '../unit/sources/support.js';

const tempDir = useTempDir();

describe('a source section with platform: generic is read, not ignored', () => {
  it('maps renamed columns, labels and missing codes of a plain CSV', async () => {
    const dir = tempDir();
    const ids = ['T1', 'T2', 'R1', 'R2', 'RS1', 'RS2', 'A1', 'A2', 'E1', 'E2'];
    const columns = ids.flatMap((id) => [
      `    - { column: "exp ${id}", item: ${id}, kind: expectation }`,
      `    - { column: "per ${id}", item: ${id}, kind: perception }`,
    ]);
    writeFileSync(
      join(dir, 'q.yaml'),
      `${baseText('en')}\nsource:\n  platform: generic\n  respondent: who\n  columns:\n${columns.join('\n')}\n  labels: { Great: 7 }\n  missing: [skip]\n`,
    );
    const header = ['who', ...ids.flatMap((id) => [`exp ${id}`, `per ${id}`])];
    const row = (r: number, last: string) => [`r${r}`, ...ids.flatMap(() => ['7', '5']).slice(0, -1), last];
    writeFileSync(
      join(dir, 'r.csv'),
      [header, row(1, 'Great'), row(2, 'skip'), row(3, 'NA'), row(4, '-')].map((r) => r.join(',')).join('\n'),
    );
    const result = await runChecked(['score', 'q.yaml', 'r.csv', '--format', 'json'], dir);
    expect(result.stderr).not.toContain('missing column');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.respondents.total).toBe(4);
    const e2 = json.items.find((i: { id: string }) => i.id === 'E2');
    expect(e2.perception).toBe(7);
    expect(e2.gap.n).toBe(1);
  });
});
