import { describe, expect, it } from 'vitest';
import { allItems } from '../../../src/core/questionnaire/model.js';
import { detectPlatform } from '../../../src/core/sources/detect.js';
import { planExport } from '../../../src/core/sources/plan.js';
import { PLATFORMS, platformById } from '../../../src/core/sources/platforms/index.js';
import type { Platform } from '../../../src/core/sources/platforms/platform.js';
import { questionnaireWith } from './support.js';

/** A platform that is not shipped, written through the registry's types only: the extension point works. */
const fakeform: Platform = {
  id: 'fakeform',
  name: 'Fakeform',
  layout: 'wide',
  detectOrder: 35,
  detect: (rows) => ((rows[0]?.[0] ?? '') === 'Token' ? { confidence: 'high', reason: 'first column "Token"' } : null),
  headerRows: () => 1,
  describeColumns: (rows) =>
    (rows[0] ?? []).map((label, index) => ({ index, label, names: [label], question: label, sub: '' })),
  respondentColumns: ['Token'],
  durationColumns: ['Seconds'],
  filters: [{ filter: { column: 'Completed', in: ['yes'] }, note: 'only completed responses are scored' }],
  metadata: { names: ['token', 'seconds', 'completed'] },
};

describe('a new platform through the registry types', () => {
  const q = questionnaireWith('en', '');
  const answers = allItems(q).flatMap((i) => [`${i.id}_E`, `${i.id}_P`]);
  const header = ['Token', 'Seconds', 'Completed', ...answers];

  it('is detected when listed, and only then', () => {
    expect(detectPlatform([header], [...PLATFORMS, fakeform]).platform.id).toBe('fakeform');
    expect(detectPlatform([header]).platform.id).not.toBe('fakeform');
  });

  it('plans the reading with its respondent, duration and filter', () => {
    const { plan, problems } = planExport(q, fakeform, [header]);
    expect(problems).toEqual([]);
    expect(plan.header[0]).toBe(q.columns.respondent);
    expect(plan.from[0]).toBe(0);
    expect(plan.duration).toBe(1);
    expect(plan.filters.map((f) => f.reason)).toEqual(['Completed is yes']);
  });
});

describe('durations are per platform', () => {
  it("a Google Forms export's column named interviewtime is not a duration (it is LimeSurvey's)", () => {
    const q = questionnaireWith('en', '');
    const header = ['Timestamp', 'interviewtime', ...allItems(q).flatMap((i) => [`${i.id}_E`, `${i.id}_P`])];
    expect(planExport(q, platformById('google-forms'), [header]).plan.duration).toBe(-1);
    expect(planExport(q, platformById('limesurvey'), [header]).plan.duration).toBe(1);
  });
});
