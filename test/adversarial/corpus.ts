/**
 * The adversarial corpus: seeded cases, each a set of files in a fresh directory and one servqual
 * command over them, drawn from the classes of issue 12 (encodings, colliding ids and headers,
 * object-key ids, damaged results and partials, hostile text reaching every output, outputs that
 * point at inputs or special files). The invariants every case must hold are in invariants.ts.
 */
import { encodeAs } from '../helpers/encode.js';

export type Rng = () => number;

export interface Case {
  /** The class and a short description, for failure messages. */
  name: string;
  /** Files to write in the case's directory (relative paths), text as UTF-8. */
  files: Record<string, string | Buffer>;
  /** Links to make after the files: [path, target], symbolic or hard. */
  links?: { path: string; target: string; hard?: boolean }[];
  /** Character devices to make (as /dev/null: major 1, minor 3), which must stay devices. */
  devices?: string[];
  /** The command; `@/x` is the absolute path of x in the case's directory. */
  argv: string[];
  env?: Record<string, string>;
  stdin?: string;
  /** Files the command may write or replace (relative); every other file must stay as it was. */
  outputs?: string[];
  /** Exit codes this case may end with (default 0, 1 or 2: never 3). */
  exits?: number[];
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

/** Text that tries to escape where it lands: terminals, CI logs, Markdown, HTML, spreadsheets. */
const HOSTILE = [
  '\u001b[31mred\u001b[0m',
  '\u001b]0;pwned\u0007',
  '\u009b31mC1',
  'bell\u0007',
  'back\bspace',
  'carriage\rreturn',
  'two\nlines',
  '::error::injected',
  '::add-mask::secret',
  '::stop-commands::token',
  'x\n::warning::split',
  '%0A::error::encoded',
  '| a | b |',
  '`tick` ```fence```',
  '@everyone hi @org/team',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://x","y")',
  '+SUM(1,2)',
  '-2+3',
  '@SUM(A1)',
  '\u202Eevil\u202C',
  '\u2066isolate\u2069',
  '# heading',
  '[link](javascript:alert(1))',
  '<!-- comment -->',
  '&amp; &lt;',
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  'Тверская',
  '강남점',
  '😀 emoji',
  'tab\there',
  'quote " and \'',
  'back\\slash',
  '${x} {{y}}',
] as const;

const DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;

export interface QuestionnaireShape {
  text: string;
  items: { id: string; dimension: string }[];
  dimensions: string[];
  kpis: string[];
}

/** YAML double-quoted scalar (JSON strings are YAML). */
const y = (text: string) => JSON.stringify(text);

/** A valid questionnaire, with hostile text in its title, labels, statements and advice when asked. */
export function makeQuestionnaire(
  rng: Rng,
  options: { hostile?: boolean; ids?: readonly string[]; dimensions?: readonly string[] } = {},
): QuestionnaireShape {
  const text = (fallback: string) => (options.hostile && rng() < 0.7 ? pick(rng, HOSTILE) : fallback);
  const dims = options.dimensions ?? DIMENSIONS;
  const items: QuestionnaireShape['items'] = [];
  const lines = [
    'servqual: 1',
    `title: ${y(text('Adversarial audit'))}`,
    'format: two-column',
    ...(options.dimensions ? ['model: custom'] : []),
    `scale: { min: 1, max: 7, labels: { 1: ${y(text('Strongly disagree'))}, 7: ${y(text('Strongly agree'))} } }`,
    'dimensions:',
  ];
  let next = 0;
  for (const [d, id] of dims.entries()) {
    lines.push(
      `  - id: ${id}`,
      `    label: ${y(text(id))}`,
      `    recommendations: [${y(text('Act on it.'))}]`,
      '    items:',
    );
    for (let k = 0; k < 2; k++) {
      const itemId = options.ids?.[next] ?? `${'TRSAE'[d % 5]}${d}${k + 1}`;
      next++;
      items.push({ id: itemId, dimension: id });
      lines.push(
        `      - { id: ${itemId}, expectation: ${y(text('E'))}, perception: ${y(text('P'))}, recommendations: [${y(text('Fix it.'))}] }`,
      );
    }
  }
  lines.push(
    'kpis:',
    `  - { id: nps, type: nps, question: ${y(text('Recommend?'))} }`,
    `  - { id: csat, type: csat, question: ${y(text('Satisfied?'))} }`,
  );
  if (rng() < 0.5)
    lines.push('thresholds:', `  overall: ${pick(rng, [-3, -0.5, 0, 1])}`, `  minRespondents: ${int(rng, 1, 40)}`);
  return { text: `${lines.join('\n')}\n`, items, dimensions: [...dims], kpis: ['nps', 'csat'] };
}

/** Responses for a questionnaire: ids and segments from `segment`, answers mostly on the scale. */
export function makeResponses(
  rng: Rng,
  q: QuestionnaireShape,
  options: {
    rows?: number;
    segment?: () => string;
    id?: (i: number) => string;
    delimiter?: string;
    comments?: readonly string[];
  } = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const header = [
    'respondent',
    'branch',
    ...q.items.flatMap((item) => [`${item.id}_E`, `${item.id}_P`]),
    ...q.dimensions.map((d) => `W_${d}`),
    ...q.kpis,
    'comment',
  ];
  const quote = (cell: string) =>
    /["\r\n,;\t]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell;
  const rows = Array.from({ length: options.rows ?? int(rng, 1, 40) }, (_, i) => {
    const straight = rng() < 0.1 ? String(int(rng, 1, 7)) : null;
    const answers = q.items.flatMap(() => [straight ?? String(int(rng, 1, 7)), straight ?? String(int(rng, 1, 7))]);
    const weights =
      rng() < 0.8
        ? q.dimensions.map(() => String(100 / q.dimensions.length))
        : q.dimensions.map(() => String(int(rng, 0, 50)));
    return [
      options.id?.(i) ?? `r${i}`,
      options.segment?.() ?? pick(rng, ['North', 'South']),
      ...answers,
      ...weights,
      String(int(rng, 0, 10)),
      String(int(rng, 1, 5)),
      pick(rng, options.comments ?? ['', 'fine', ...HOSTILE]),
    ];
  });
  return `${[header, ...rows].map((r) => r.map(quote).join(delimiter)).join('\n')}\n`;
}

const formats = ['table', 'json', 'markdown', 'html', 'csv'] as const;

/** Hostile text in the questionnaire and the data, through every format, with CI annotations on. */
function hostileText(rng: Rng): Case {
  const q = makeQuestionnaire(rng, { hostile: true });
  const responses = makeResponses(rng, q, {
    segment: () => pick(rng, HOSTILE),
    id: (i) => (rng() < 0.2 ? pick(rng, HOSTILE) : `r${i % 7}`),
  });
  const command = pick(rng, ['score', 'check', 'check'] as const);
  const format = pick(rng, formats);
  const output = rng() < 0.5 ? ['--output', `@/out.${format}`] : [];
  const extra =
    command === 'check'
      ? [
          '--min-overall',
          '5',
          '--min-dimension',
          `${q.dimensions[0]}=3`,
          ...(rng() < 0.5 ? ['--junit', '@/junit.xml'] : []),
        ]
      : [];
  return {
    name: `hostile text: ${command} --format ${format}`,
    files: { 'q.yaml': q.text, 'r.csv': responses, 'summary.md': '' },
    argv: [command, '@/q.yaml', '@/r.csv', '--group-by', 'branch', '--format', format, ...output, ...extra],
    env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '@/summary.md' },
    outputs: [`out.${format}`, 'junit.xml', 'summary.md'],
  };
}

const LEGACY = [
  { label: 'windows-1251', names: ['Тверская', 'Невский', 'Арбат'] },
  { label: 'koi8-r', names: ['Москва', 'Казань', 'Самара'] },
  { label: 'euc-kr', names: ['강남점', '종로점', '부산점'] },
  { label: 'windows-1252', names: ['Zürich', 'Genève', 'Málaga'] },
  { label: 'utf-16le', names: ['Тверская', 'Zürich', '강남점'] },
] as const;

/** Responses in a legacy encoding, read with no, the right or a wrong --encoding. */
function encodings(rng: Rng): Case {
  const q = makeQuestionnaire(rng);
  const legacy = pick(rng, LEGACY);
  const text = makeResponses(rng, q, {
    segment: () => pick(rng, legacy.names),
    rows: int(rng, 2, 30),
    comments: ['', 'fine', ...legacy.names],
  });
  const flag = pick(rng, [
    [],
    [],
    ['--encoding', legacy.label],
    ['--encoding', pick(rng, ['cp949', 'windows-1251', 'utf-8', 'koi8-r'])],
  ]);
  const command = pick(rng, ['score', 'map'] as const);
  const argv =
    command === 'score'
      ? ['score', '@/q.yaml', '@/r.csv', '--group-by', 'branch', '--format', 'json', ...flag]
      : ['map', '@/r.csv', '-q', '@/q.yaml', ...flag];
  return {
    name: `encoding ${legacy.label} ${flag.join(' ')} (${command})`,
    files: { 'q.yaml': q.text, 'r.csv': encodeAs(text, legacy.label) },
    argv,
  };
}

/** Headers with repeated or case-folded names, questionnaires with ids that differ only in case. */
function collisions(rng: Rng): Case {
  const variant = int(rng, 0, 2);
  if (variant === 0) {
    const ids = ['T01', 't01', 'R01', 'R02', 'S01', 'S02', 'A01', 'A02', 'E01', 'E02'];
    const q = makeQuestionnaire(rng, { ids });
    return {
      name: 'ids that differ only in case',
      files: { 'q.yaml': q.text, 'r.csv': makeResponses(rng, q) },
      argv: ['score', '@/q.yaml', '@/r.csv'],
      exits: [2],
    };
  }
  const q = makeQuestionnaire(rng);
  const csv = makeResponses(rng, q, { rows: int(rng, 1, 10) });
  const [header, ...rows] = csv.trimEnd().split('\n');
  const names = (header as string).split(',');
  const twin = pick(rng, names.slice(0, -1));
  const copy = variant === 1 ? ` ${twin} ` : twin.toUpperCase() === twin ? twin.toLowerCase() : twin.toUpperCase();
  const text = `${[`${header},${copy}`, ...rows.map((r) => `${r},${int(rng, 1, 7)}`)].join('\n')}\n`;
  const caseOnly = variant === 2 && copy !== twin;
  return {
    name: `header repeats "${twin}" as "${copy}"`,
    files: { 'q.yaml': q.text, 'r.csv': text },
    argv: ['score', '@/q.yaml', '@/r.csv', '--group-by', 'branch'],
    // A name differing only in case beside its exact twin is another column (the exact one is read).
    exits: caseOnly ? [0, 2] : [2],
  };
}

/** Dimension, item and KPI ids, segment values and threshold flags that are Object.prototype keys. */
function objectKeys(rng: Rng): Case {
  const keys = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];
  const q = makeQuestionnaire(rng, {
    ids: ['valueOf', 'toString', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable'],
    dimensions: ['constructor', 'toString', 'valueOf'],
  });
  const flags = pick(rng, [
    ['--min-dimension', `${pick(rng, [...keys, '__proto__'])}=-1`],
    ['--min-item', `${pick(rng, [...keys, '__proto__'])}=-1`],
    ['--min-kpi', `${pick(rng, [...keys, '__proto__'])}=1`],
    [],
  ]);
  return {
    name: `object keys as ids ${flags.join(' ')}`,
    files: { 'q.yaml': q.text, 'r.csv': makeResponses(rng, q, { segment: () => pick(rng, [...keys, '__proto__']) }) },
    argv: ['check', '@/q.yaml', '@/r.csv', '--group-by', 'branch', '--format', pick(rng, formats), ...flags],
  };
}

/** A JSON value with one node replaced at a random path. */
function mutateJson(rng: Rng, value: unknown): unknown {
  const replacements: unknown[] = [
    null,
    'text',
    '',
    -1,
    0,
    1e308,
    -1e308,
    5e-324,
    [],
    {},
    true,
    '::error::x',
    '\u001b[2J',
    { mean: 'x' },
    [1, 2],
    '1e999',
  ];
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(node))
      node.forEach((child, i) => {
        walk(child, [...path, i]);
      });
    else if (node !== null && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(value, []);
  const target = pick(rng, paths.slice(1));
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of target.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = target[target.length - 1] as string | number;
  if (rng() < 0.15 && !Array.isArray(parent)) delete parent[last];
  else parent[last] = pick(rng, replacements);
  return copy;
}

/** A saved result or partial damaged at a random place, given to report, compare or merge. */
function damagedFiles(rng: Rng, base: { result: string; partial: string }): Case {
  const kind = pick(rng, ['report', 'compare', 'merge'] as const);
  const source = kind === 'merge' ? base.partial : base.result;
  let damaged = JSON.stringify(mutateJson(rng, JSON.parse(source)), null, rng() < 0.5 ? 2 : undefined);
  // JSON has no Infinity: a huge exponent is the way to write one.
  if (rng() < 0.15) damaged = damaged.replace(/(-?\d+\.\d+)/, '1e999');
  if (kind === 'report') {
    return {
      name: 'damaged result: report',
      files: { 'a.json': damaged },
      argv: ['report', '@/a.json', '--format', pick(rng, formats)],
    };
  }
  if (kind === 'compare') {
    const order = rng() < 0.5 ? ['@/base.json', '@/a.json'] : ['@/a.json', '@/base.json'];
    return {
      name: 'damaged result: compare',
      files: { 'a.json': damaged, 'base.json': source },
      argv: ['compare', ...order, ...(rng() < 0.5 ? ['--format', 'markdown'] : [])],
    };
  }
  return {
    name: 'damaged partial: merge',
    files: { 'a.json': damaged, 'b.json': source },
    argv: ['merge', '@/a.json', '@/b.json', '--format', pick(rng, formats)],
  };
}

/** --output and --junit pointing at an input through another path, or at special files. */
function outputTargets(rng: Rng): Case {
  const q = makeQuestionnaire(rng);
  const files = { 'q.yaml': q.text, 'r.csv': makeResponses(rng, q), 'sub/keep.txt': 'keep' };
  const target = pick(rng, [
    { path: '@/r.csv', links: [] },
    { path: '@/sub/../r.csv', links: [] },
    { path: '@/link.csv', links: [{ path: 'link.csv', target: 'r.csv' }] },
    { path: '@/hard.csv', links: [{ path: 'hard.csv', target: 'r.csv', hard: true }] },
    { path: '@/dirlink/r.csv', links: [{ path: 'dirlink', target: '.' }] },
    { path: '@/q.yaml', links: [] },
    { path: '@/sub', links: [] },
    { path: '@/missing/out.json', links: [] },
    { path: `@/${'n'.repeat(251)}.out`, links: [] },
    // A null device of the case's own (never the machine's /dev/null, which a rename would replace).
    { path: '@/devnull', links: [], devices: ['devnull'] },
  ]);
  const flag = pick(rng, ['--output', '--junit']);
  const command = flag === '--junit' ? 'check' : pick(rng, ['score', 'check']);
  return {
    name: `${command} ${flag} ${target.path.slice(0, 40)}`,
    files,
    links: target.links,
    ...('devices' in target ? { devices: target.devices } : {}),
    argv: [command, '@/q.yaml', '@/r.csv', '--format', 'json', flag, target.path],
    // Only a new file beside the inputs may appear.
    outputs: [`${'n'.repeat(251)}.out`],
  };
}

/**
 * A plain CSV scored as a platform's export: a platform with two or three header rows would take a
 * response for a header (a respondent silently lost), so it must refuse; one header row reads.
 */
function declaredSource(rng: Rng): Case {
  const q = makeQuestionnaire(rng);
  const platform = pick(rng, ['qualtrics', 'surveymonkey', 'google-forms', 'limesurvey'] as const);
  const multiRow = platform === 'qualtrics' || platform === 'surveymonkey';
  return {
    name: `plain CSV as --source ${platform}`,
    files: { 'q.yaml': q.text, 'r.csv': makeResponses(rng, q, { rows: int(rng, 3, 20) }) },
    argv: ['score', '@/q.yaml', '@/r.csv', '--source', platform, '--format', 'json'],
    exits: multiRow ? [2] : [0, 2],
  };
}

/** UTF-8 text read with an --encoding that names a legacy code page: garbled text must not score. */
function wrongEncodingFlag(rng: Rng): Case {
  const q = makeQuestionnaire(rng);
  const text = makeResponses(rng, q, { segment: () => pick(rng, ['Тверская', '강남점', 'Zürich']) });
  const flag = pick(rng, ['windows-1251', 'cp949', 'koi8-r', 'windows-1252', 'utf-16le', 'shift_jis']);
  return {
    name: `UTF-8 read with --encoding ${flag}`,
    files: { 'q.yaml': q.text, 'r.csv': text },
    argv: ['score', '@/q.yaml', '@/r.csv', '--group-by', 'branch', '--encoding', flag],
    exits: [2],
  };
}

/** A Google Forms export whose question texts and answers are hostile, given to `map`. */
function hostileExport(rng: Rng): Case {
  const q = makeQuestionnaire(rng);
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const questions = q.items.flatMap((item) => [
    `Expectations [${pick(rng, HOSTILE)} ${item.id}]`,
    `Perceptions [${pick(rng, HOSTILE)}]`,
  ]);
  const header = ['Timestamp', pick(rng, HOSTILE), ...questions];
  const rows = Array.from({ length: int(rng, 1, 8) }, () => [
    '2026/01/01 10:00:00',
    pick(rng, HOSTILE),
    ...questions.map(() => pick(rng, ['Strongly agree', '5', pick(rng, HOSTILE)])),
  ]);
  return {
    name: 'hostile Google Forms export through map',
    files: { 'q.yaml': q.text, 'export.csv': `${[header, ...rows].map((r) => r.map(quote).join(',')).join('\n')}\n` },
    argv: [
      'map',
      '@/export.csv',
      '-q',
      '@/q.yaml',
      ...(rng() < 0.5 ? ['--source', pick(rng, ['google-forms', 'qualtrics', 'surveymonkey'])] : []),
    ],
  };
}

export type Generator = (rng: Rng, base: { result: string; partial: string }) => Case;

export const GENERATORS: Record<string, Generator> = {
  hostileText,
  encodings,
  collisions,
  objectKeys,
  damagedFiles,
  outputTargets,
  declaredSource,
  wrongEncodingFlag,
  hostileExport,
};
