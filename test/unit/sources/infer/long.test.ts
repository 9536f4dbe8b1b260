import { describe, expect, it } from 'vitest';
import { inferQuestionnaire } from '../../../../src/core/sources/infer/infer.js';
import { inferLong } from '../../../../src/core/sources/infer/long.js';
import { renderInferredQuestionnaire } from '../../../../src/core/sources/infer/questionnaire.js';
import { longFormat } from '../../../../src/core/sources/platforms/long.js';
import { checkQuestionnaireText } from '../../../../src/io/read-questionnaire.js';

const CODES = ['T1', 'R1', 'RS1', 'A1', 'E1'];

/** Long rows: `n` respondents, each answering every id with every kind; values cycle through 1-5. */
function longRows(
  ids: readonly string[],
  kinds: readonly string[],
  n = 6,
  extra: (r: string) => string[][] = () => [],
) {
  const rows: string[][] = [['respondent', 'item', 'kind', 'value']];
  for (let r = 1; r <= n; r++) {
    rows.push(...extra(`r${r}`));
    for (const [i, id] of ids.entries())
      for (const [k, kind] of kinds.entries()) rows.push([`r${r}`, id, kind, String(1 + ((r + i + k) % 5))]);
  }
  return rows;
}

const infer = (rows: string[][], items?: string) => {
  const out = inferLong(rows, longFormat, null, items ? { items } : {});
  if (out.inference === null) throw new Error(out.problems.map((p) => p.message).join('; '));
  return out.inference;
};

const render = (rows: string[][], items?: string) => {
  const text = renderInferredQuestionnaire(infer(rows, items), 'long.csv', 'servqual init q.yaml --from long.csv');
  const check = checkQuestionnaireText(text, 'q.yaml');
  expect(check.diagnostics).toEqual([]);
  return { text, q: check.questionnaire! };
};

