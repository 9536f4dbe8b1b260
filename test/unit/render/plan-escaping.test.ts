import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOf } from '../../../src/core/plan/plan.js';
import type { Result } from '../../../src/core/scoring/result.js';
import { renderPlan } from '../../../src/render/plan.js';

const saved = JSON.parse(
  readFileSync(join(import.meta.dirname, 'golden/bank-segments-checks/result.json'), 'utf8'),
) as Result;
const HOSTILE = '\u001b[31m<script>alert(1)</script> | **x** \u202e';
const hostile: Result = {
  ...saved,
  questionnaire: { ...saved.questionnaire, title: HOSTILE },
  dimensions: saved.dimensions.map((d, i) => (i === 0 ? { ...d, label: HOSTILE } : d)),
  segments: saved.segments.map((s, i) => (i === 0 ? { ...s, value: HOSTILE } : s)),
};
const plan = planOf(hostile, { kind: 'margin', target: 0.1, kpiTargets: {}, power: null, alpha: null }, 'branch');

describe('plan reports with text from the files', () => {
  it('the terminal gets no escape sequence or bidi override', () => {
    const text = renderPlan(plan, 'table', { color: false });
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
  });

  it('HTML gets no markup', () => {
    const text = renderPlan(plan, 'html', { color: false });
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;');
  });

  it('Markdown gets no markup, emphasis or table break', () => {
    const text = renderPlan(plan, 'markdown', { color: false });
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('| **x**');
    expect(text).toContain('\\| \\*\\*x\\*\\*');
  });
});
