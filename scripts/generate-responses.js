#!/usr/bin/env node
// @ts-check
/**
 * Seeded generator of realistic SERVQUAL survey responses (CSV) for any questionnaire in the
 * servqual YAML format (see docs / SPEC "The questionnaire (YAML)" and "Responses (CSV)").
 *
 * Plain ESM JavaScript so it runs with bare `node` (no build step). Used for examples, tests and
 * benchmarks. The same questionnaire, options and seed always give byte-identical output.
 *
 * Usage:
 *   node scripts/generate-responses.js QUESTIONNAIRE.yaml --rows N [--seed S] [--out FILE]
 *        [--missing 0.02] [--invalid-weights 0.05] [--blank-weights 0.05] [--no-comments]
 *        [--duplicate-ids N] [--straight-liners N] [--crlf] [--stats]
 *
 * Rows are built one at a time and written with backpressure, so memory stays flat for any
 * number of rows.
 */
import { readFileSync, createWriteStream, realpathSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * @typedef {{ min: number, max: number }} Scale
 * @typedef {{ id: string, reverse?: boolean }} Item
 * @typedef {{ id: string, items: Item[] }} Dimension
 * @typedef {{ id: string, type: string, scale?: Scale }} Kpi
 * @typedef {{
 *   format?: 'two-column' | 'three-column' | 'perceptions-only',
 *   language?: string,
 *   scale?: Scale,
 *   dimensions: Dimension[],
 *   kpis?: Kpi[],
 *   columns?: { respondent?: string, expectation?: string, perception?: string,
 *               minimum?: string, desired?: string, weight?: string },
 * }} Questionnaire
 * @typedef {{
 *   rows: number,
 *   seed?: number | string,
 *   missingRate?: number,
 *   invalidWeightRate?: number,
 *   blankWeightRate?: number,
 *   segments?: Record<string, string[]>,
 *   comments?: boolean,
 *   duplicateIds?: number,
 *   straightLiners?: number,
 *   crlf?: boolean,
 * }} GenerateOptions
 */

/** Default segment columns and their values. */
export const DEFAULT_SEGMENTS = Object.freeze({
  branch: ['North', 'South', 'East', 'West', 'Central'],
  channel: ['in-person', 'phone', 'app'],
});

/**
 * True levels on a 1-7 scale (mapped onto the questionnaire's scale): expectation, perception and
 * the mean importance (100-point allocation). Reliability and responsiveness fall clearly short of
 * expectations; tangibles almost meet them. Dimensions of a custom model get seeded levels.
 * @type {Record<string, { e: number, p: number, w: number }>}
 */
const LEVELS = {
  tangibles: { e: 6.0, p: 5.8, w: 12 },
  reliability: { e: 6.6, p: 5.0, w: 32 },
  responsiveness: { e: 6.4, p: 5.1, w: 22 },
  assurance: { e: 6.3, p: 5.7, w: 19 },
  empathy: { e: 6.1, p: 5.5, w: 15 },
};

const COMMENTS_EN = [
  'Friendly staff, but the queue was far too long.',
  'Great service overall.',
  'The app keeps logging me out, which is frustrating.',
  'My transfer was delayed by three days, and nobody called me back.',
  'The teller said "we will fix it tomorrow", and then nothing happened.',
  'Clean branch, modern equipment.',
  'Had to explain my problem to three different people.',
  'Opening hours do not suit people who work 9 to 5.',
  'The advisor was patient and explained every fee.',
  'Phone support put me on hold for 40 minutes.',
  'Very professional, I felt my money was safe.',
  'They promised a call back "within the hour"; it took two days.',
  'Card was blocked without warning, twice.',
  'Nice people.\nBut the parking is a nightmare.',
  'Forms are confusing, too much paperwork.',
  'Quick, polite, no complaints.',
  'The ATM was out of cash again, as usual.',
  'Statement had an error, fixed after I insisted.',
  'Staff seemed rushed and did not listen.',
  'Best branch in town, keep it up!',
];

const COMMENTS_RU = [
  'Вежливый персонал, но очередь слишком длинная.',
  'В целом отличное обслуживание.',
  'Приложение постоянно выкидывает из аккаунта, это раздражает.',
  'Перевод задержали на три дня, и никто не перезвонил.',
  'Операционист сказал «завтра исправим», и ничего не произошло.',
  'Чистое отделение, современное оборудование.',
  'Пришлось объяснять проблему трём разным сотрудникам.',
  'Часы работы неудобны для тех, кто работает с 9 до 18.',
  'Консультант терпеливо объяснил все комиссии.',
  'По телефону держали на линии 40 минут.',
  'Очень профессионально, я чувствовал, что деньги в безопасности.',
  'Обещали перезвонить "в течение часа", перезвонили через два дня.',
  'Карту заблокировали без предупреждения, дважды.',
  'Приятные люди.\nНо с парковкой беда.',
  'Анкеты запутанные, слишком много бумаг.',
  'Быстро, вежливо, претензий нет.',
  'В банкомате опять не было наличных, как обычно.',
  'В выписке была ошибка, исправили после моей настойчивости.',
  'Сотрудники торопились и не слушали.',
  'Лучшее отделение в городе, так держать!',
];

const COMMENT_RATE = 0.3;
const KPI_BLANK_RATE = 0.05;

// ---------------------------------------------------------------------------------------------
// PRNG

/**
 * Hashes any seed (number or string) to a 32-bit integer (xmur3-style), so `42` and `"42"` agree.
 * @param {number | string} seed
 * @returns {number}
 */
function hashSeed(seed) {
  const s = String(seed);
  let h = 1779033703 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * mulberry32: a tiny, fast, seedable PRNG with uniform output in [0, 1).
 * @param {number} a
 * @returns {() => number}
 */
export function mulberry32(a) {
  return function next() {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded random source with uniform, integer and standard-normal draws.
 * @param {number} seed32
 */
function makeRandom(seed32) {
  const u = mulberry32(seed32);
  /** @type {number | null} */
  let spare = null;
  return {
    u,
    /** @param {number} n @returns {number} an integer in [0, n) */
    int: (n) => Math.floor(u() * n),
    /** @returns {number} a standard normal draw (Box-Muller) */
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let a = u();
      while (a <= Number.EPSILON) a = u();
      const r = Math.sqrt(-2 * Math.log(a));
      const th = 2 * Math.PI * u();
      spare = r * Math.sin(th);
      return r * Math.cos(th);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CSV helpers

/**
 * Quotes a field per RFC 4180 only when needed.
 * @param {string} s
 * @returns {string}
 */
export function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * @param {number} v
 * @param {number} lo
 * @param {number} hi
 */
function clamp(v, lo, hi) {
  return v < lo ? lo : Math.min(v, hi);
}

/**
 * @param {unknown} v
 * @param {string} name
 * @param {number} dflt
 */
function rate(v, name, dflt) {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    throw new RangeError(`${name} must be a number between 0 and 1, got ${String(v)}`);
  }
  return v;
}

/**
 * @param {unknown} v
 * @param {string} name
 */
function count(v, name) {
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(v)}`);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Generator

/**
 * Generates a responses CSV for `questionnaire`, one line at a time (header first, no trailing
 * newline on any line). Memory use does not grow with `rows`.
 *
 * @param {Questionnaire} questionnaire the parsed questionnaire YAML
 * @param {GenerateOptions} options
 * @returns {Generator<string, void, void>}
 */
export function* generateResponses(questionnaire, options) {
  if (!questionnaire || typeof questionnaire !== 'object' || !Array.isArray(questionnaire.dimensions)) {
    throw new TypeError('questionnaire must be an object with a dimensions array');
  }
  const rows = count(options?.rows, 'rows');
  const seed = options.seed ?? 1;
  const missingRate = rate(options.missingRate, 'missingRate', 0.02);
  const invalidWeightRate = rate(options.invalidWeightRate, 'invalidWeightRate', 0.05);
  const blankWeightRate = rate(options.blankWeightRate, 'blankWeightRate', 0.05);
  if (invalidWeightRate + blankWeightRate > 1) {
    throw new RangeError('invalidWeightRate + blankWeightRate must not exceed 1');
  }
  const segments = options.segments ?? DEFAULT_SEGMENTS;
  const comments = options.comments ?? true;
  const eol = options.crlf ? '\r\n' : '\n';
  const duplicateIds = rows > 0 ? Math.min(count(options.duplicateIds, 'duplicateIds'), rows - 1) : 0;
  const uniqueRows = rows - duplicateIds;
  const straightLiners = Math.min(count(options.straightLiners, 'straightLiners'), uniqueRows);

  const format = questionnaire.format ?? 'two-column';
  if (!['two-column', 'three-column', 'perceptions-only'].includes(format)) {
    throw new TypeError(`unknown questionnaire format: ${String(format)}`);
  }
  const smin = questionnaire.scale?.min ?? 1;
  const smax = questionnaire.scale?.max ?? 7;
  const k7 = (smax - smin) / 6; // 1-7 latent -> questionnaire scale
  const cols = questionnaire.columns ?? {};
  const respondentCol = cols.respondent ?? 'respondent';
  const tplE = cols.expectation ?? '{item}_E';
  const tplP = cols.perception ?? '{item}_P';
  const tplMin = cols.minimum ?? '{item}_MIN';
  const tplDes = cols.desired ?? '{item}_DES';
  const tplW = cols.weight ?? 'W_{dimension}';
  const kpis = Array.isArray(questionnaire.kpis) ? questionnaire.kpis : [];
  const commentList = questionnaire.language === 'ru' ? COMMENTS_RU : COMMENTS_EN;
  const commentCells = commentList.map((c) => csvField(c.replace(/\n/g, eol)));

  // Structural randomness (item offsets, segment effects, straight-liner rows) has its own stream,
  // so it does not depend on how many rows are drawn.
  const base = hashSeed(seed);
  const S = makeRandom(base ^ 0x9e3779b9);
  const R = makeRandom(base);

  // Dimensions and items with their true levels (1-7 latent scale).
  const dims = questionnaire.dimensions.map((d) => {
    if (!d || typeof d.id !== 'string' || !Array.isArray(d.items)) {
      throw new TypeError('every dimension needs an id and an items array');
    }
    const lv =
      LEVELS[d.id] ??
      (() => {
        const e = 5.9 + 0.6 * S.u();
        return { e, p: e - (0.2 + 1.0 * S.u()), w: 12 + 12 * S.u() };
      })();
    return {
      id: d.id,
      w: lv.w,
      items: d.items.map((it) => ({
        id: String(it.id),
        reverse: it.reverse === true,
        // An item's own scale (a 1-4 item, a 0-1 yes/no item) replaces the questionnaire's for its answers.
        min: typeof it.scale?.min === 'number' ? it.scale.min : smin,
        max: typeof it.scale?.max === 'number' ? it.scale.max : smax,
        e: lv.e + 0.12 * S.normal(),
        p: lv.p + 0.2 * S.normal(),
      })),
    };
  });
  const nd = dims.length;

  // Segment columns: one value of the first column (e.g. "South") is clearly worse.
  const segCols = Object.entries(segments).map(([name, values], ci) => {
    if (!Array.isArray(values) || values.length === 0) {
      throw new TypeError(`segment ${name} needs at least one value`);
    }
    const shifts = values.map((_, vi) => (ci === 0 && vi === 1 ? -0.7 : (ci === 0 ? 0.12 : 0.15) * S.normal()));
    return { name, cells: values.map((v) => csvField(String(v))), shifts };
  });

  // Straight-liner rows: one per stratum of the non-duplicate rows, sorted.
  /** @type {number[]} */
  const straightAt = [];
  if (straightLiners > 0) {
    const span = uniqueRows / straightLiners;
    for (let k = 0; k < straightLiners; k++) {
      const lo = Math.floor(k * span);
      const hi = Math.floor((k + 1) * span);
      straightAt.push(lo + S.int(hi - lo));
    }
  }

  // Header.
  /** @type {string[]} */
  const header = [respondentCol, ...segCols.map((s) => s.name)];
  for (const d of dims) {
    for (const it of d.items) {
      const name = (/** @type {string} */ t) => t.replaceAll('{item}', it.id).replaceAll('{dimension}', d.id);
      if (format === 'two-column') header.push(name(tplE), name(tplP));
      else if (format === 'three-column') header.push(name(tplMin), name(tplDes), name(tplP));
      else header.push(name(tplP));
    }
  }
  for (const d of dims) header.push(tplW.replaceAll('{dimension}', d.id));
  for (const k of kpis) header.push(String(k.id));
  header.push('comment');
  yield header.map(csvField).join(',');

  const idWidth = Math.max(6, String(rows).length);
  const id = (/** @type {number} */ i) => `R${String(i + 1).padStart(idWidth, '0')}`;
  /** @typedef {{ min: number, max: number, reverse: boolean }} ItemScale */
  // The 1-7 latent level on an item's scale; the questionnaire's scale keeps its exact arithmetic.
  const toScale = (/** @type {number} */ v, /** @type {ItemScale} */ it) =>
    it.min === smin && it.max === smax
      ? clamp(Math.round(smin + (v - 1) * k7), smin, smax)
      : clamp(Math.round(it.min + ((v - 1) * (it.max - it.min)) / 6), it.min, it.max);
  const rev = (/** @type {number} */ x, /** @type {ItemScale} */ it) => (it.reverse ? it.min + it.max - x : x);
  const answer = (/** @type {number} */ x) => (R.u() < missingRate ? '' : String(x));

  const raw = new Float64Array(nd);
  const alloc = new Int32Array(nd);
  const frac = new Float64Array(nd);
  /** @type {string[]} */
  const cells = new Array(header.length);
  let nextStraight = 0;

  for (let i = 0; i < rows; i++) {
    let c = 0;
    cells[c++] = i < uniqueRows ? id(i) : id(R.int(uniqueRows));

    let segShift = 0;
    for (const s of segCols) {
      const vi = R.int(s.cells.length);
      cells[c++] = /** @type {string} */ (s.cells[vi]);
      segShift += /** @type {number} */ (s.shifts[vi]);
    }

    const straight = nextStraight < straightAt.length && straightAt[nextStraight] === i;
    if (straight) nextStraight++;
    const straightValue = R.u() < 0.5 ? smax : smin + R.int(smax - smin + 1);

    // Respondent: leniency for expectations and perceptions (positively related), segment effect.
    const z1 = R.normal();
    const lenE = 0.35 * z1;
    const lenP = 0.2 * z1 + 0.55 * R.normal() + segShift;
    let pSum = 0;

    for (const d of dims) {
      const dimP = 0.45 * R.normal();
      const dimE = 0.15 * R.normal();
      for (const it of d.items) {
        const pl = it.p + lenP + dimP;
        pSum += pl / d.items.length;
        if (straight) {
          const v = String(clamp(straightValue, it.min, it.max));
          if (format === 'two-column') {
            cells[c++] = v;
            cells[c++] = v;
          } else if (format === 'three-column') {
            cells[c++] = v;
            cells[c++] = v;
            cells[c++] = v;
          } else cells[c++] = v;
          continue;
        }
        const p = toScale(pl + 0.7 * R.normal(), it);
        if (format === 'two-column') {
          const e = toScale(it.e + lenE + dimE + 0.45 * R.normal(), it);
          cells[c++] = answer(rev(e, it));
          cells[c++] = answer(rev(p, it));
        } else if (format === 'three-column') {
          const desL = it.e + lenE + dimE + 0.4 * R.normal();
          const minL = desL - Math.max(0.3, 1.5 + 0.5 * R.normal());
          cells[c++] = answer(rev(toScale(minL, it), it));
          cells[c++] = answer(rev(toScale(desL, it), it));
          cells[c++] = answer(rev(p, it));
        } else {
          cells[c++] = answer(rev(p, it));
        }
      }
    }
    const pBar = nd > 0 ? pSum / nd : 5.4; // the respondent's overall perception (1-7 latent)

    // Importance: a 100-point allocation (sometimes in steps of 5), occasionally invalid or blank.
    const wu = R.u();
    if (wu < blankWeightRate || nd === 0) {
      for (let j = 0; j < nd; j++) cells[c++] = '';
    } else {
      const unit = R.u() < 0.6 && nd <= 20 ? 5 : 1;
      const units = 100 / unit;
      let rsum = 0;
      for (let j = 0; j < nd; j++) {
        raw[j] = /** @type {typeof dims[number]} */ (dims[j]).w * Math.exp(0.4 * R.normal());
        rsum += /** @type {number} */ (raw[j]);
      }
      let given = 0;
      for (let j = 0; j < nd; j++) {
        const x = /** @type {number} */ (raw[j] / rsum) * units;
        alloc[j] = Math.floor(x);
        frac[j] = x - Math.floor(x);
        given += /** @type {number} */ (alloc[j]);
      }
      // Largest remainder; ties go to the earlier dimension.
      for (let left = units - given; left > 0; left--) {
        let best = 0;
        for (let j = 1; j < nd; j++) if (/** @type {number} */ (frac[j]) > /** @type {number} */ (frac[best])) best = j;
        alloc[best] = /** @type {number} */ (alloc[best]) + 1;
        frac[best] = -1;
      }
      for (let j = 0; j < nd; j++) alloc[j] = /** @type {number} */ (alloc[j]) * unit;
      if (wu < blankWeightRate + invalidWeightRate) {
        const delta = /** @type {number} */ ([-10, -5, 5, 10, 20][R.int(5)]);
        let j = R.int(nd);
        if (/** @type {number} */ (alloc[j]) + delta < 0) {
          for (let m = 0; m < nd; m++) if (/** @type {number} */ (alloc[m]) > /** @type {number} */ (alloc[j])) j = m;
        }
        alloc[j] = Math.max(0, /** @type {number} */ (alloc[j]) + delta);
      }
      for (let j = 0; j < nd; j++) cells[c++] = String(alloc[j]);
    }

    // KPIs, related to the respondent's overall perception.
    for (const k of kpis) {
      const z = R.normal();
      if (R.u() < KPI_BLANK_RATE) {
        cells[c++] = '';
        continue;
      }
      if (k.type === 'nps') {
        cells[c++] = String(clamp(Math.round(7.5 + 3 * (pBar - 5.4) + 1.2 * z), 0, 10));
      } else {
        const isCes = k.type === 'ces';
        const lo = k.scale?.min ?? 1;
        const hi = k.scale?.max ?? (isCes ? 7 : 5);
        // fraction of the way up the scale (higher = more satisfied / easier)
        const f = isCes ? (5.2 + 1.0 * (pBar - 5.4) + 1.0 * z - 1) / 6 : (3.9 + 1.0 * (pBar - 5.4) + 0.7 * z - 1) / 4;
        cells[c++] = String(clamp(Math.round(lo + f * (hi - lo)), lo, hi));
      }
    }

    cells[c++] =
      comments && R.u() < COMMENT_RATE ? /** @type {string} */ (commentCells[R.int(commentCells.length)]) : '';
    yield cells.join(',');
  }
}

/**
 * Writes the generated CSV to a writable stream with backpressure (awaits 'drain'), in chunks of
 * about 64 KiB. Does not end the stream. Resolves to the number of bytes written.
 *
 * @param {Questionnaire} questionnaire
 * @param {GenerateOptions} options
 * @param {import('node:stream').Writable} out
 * @returns {Promise<number>}
 */
export async function writeResponses(questionnaire, options, out) {
  const eol = options.crlf ? '\r\n' : '\n';
  let buf = '';
  let bytes = 0;
  const flush = async () => {
    const chunk = Buffer.from(buf, 'utf8');
    buf = '';
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  };
  for (const line of generateResponses(questionnaire, options)) {
    buf += line + eol;
    if (buf.length >= 65536) await flush();
  }
  if (buf.length > 0) await flush();
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// CLI

const USAGE = `Usage: node scripts/generate-responses.js QUESTIONNAIRE.yaml --rows N [options]

Writes a seeded, realistic SERVQUAL responses CSV for the questionnaire (stdout unless --out).

Options:
  --rows N               number of respondents (required)
  --seed S               seed (number or text; default 1); same seed => byte-identical output
  --out FILE             write to FILE instead of stdout
  --missing R            probability that an answer cell is blank (default 0.02)
  --invalid-weights R    probability of an invalid 100-point allocation (default 0.05)
  --blank-weights R      probability that all weight cells are blank (default 0.05)
  --duplicate-ids N      the last N rows reuse earlier respondent ids (default 0)
  --straight-liners N    N rows give the same answer to every item (default 0)
  --no-comments          leave the comment column blank
  --crlf                 CRLF line endings
  --stats                print rows, bytes, time and peak memory on stderr
  -h, --help             show this help

Example:
  node scripts/generate-responses.js examples/bank-branch/questionnaire.yaml --rows 400 --seed 42 \\
    --duplicate-ids 2 --straight-liners 3 --out examples/bank-branch/responses.csv`;

/**
 * @param {string | undefined} v
 * @param {string} flag
 * @param {boolean} integer
 */
function num(v, flag, integer) {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new RangeError(`${flag} expects ${integer ? 'an integer' : 'a number'}, got "${v}"`);
  }
  return n;
}

/** @param {string[]} argv */
async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rows: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string', short: 'o' },
      missing: { type: 'string' },
      'invalid-weights': { type: 'string' },
      'blank-weights': { type: 'string' },
      'duplicate-ids': { type: 'string' },
      'straight-liners': { type: 'string' },
      'no-comments': { type: 'boolean' },
      crlf: { type: 'boolean' },
      stats: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length !== 1) throw new RangeError('expected exactly one QUESTIONNAIRE.yaml');
  const rows = num(values.rows, '--rows', true);
  if (rows === undefined) throw new RangeError('--rows N is required');
  const file = /** @type {string} */ (positionals[0]);
  const questionnaire = parse(readFileSync(file, 'utf8'));

  /** @type {GenerateOptions} */
  const options = {
    rows,
    seed: values.seed ?? 1,
    missingRate: num(values.missing, '--missing', false),
    invalidWeightRate: num(values['invalid-weights'], '--invalid-weights', false),
    blankWeightRate: num(values['blank-weights'], '--blank-weights', false),
    duplicateIds: num(values['duplicate-ids'], '--duplicate-ids', true),
    straightLiners: num(values['straight-liners'], '--straight-liners', true),
    comments: !values['no-comments'],
    crlf: values.crlf === true,
  };

  const started = process.hrtime.bigint();
  /** @type {import('node:stream').Writable} */
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  const bytes = await writeResponses(questionnaire, options, out);
  if (values.out) {
    out.end();
    await once(out, 'finish');
  }
  if (values.stats) {
    const secs = Number(process.hrtime.bigint() - started) / 1e9;
    const mem = process.memoryUsage();
    const mb = (/** @type {number} */ n) => `${(n / 1048576).toFixed(1)} MiB`;
    process.stderr.write(
      `rows=${rows} bytes=${bytes} (${mb(bytes)}) time=${secs.toFixed(2)}s ` +
        `rows/s=${Math.round(rows / Math.max(secs, 1e-9))} ` +
        `peakRSS=${mb(process.resourceUsage().maxRSS * 1024)} rss=${mb(mem.rss)} heapUsed=${mb(mem.heapUsed)}\n`,
    );
  }
}

const isMain = (() => {
  try {
    return (
      process.argv[1] !== undefined &&
      realpathSync(path.resolve(process.argv[1])) === realpathSync(fileURLToPath(import.meta.url))
    );
  } catch {
    return false;
  }
})();

if (isMain) {
  process.stdout.on('error', (err) => {
    if (/** @type {NodeJS.ErrnoException} */ (err).code === 'EPIPE') process.exit(0);
    throw err;
  });
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`generate-responses: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
}
