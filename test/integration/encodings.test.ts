import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';
import { encodeAs } from '../helpers/encode.js';
import { fixturesDir } from '../helpers/run-cli.js';

const questionnaire = join(fixturesDir, 'questionnaires', 'minimal-two-column.yaml');
const plain = readFileSync(join(fixturesDir, 'responses', 'plain.csv'), 'utf8');

/** plain.csv with its branches renamed: distinct names that all decode to replacement characters when read as UTF-8. */
function withBranches(names: Record<string, string>): string {
  return plain.replace(/,(North|South|East|West),/g, (_, branch: string) => `,${names[branch] ?? branch},`);
}

const cli = runInProcess;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'servqual-enc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cases = [
  {
    label: 'windows-1251',
    flag: 'windows-1251',
    names: { North: 'Тверская', South: 'Невский', East: 'Арбат', West: 'Якиманка' },
  },
  { label: 'koi8-r', flag: 'koi8-r', names: { North: 'Тверская', South: 'Невский', East: 'Арбат', West: 'Якиманка' } },
  { label: 'euc-kr', flag: 'cp949', names: { North: '강남점', South: '종로점', East: '부산점', West: '대구점' } },
  {
    label: 'windows-1252',
    flag: 'windows-1252',
    names: { North: 'Zürich', South: 'Genève', East: 'Köln', West: 'Málaga' },
  },
];

describe('responses in a legacy encoding', () => {
  it.each(cases)(
    'are refused when read as UTF-8, naming $flag, and score with --encoding $flag',
    async ({ label, flag, names }) => {
      const text = withBranches(names);
      const file = join(dir, 'responses.csv');
      writeFileSync(file, encodeAs(text, label));
      const wrong = await cli(['score', questionnaire, file, '--group-by', 'branch', '--format', 'json']);
      expect(wrong.code).toBe(2);
      expect(wrong.stdout).toBe('');
      // The first record's branch is the first bad cell: line 2, column "branch".
      expect(wrong.stderr).toContain(`${file}:2:branch: not valid UTF-8`);
      expect(wrong.stderr).toContain(`--encoding ${flag}`);
      expect(wrong.stderr.trim().split('\n')).toHaveLength(2);

      const right = await cli([
        'score',
        questionnaire,
        file,
        '--group-by',
        'branch',
        '--format',
        'json',
        '--encoding',
        flag,
      ]);
      expect(right.code).toBe(0);
      const segments = (JSON.parse(right.stdout) as { segments: { value: string }[] }).segments
        .map((s) => s.value)
        .sort();
      const expected = [
        ...new Set(
          text
            .split('\n')
            .slice(1, -1)
            .map((line) => line.split(',')[1] as string),
        ),
      ].sort();
      expect(segments).toEqual(expected);
    },
  );

  it('refuses UTF-8 read as a legacy encoding, and bytes the named encoding does not have', async () => {
    const file = join(dir, 'responses.csv');
    writeFileSync(file, withBranches(cases[2]?.names ?? {}));
    for (const flag of ['cp949', 'windows-1251', 'utf-16le']) {
      const result = await cli(['score', questionnaire, file, '--encoding', flag]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /responses\.csv:1: this file is UTF-8, not [a-z0-9-]+: read so, its text would be garbled\n {2}hint: leave --encoding out\n$/,
      );
    }
    // cp949 bytes that are not cp949 (0xFF leads nothing), past an ASCII start.
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(plain.split('\n').slice(0, 3).join('\n')),
        Buffer.from('\nr9,'),
        Uint8Array.of(0xb0, 0xa1, 0xff, 0xff),
        Buffer.from(',7\n'),
      ]),
    );
    const broken = await cli(['score', questionnaire, file, '--encoding', 'cp949']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/responses\.csv:4:5: not valid euc-kr\n/);
  });

  it('names the header cell when the header itself is not UTF-8', async () => {
    const file = join(dir, 'responses.csv');
    writeFileSync(file, encodeAs(plain.replace('respondent,branch', 'respondent,филиал'), 'windows-1251'));
    const result = await cli(['score', questionnaire, file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${file}:1:2: not valid UTF-8 (header cell 2): it looks like Cyrillic windows-1251`,
    );
  });

  it('map reads with --encoding and refuses without it', async () => {
    const file = join(dir, 'export.csv');
    writeFileSync(file, encodeAs(withBranches(cases[0]?.names ?? {}), 'windows-1251'));
    const wrong = await cli(['map', file, '-q', questionnaire]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--encoding windows-1251');
    const right = await cli(['map', file, '-q', questionnaire, '--encoding', 'windows-1251']);
    expect(right.code).toBe(0);
    expect(right.stdout).toContain('source:');
  });
});

describe('questionnaires and saved results that are not UTF-8', () => {
  it('a windows-1251 questionnaire is refused at its first Cyrillic byte, with the iconv command', async () => {
    const text = readFileSync(questionnaire, 'utf8').replace(
      'title: Minimal two-column audit',
      'title: Аудит отделения',
    );
    const file = join(dir, 'q.yaml');
    writeFileSync(file, encodeAs(text, 'windows-1251'));
    const result = await cli(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:2:8: not valid UTF-8: it looks like Cyrillic windows-1251`);
    expect(result.stderr).toContain('iconv -f windows-1251 -t utf-8');
  });

  it('a saved result with a cp949 byte is refused by report', async () => {
    const file = join(dir, 'result.json');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('{"schemaVersion": 1, "title": "'),
        encodeAs('강남점 강남점', 'euc-kr'),
        Buffer.from('"}'),
      ]),
    );
    const result = await cli(['report', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:1:32: not valid UTF-8: it looks like Korean cp949`);
  });
});
