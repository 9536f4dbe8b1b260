import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import {
  generateResponses,
  type GenerateOptions,
  type GeneratorQuestionnaire,
} from '../../scripts/generate-responses.js';

type Format = 'two-column' | 'three-column' | 'perceptions-only';
const DIMS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;
const PREFIX: Record<string, string> = {
  tangibles: 'T',
  reliability: 'R',
  responsiveness: 'S',
  assurance: 'A',
  empathy: 'E',
};

function questionnaire(format: Format, itemsPerDim = 2, scale = { min: 1, max: 7 }): GeneratorQuestionnaire {
  return {
    format,
    language: 'en',
    scale,
    dimensions: DIMS.map((id) => ({
      id,
      items: Array.from({ length: itemsPerDim }, (_, i) => ({
        id: `${PREFIX[id]}${i + 1}`,
        // one negatively worded item, generated reversed
        reverse: id === 'responsiveness' && i === 1,
      })),
    })),
    kpis: [
      { id: 'nps', type: 'nps' },
      { id: 'csat', type: 'csat', scale: { min: 1, max: 5 } },
      { id: 'ces', type: 'ces' },
    ],
  };
}

const text = (q: GeneratorQuestionnaire, o: GenerateOptions, eol = '\n'): string =>
  [...generateResponses(q, o)].join(eol) + eol;

const records = (q: GeneratorQuestionnaire, o: GenerateOptions): Record<string, string>[] =>
  parse(text(q, o), { columns: true }) as Record<string, string>[];

const itemIds = DIMS.flatMap((d) => [`${PREFIX[d]}1`, `${PREFIX[d]}2`]);
const tail = [...DIMS.map((d) => `W_${d}`), 'nps', 'csat', 'ces', 'comment'];

describe('generateResponses: header', () => {
  it('two-column: respondent, segments, E/P per item, weights, KPIs, comment', () => {
    const [header] = generateResponses(questionnaire('two-column'), { rows: 0, seed: 1 });
    expect(header).toBe(
      ['respondent', 'branch', 'channel', ...itemIds.flatMap((i) => [`${i}_E`, `${i}_P`]), ...tail].join(','),
    );
  });

  it('three-column: MIN, DES, P per item', () => {
    const [header] = generateResponses(questionnaire('three-column'), { rows: 0, seed: 1 });
    expect(header).toBe(
      ['respondent', 'branch', 'channel', ...itemIds.flatMap((i) => [`${i}_MIN`, `${i}_DES`, `${i}_P`]), ...tail].join(
        ',',
      ),
    );
  });

  it('perceptions-only: P per item; custom segments', () => {
    const [header] = generateResponses(questionnaire('perceptions-only'), {
      rows: 0,
      seed: 1,
      segments: { wave: ['2024', '2025'] },
    });
    expect(header).toBe(['respondent', 'wave', ...itemIds.map((i) => `${i}_P`), ...tail].join(','));
  });

  it('honours the questionnaire columns mapping', () => {
    const q = {
      ...questionnaire('two-column'),
      columns: { respondent: 'id', expectation: 'E_{item}', weight: 'imp_{dimension}' },
    };
    const [header] = generateResponses(q, { rows: 0, seed: 1, segments: {} });
    expect(header?.startsWith('id,E_T1,T1_P,E_T2,T2_P')).toBe(true);
    expect(header).toContain(',imp_tangibles,imp_reliability,');
  });
});

