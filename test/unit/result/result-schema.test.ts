import { describe, expect, it } from 'vitest';
import { evaluateChecks } from '../../../src/core/check/thresholds.js';
import { checkResult, formatResultPath, MAX_RESULT_MAGNITUDE } from '../../../src/core/scoring/result-schema.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { renderTable } from '../../../src/render/table.js';
import { buildQuestionnaire, buildResult } from '../render/html-fixtures.js';

/** A result as a file holds it: through JSON, so only what JSON keeps. */
const saved = (r: Result): Record<string, any> => JSON.parse(JSON.stringify(r));

const plain = buildResult({ format: 'two-column', n: 60 });
const segmented = buildResult({ format: 'three-column', n: 80, branches: ['North', 'South'] });
const perceptions = buildResult({ format: 'perceptions-only', n: 40, kpis: false });
const q = buildQuestionnaire({ format: 'two-column' });
const checked: Result = {
  ...plain,
  checks: evaluateChecks(q, plain, {
    overall: 0,
    dimensions: { reliability: -1 },
    items: {},
    kpis: {},
    minRespondents: 10,
  }),
};

function problems(value: unknown): string[] {
  return checkResult(value).problems.map((p) => `${formatResultPath(p.path)}: ${p.message}`);
}

describe('saved result schema: what this version writes', () => {
  it('accepts score and check results, with and without segments, checks and KPIs, unchanged', () => {
    for (const r of [plain, segmented, perceptions, checked]) {
      const { result, problems: found } = checkResult(saved(r));
      expect(found).toEqual([]);
      // Key for key, in order: `report --format json` gives back the file `score` wrote.
      expect(JSON.stringify(result)).toBe(JSON.stringify(r));
    }
    expect(checked.checks.length).toBeGreaterThan(0);
    expect(segmented.segments.length).toBe(2);
  });
});

describe('saved result schema: results written before fields were added', () => {
  it("fills in the lists older versions did not write (segments, a segment's items and KPIs, checks)", () => {
    const old = saved(segmented);
    delete old.checks;
    for (const s of old.segments) {
      delete s.items;
      delete s.kpis;
    }
    const { result, problems: found } = checkResult(old);
    expect(found).toEqual([]);
    expect(result?.checks).toEqual([]);
    expect(result?.segments.map((s) => [s.items, s.kpis])).toEqual([
      [[], []],
      [[], []],
    ]);
    const older = saved(plain);
    delete older.segments;
    expect(checkResult(older).result?.segments).toEqual([]);
  });

  it('accepts KPIs without the CES sd or the NPS shares', () => {
    const old = saved(plain);
    for (const k of old.kpis) {
      delete k.sd;
      delete k.promoters;
      delete k.passives;
      delete k.detractors;
    }
    expect(problems(old)).toEqual([]);
  });
});