describe('inferLong', () => {
  it('takes the format from the kinds present', () => {
    expect(infer(longRows(CODES, ['E', 'P'])).format).toBe('two-column');
    expect(infer(longRows(CODES, ['MIN', 'DES', 'P'])).format).toBe('three-column');
    expect(infer(longRows(CODES, ['P'])).format).toBe('perceptions-only');
    expect(infer(longRows(CODES, ['expectation', 'perception'])).format).toBe('two-column');
  });

  it('places items by their SERVQUAL codes, sorted by id with numbers as numbers', () => {
    const inference = infer(longRows(['T10', 'T2', 'R1', 'RS1', 'A1', 'E1'], ['E', 'P']));
    expect(inference.items.map((i) => i.id)).toEqual(['T2', 'T10', 'R1', 'RS1', 'A1', 'E1']);
    expect(inference.model).toBe('servqual');
    expect(inference.sampled).toBe(6);
  });

  it('places ids with dimension words, and takes --items for bare codes', () => {
    const words = ['modern_equipment', 'keeps_promises', 'prompt_service', 'feel_safe', 'individual_attention'];
    expect(infer(longRows(words, ['P'])).items.map((i) => i.dimension)).toEqual([
      'tangibles',
      'reliability',
      'responsiveness',
      'assurance',
      'empathy',
    ]);
    const bare = longRows(['q1', 'q2', 'q3'], ['P']);
    const refused = inferLong(bare, longFormat, null);
    expect(refused.problems[0]?.code).toBe('unplaced-items');
    const custom = infer(bare, 'q1-q2=speed,q3=care');
    expect(custom.model).toBe('custom');
    expect(custom.dimensions).toEqual(['speed', 'care']);
    // A long file's rows name every item: --items must place them all.
    expect(inferLong(bare, longFormat, null, { items: 'q1-q2=speed' }).problems[0]?.code).toBe('items-spec');
  });

  it('reads segments, weights and KPIs from their rows into a questionnaire that validates', () => {
    const rows = longRows(CODES, ['E', 'P'], 6, (r) => [
      [r, 'branch', 'segment', r === 'r1' ? 'North' : 'South'],
      [r, 'tangibles', 'weight', '20'],
      [r, 'nps', 'kpi', r === 'r2' ? '10' : '7'],
      [r, 'effort', 'kpi', '3'],
    ]);
    const { q, text } = render(rows);
    expect(q.segments).toEqual(['branch']);
    expect(q.weights.source).toBe('respondents');
    expect(q.kpis.map((k) => [k.id, k.type])).toEqual([
      ['nps', 'nps'],
      ['effort', 'ces'],
    ]);
    expect(text).toContain('platform:');
    expect(text).not.toContain('columns:');
    expect(text).toContain('FILL IN');
  });

  it('reads blank kinds as the scorer does: a KPI by its id, a segment for text, else a perception', () => {
    const rows = longRows(['T1', 'R1', 'RS1', 'A1', 'E1'], [''], 6, (r) => [
      [r, 'recommend', '', '9'],
      [r, 'city', '', r === 'r1' ? 'Omsk' : 'Tomsk'],
    ]);
    const inference = infer(rows);
    expect(inference.format).toBe('perceptions-only');
    expect(inference.long?.kpis).toMatchObject([{ id: 'recommend', type: 'nps' }]);
    expect(inference.long?.segments.map((s) => s.id)).toEqual(['city']);
    // With E/P items elsewhere, a blank-kind rating cannot be told from a perception: stop.
    const mixed = longRows(CODES, ['E', 'P'], 4, (r) => [[r, 'Q9', '', '3']]);
    expect(inferLong(mixed, longFormat, null).problems[0]?.code).toBe('long-format');
  });

  it('takes the scale from numbers and built-in labels pooled over every item', () => {
    const rows = longRows(CODES, ['E', 'P'], 3);
    // A 7 rules out the 5-point agreement set, on which "somewhat agree" would be 4.
    rows.push(['r9', 'T1', 'E', 'Somewhat agree'], ['r9', 'T1', 'P', 'N/A'], ['r9', 'R1', 'E', '7']);
    const inference = infer(rows);
    expect([inference.scale.min, inference.scale.max]).toEqual([1, 7]);
    expect(inference.labels).toContainEqual({ text: 'Somewhat agree', value: 5, note: 'agreement label' });
    expect(inference.missing).toEqual(['N/A']);
  });

  it('finds columns by other names and writes them under source.long', () => {
    const rows = longRows(CODES, ['E', 'P']).map((row, i) =>
      i === 0 ? ['Респондент', 'Вопрос', 'Тип', 'Ответ'] : row,
    );
    const { q } = render(rows);
    expect(q.source?.respondent).toBe('Респондент');
    expect(q.source?.long).toEqual({ item: 'Вопрос', kind: 'Тип', value: 'Ответ' });
    // Unknown names: by content (the kind column) and the format's order.
    const odd = longRows(CODES, ['E', 'P']).map((row, i) => (i === 0 ? ['who', 'what', 'sort', 'how much'] : row));
    expect(infer(odd).long?.names).toEqual({ respondent: 'who', item: 'what', kind: 'sort', value: 'how much' });
  });

  it('stops on weight rows that name no dimension, and on answers that are not ratings', () => {
    const weights = longRows(CODES, ['P'], 3, (r) => [[r, 'TANG', 'weight', '20']]);
    expect(inferLong(weights, longFormat, null).problems[0]?.message).toContain('"TANG"');
    const text = longRows(CODES, ['P'], 3).map((row, i) => (i === 0 ? row : [...row.slice(0, 3), `word${i}`]));
    expect(inferLong(text, longFormat, null).problems[0]?.code).toBe('no-answer-columns');
  });

  it('stops on ids that differ only in case, which the questionnaire could not hold', () => {
    const rows = longRows(CODES, ['P'], 3);
    rows.push(['r9', 't1', 'P', '3']);
    expect(inferLong(rows, longFormat, null).problems[0]?.message).toContain('"T1" and "t1" differ only in case');
  });

  it('is what inferQuestionnaire does with a detected long file', () => {
    const out = inferQuestionnaire(longRows(CODES, ['E', 'P']));
    expect(out.inference?.platform.id).toBe('long');
    expect(out.inference?.items).toHaveLength(5);
  });
});
