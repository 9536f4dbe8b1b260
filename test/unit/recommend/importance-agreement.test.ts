/**
 * The stated-versus-derived importance rule (issue 16): both conditions (twice, and 0.10 apart)
 * are needed, and the warning carries both shares per dimension, worded in Russian from its fields.
 */
import { describe, expect, it } from 'vitest';
import { importanceDisagreement, importanceDisagrees } from '../../../src/core/recommend/importance-agreement.js';
import type { Drivers } from '../../../src/core/scoring/result.js';
import { warningText } from '../../../src/render/warning-text.js';

const driver = (id: string, share: number | null) => ({ id, r: null, beta: null, weight: null, share });

describe('importanceDisagrees', () => {
  it('needs one share at least twice the other and the two 0.10 or more apart', () => {
    expect(importanceDisagrees(0.3, 0.08)).toBe(true);
    expect(importanceDisagrees(0.08, 0.3)).toBe(true);
    expect(importanceDisagrees(0.2, 0.1)).toBe(true); // exactly twice and exactly 0.10 apart
    expect(importanceDisagrees(0.02, 0.05)).toBe(false); // more than twice, but only 0.03 apart
    expect(importanceDisagrees(0.4, 0.28)).toBe(false); // 0.12 apart, not twice
    expect(importanceDisagrees(null, 0.5)).toBe(false);
    expect(importanceDisagrees(0.5, null)).toBe(false);
  });
});

describe('importanceDisagreement', () => {
  const drivers: Drivers = {
    outcome: 'nps',
    n: 100,
    r2: 0.4,
    dimensions: [
      driver('tangibles', 0.05),
      driver('reliability', 0.45),
      driver('empathy', 0.2),
      driver('assurance', null),
    ],
  };
  const dimensions = [
    { id: 'tangibles', importance: 0.3 },
    { id: 'reliability', importance: 0.3 },
    { id: 'empathy', importance: 0.25 },
    { id: 'assurance', importance: 0.25 },
  ];

  it('names every disagreeing dimension with both shares, in the fields and the message', () => {
    const w = importanceDisagreement(dimensions, drivers);
    expect(w).toMatchObject({
      code: 'importance-disagreement',
      outcome: 'nps',
      dimensions: [{ id: 'tangibles', stated: 0.3, derived: 0.05 }],
    });
    expect(w?.message).toContain('tangibles (stated 0.30, derived 0.05)');
    expect(w?.message).toContain('nps');
    expect(warningText(w as NonNullable<typeof w>, 'ru')).toContain('tangibles (заявлено 0,30, выведено 0,05)');
  });

  it('names dimensions by their labels, in English and in Russian', () => {
    const labelled = dimensions.map((d) => ({ ...d, label: d.id === 'tangibles' ? 'Материальность' : d.id }));
    const w = importanceDisagreement(labelled, drivers);
    expect(w).toMatchObject({ dimensions: [{ id: 'tangibles', label: 'Материальность' }] });
    expect(w?.message).toContain('Материальность (stated 0.30, derived 0.05)');
    expect(w?.message).not.toContain('tangibles');
    expect(warningText(w as NonNullable<typeof w>, 'ru')).toContain('Материальность (заявлено 0,30, выведено 0,05)');
  });

  it('is absent without drivers or without a strong disagreement', () => {
    expect(importanceDisagreement(dimensions, null)).toBeNull();
    expect(importanceDisagreement([{ id: 'tangibles', importance: 0.08 }], drivers)).toBeNull();
  });
});