describe('saved result schema: damaged files', () => {
  it('names the path and what was expected and found', () => {
    const r = saved(plain);
    r.dimensions[2].gap = [1];
    r.overall.weighted.mean = 'high';
    r.items[0].zone = 'sideways';
    r.respondents.total = -1;
    delete r.kpis[0].n;
    r.questionnaire.format = 5;
    expect(problems(r)).toEqual([
      '$.questionnaire.format: expected one of "two-column", "three-column", "perceptions-only", found the number 5',
      '$.respondents.total: expected a number at least 0, found the number -1',
      '$.overall.weighted.mean: expected a number, found a string',
      '$.dimensions[2].gap: expected an object, found a list of 1',
      '$.items[0].zone: expected one of "below", "within", "above", found a string',
      '$.kpis[0]: missing key "n"',
    ]);
  });

  it('refuses numbers JSON turned into Infinity (1e999) and finite numbers too large to compute with', () => {
    const r = saved(plain);
    r.overall.weighted.mean = Infinity;
    r.items[1].perception = 1.7e308;
    r.dimensions[0].gap.sd = -0.5;
    r.items[2].t = -Infinity;
    expect(problems(r)).toEqual([
      '$.overall.weighted.mean: expected a number, found a number beyond the range of a double',
      '$.dimensions[0].gap.sd: expected a number at least 0, found the number -0.5',
      `$.items[1].perception: expected a number at most ${MAX_RESULT_MAGNITUDE.toExponential()}, found the number 1.7e+308`,
      '$.items[2].t: expected a number, found a number beyond the range of a double',
    ]);
  });

  it('accepts huge but finite statistics that are only shown (an alpha over answers that hardly vary)', () => {
    const r = saved(plain);
    r.dimensions[0].alpha = -1e30;
    r.items[0].t = 1.7e308;
    r.items[0].dz = -1e20;
    expect(problems(r)).toEqual([]);
  });

  it('refuses ids that do not hang together: duplicates, unknown dimensions, segments out of step', () => {
    const r = saved(plain);
    // (Recommendations of the renamed item would also be refused: tested below.)
    const renamed = r.items[1].id;
    r.recommendations = r.recommendations.filter((rec: { item: string }) => rec.item !== renamed);
    r.items[1].id = r.items[0].id;
    r.items[2].dimension = 'nowhere';
    r.kpis[2].id = r.kpis[0].id;
    expect(problems(r)).toEqual([
      `$.items[1].id: id ${JSON.stringify(r.items[0].id)} is listed twice`,
      `$.kpis[2].id: id ${JSON.stringify(r.kpis[0].id)} is listed twice`,
      '$.items[2].dimension: names no dimension of the result: "nowhere"',
    ]);
    const s = saved(segmented);
    s.segments[0].dimensions.pop();
    s.segments[1].items.reverse();
    expect(problems(s)).toEqual([
      '$.segments[0].dimensions: expected 5 dimensions (as the result lists), found 4',
      `$.segments[1].items[0].id: expected ${JSON.stringify(s.items[0].id)} here (the result's order), found ${JSON.stringify(s.segments[1].items[0].id)}`,
    ]);
  });

  it("reads a result with only the contract's keys (no KPI question or scale, no recommendation quadrant)", () => {
    const r = saved(plain);
    for (const k of r.kpis) {
      delete k.question;
      delete k.scale;
    }
    for (const rec of r.recommendations) delete rec.quadrant;
    expect(problems(r)).toEqual([]);
    const read = checkResult(r).result;
    expect(read?.kpis.map((k) => [k.type, k.scale])).toEqual(
      plain.kpis.map((k) => [
        k.type,
        { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } }[k.type],
      ]),
    );
    expect(read?.recommendations.every((rec) => rec.quadrant === null)).toBe(true);
    expect(renderTable(read as Result, { color: false })).toContain('Top recommendations');
  });

  it('refuses a recommendation of an item or dimension the result does not have (a report would name it)', () => {
    const r = saved(plain);
    expect(r.recommendations.length).toBeGreaterThan(1);
    r.recommendations[0].item = 'ZZ9';
    r.recommendations[1].dimension = 'nowhere';
    expect(problems(r)).toEqual([
      '$.recommendations[0].item: names no item of the result: "ZZ9"',
      '$.recommendations[1].dimension: names no dimension of the result: "nowhere"',
    ]);
  });

  it('refuses lists far longer than any questionnaire, and the wrong top-level shape', () => {
    const r = saved(plain);
    r.warnings = new Array(10_001).fill({ code: 'x', message: 'y' });
    expect(problems(r)).toEqual(['$.warnings: a list of more than 10000 entries']);
    // Refused by its length before the schema would look at each of its entries.
    r.warnings = [];
    r.items[3].gap.ci95 = new Array(2_000_000).fill('x');
    expect(problems(r)).toEqual(['$.items[3].gap.ci95: a list of more than 10000 entries']);
    expect(problems([])).toEqual(['$: expected an object, found a list of 0']);
  });

  it('keeps ids that are JavaScript object keys as ordinary data', () => {
    const r = saved(plain);
    const names = ['constructor', 'valueOf', 'toString', '__proto__', 'hasOwnProperty'];
    r.dimensions.forEach((d: { id: string }, i: number) => {
      const from = d.id;
      d.id = names[i] as string;
      for (const item of r.items) if (item.dimension === from) item.dimension = d.id;
      for (const rec of r.recommendations) if (rec.dimension === from) rec.dimension = d.id;
    });
    const { result, problems: found } = checkResult(r);
    expect(found).toEqual([]);
    expect(result?.dimensions.map((d) => d.id)).toEqual(names);
  });

  it('quotes odd keys in paths so they can be pasted into jq', () => {
    expect(formatResultPath(['warnings', 0, 'a b'])).toBe('$.warnings[0]["a b"]');
    expect(formatResultPath([])).toBe('$');
  });
});
