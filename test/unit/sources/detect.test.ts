import { describe, expect, it } from 'vitest';
import { detectPlatform, sourceHint } from '../../../src/core/sources/detect.js';

describe('detectPlatform from the header alone', () => {
  it.each([
    [[['Timestamp', 'Expectations [Modern equipment]']], 'google-forms', 'high'],
    [[['Отметка времени', 'Ожидания [a]']], 'google-forms', 'high'],
    [[['Expectations [a]', 'Perceptions [a]']], 'google-forms', 'medium'],
    [[['Respondent ID', 'Collector ID', 'Start Date', 'End Date', 'Q1']], 'surveymonkey', 'high'],
    [
      [['StartDate', 'EndDate', 'Status', 'Progress', 'Duration (in seconds)', 'Finished', 'ResponseId', 'Q1_1']],
      'qualtrics',
      'high',
    ],
    [
      [
        ['V1', 'V2', 'V3'],
        ['ResponseID', 'ResponseSet', 'Name'],
      ],
      'qualtrics',
      'high',
    ],
    [
      [
        ['a', 'b'],
        ['c', 'd'],
        ['{"ImportId":"startDate"}', '{"ImportId":"QID1_1"}'],
      ],
      'qualtrics',
      'high',
    ],
    [[['id', 'submitdate', 'lastpage', 'startlanguage', 'Q1[SQ001][1]']], 'limesurvey', 'high'],
    [[['Q1[SQ001]', 'Q1[SQ002]']], 'limesurvey', 'medium'],
    [[['respondent', 'item', 'kind', 'value']], 'long', 'high'],
    [
      [
        ['who', 'what', 'type', 'answer'],
        ['r1', 'T1', 'E', '5'],
        ['r1', 'T1', 'P', '4'],
      ],
      'long',
      'high',
    ],
    [[['respondent', 'T1_E', 'T1_P']], 'generic', 'medium'],
    [[['a', 'b']], 'generic', 'low'],
  ] as const)('%j is %s (%s)', (rows, platform, confidence) => {
    expect(detectPlatform(rows)).toMatchObject({ platform: { id: platform }, confidence });
  });
});

describe('sourceHint', () => {
  it('names the flag when a generic read fails on a platform export', () => {
    expect(sourceHint([['Timestamp', 'Q [a]']])).toMatch(
      /^this looks like a Google Forms export \(first column "Timestamp"\): try --source google-forms/,
    );
    expect(sourceHint([['respondent', 'T1_E']])).toBeUndefined();
    expect(sourceHint([['x']])).toBeUndefined();
  });
});