describe('generateResponses: output', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const q = questionnaire('two-column');
    const a = text(q, { rows: 300, seed: 42 });
    expect(text(q, { rows: 300, seed: 42 })).toBe(a);
    expect(text(q, { rows: 300, seed: '42' })).toBe(a);
    expect(text(q, { rows: 300, seed: 43 })).not.toBe(a);
  });

  it('yields one line per row after the header, ids R000001...', () => {
    const lines = [...generateResponses(questionnaire('two-column'), { rows: 25, seed: 3, comments: false })];
    expect(lines).toHaveLength(26);
    expect(lines[1]?.startsWith('R000001,')).toBe(true);
    expect(lines[25]?.startsWith('R000025,')).toBe(true);
  });

  for (const format of ['two-column', 'three-column', 'perceptions-only'] as const) {
    it(`${format}: parses to rows records; answers are integers on the scale or blank`, () => {
      const scale = format === 'three-column' ? { min: 1, max: 9 } : { min: 1, max: 7 };
      const q = questionnaire(format, 2, scale);
      const recs = records(q, { rows: 500, seed: 11 });
      expect(recs).toHaveLength(500);
      const answerCols = Object.keys(recs[0] ?? {}).filter((c) => /_(E|P|MIN|DES)$/.test(c));
      expect(answerCols.length).toBe(format === 'two-column' ? 20 : format === 'three-column' ? 30 : 10);
      let blank = 0;
      for (const r of recs) {
        for (const c of answerCols) {
          const v = r[c] ?? '';
          if (v === '') {
            blank++;
            continue;
          }
          expect(v).toMatch(/^\d+$/);
          expect(Number(v)).toBeGreaterThanOrEqual(scale.min);
          expect(Number(v)).toBeLessThanOrEqual(scale.max);
        }
        for (const k of ['nps', 'csat', 'ces'] as const) {
          const v = r[k] ?? '';
          if (v === '') continue;
          const [lo, hi] = k === 'nps' ? [0, 10] : k === 'csat' ? [1, 5] : [1, 7];
          expect(Number.isInteger(Number(v)) && Number(v) >= lo && Number(v) <= hi).toBe(true);
        }
      }
      const rate = blank / (recs.length * answerCols.length);
      expect(rate).toBeGreaterThan(0.005);
      expect(rate).toBeLessThan(0.04);
    });
  }

  it('weights are integers summing to 100 for most rows; some invalid, some blank', () => {
    const recs = records(questionnaire('two-column'), { rows: 2000, seed: 5 });
    let valid = 0;
    let blank = 0;
    let invalid = 0;
    let relHighest = 0;
    for (const r of recs) {
      const w = DIMS.map((d) => r[`W_${d}`] ?? '');
      if (w.every((x) => x === '')) {
        blank++;
        continue;
      }
      const n = w.map(Number);
      expect(n.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      const sum = n.reduce((a, b) => a + b, 0);
      if (sum === 100) valid++;
      else invalid++;
      if (n[1] === Math.max(...n)) relHighest++;
    }
    expect(valid / recs.length).toBeGreaterThan(0.85);
    expect(blank).toBeGreaterThan(0);
    expect(invalid).toBeGreaterThan(0);
    expect(relHighest / (valid + invalid)).toBeGreaterThan(0.5);
  });

  it('quoted comments with commas, quotes and newlines round-trip', () => {
    const recs = records(questionnaire('two-column'), { rows: 2000, seed: 9 });
    const comments = recs.map((r) => r.comment ?? '');
    const share = comments.filter((c) => c !== '').length / recs.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    expect(comments.some((c) => c.includes('\n'))).toBe(true);
    expect(comments.some((c) => c.includes('"'))).toBe(true);
    expect(comments.some((c) => c.includes(','))).toBe(true);
    // each record keeps its respondent id despite multi-line fields
    expect(recs[1999]?.respondent).toBe('R002000');
  });

  it('comments: false leaves the column blank', () => {
    const recs = records(questionnaire('two-column'), { rows: 300, seed: 9, comments: false });
    expect(recs.every((r) => r.comment === '')).toBe(true);
  });

  it('crlf uses \\r\\n line endings (also inside quoted comments)', () => {
    const q = questionnaire('two-column');
    const lines = [...generateResponses(q, { rows: 2000, seed: 9, crlf: true })];
    const all = `${lines.join('\r\n')}\r\n`;
    expect(all.replace(/\r\n/g, '')).not.toContain('\n');
    const recs = parse(all, { columns: true }) as Record<string, string>[];
    expect(recs).toHaveLength(2000);
  });

  it('duplicateIds and straightLiners', () => {
    const recs = records(questionnaire('two-column'), { rows: 400, seed: 42, duplicateIds: 2, straightLiners: 3 });
    const ids = recs.map((r) => r.respondent);
    expect(new Set(ids).size).toBe(398);
    expect(new Set(ids.slice(0, 398)).size).toBe(398);
    const answerCols = Object.keys(recs[0] ?? {}).filter((c) => /_(E|P)$/.test(c));
    const straight = recs.filter((r) => new Set(answerCols.map((c) => r[c])).size === 1);
    expect(straight.length).toBeGreaterThanOrEqual(3);
    expect(straight.every((r) => r[answerCols[0] ?? ''] !== '')).toBe(true);
  });

  it('has realistic structure: reliability gap below tangibles, a worse branch, consistent items', () => {
    const q = questionnaire('two-column', 4);
    const recs = records(q, { rows: 3000, seed: 21 });
    const rev = (x: number, reverse: boolean) => (reverse ? 8 - x : x);
    const gapsOf = (d: (typeof DIMS)[number]) => {
      const rows: number[][] = [];
      for (const r of recs) {
        const g: number[] = [];
        for (let i = 1; i <= 4; i++) {
          const e = r[`${PREFIX[d]}${i}_E`] ?? '';
          const p = r[`${PREFIX[d]}${i}_P`] ?? '';
          if (e === '' || p === '') break;
          const reverse = d === 'responsiveness' && i === 2;
          g.push(rev(Number(p), reverse) - rev(Number(e), reverse));
        }
        if (g.length === 4) rows.push(g);
      }
      return rows;
    };
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    const variance = (a: number[]) => {
      const m = mean(a);
      return a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1);
    };
    const gapMean = (d: (typeof DIMS)[number]) => mean(gapsOf(d).flat());
    expect(gapMean('reliability')).toBeLessThan(gapMean('tangibles') - 0.8);
    expect(gapMean('responsiveness')).toBeLessThan(gapMean('tangibles') - 0.8);
    for (const d of DIMS) {
      const g = gapsOf(d);
      const cols = [0, 1, 2, 3].map((i) => g.map((row) => row[i] ?? 0));
      const alpha =
        (4 / 3) *
        (1 - cols.reduce((s, c) => s + variance(c), 0) / variance(g.map((row) => row.reduce((a, b) => a + b, 0))));
      expect(alpha).toBeGreaterThan(0.6);
      expect(alpha).toBeLessThan(0.95);
    }
    const perBranch = new Map<string, number[]>();
    for (const r of recs) {
      const p = Number(r.R1_P || NaN);
      if (Number.isNaN(p)) continue;
      const arr = perBranch.get(r.branch ?? '') ?? [];
      arr.push(p);
      perBranch.set(r.branch ?? '', arr);
    }
    const south = mean(perBranch.get('South') ?? []);
    for (const [b, a] of perBranch) if (b !== 'South') expect(mean(a)).toBeGreaterThan(south + 0.3);
  });

  it('three-column: MIN is usually below DES', () => {
    const recs = records(questionnaire('three-column'), { rows: 1000, seed: 2, missingRate: 0 });
    let below = 0;
    let total = 0;
    for (const r of recs) {
      for (const id of itemIds) {
        const reverse = id === 'S2';
        const lo = reverse ? 8 - Number(r[`${id}_MIN`]) : Number(r[`${id}_MIN`]);
        const hi = reverse ? 8 - Number(r[`${id}_DES`]) : Number(r[`${id}_DES`]);
        total++;
        if (lo < hi) below++;
      }
    }
    expect(below / total).toBeGreaterThan(0.8);
  });

  it('rejects bad options', () => {
    expect(() => [...generateResponses(questionnaire('two-column'), { rows: -1 })]).toThrow(/rows/);
    expect(() => [...generateResponses(questionnaire('two-column'), { rows: 1, missingRate: 2 })]).toThrow(
      /missingRate/,
    );
  });
});

describe('generateResponses: items on their own scales', () => {
  it('draws each answer of an item on its scale (1-4, 0-1), the others on the questionnaire scale', () => {
    const base = questionnaire('two-column', 2, { min: 1, max: 5 });
    const q: GeneratorQuestionnaire = {
      ...base,
      dimensions: base.dimensions.map((d, i) => ({
        ...d,
        items: d.items.map((it, j) =>
          i === 0 && j === 0
            ? { ...it, scale: { min: 0, max: 1 } }
            : i === 1 && j === 0
              ? { ...it, scale: { min: 1, max: 4 } }
              : it,
        ),
      })),
    };
    const rows = records(q, { rows: 300, seed: 7, straightLiners: 5, missingRate: 0 });
    const values = (column: string) => new Set(rows.map((r) => r[column]));
    // Expectations sit high on the latent scale, so on 0-1 they are mostly (here all) 1; perceptions vary.
    for (const v of values('T1_E')) expect(['0', '1']).toContain(v);
    expect([...values('T1_P')].sort()).toEqual(['0', '1']);
    for (const column of ['R1_E', 'R1_P']) for (const v of values(column)) expect(['1', '2', '3', '4']).toContain(v);
    expect(values('R1_P').size).toBeGreaterThan(1);
    for (const v of values('T2_P')) expect(['1', '2', '3', '4', '5']).toContain(v);
    expect(values('T2_P').has('5')).toBe(true);
  });
});
