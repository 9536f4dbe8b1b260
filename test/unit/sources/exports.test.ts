import { describe, expect, it } from 'vitest';
import { detectPlatform } from '../../../src/core/sources/detect.js';
import { createReadStream } from 'node:fs';
import { readCsvRecords } from '../../../src/io/csv-records.js';
import { SAMPLES, sampleQuestionnaire, samplePath, scoreExport, scoreGeneric } from './support.js';

async function firstRows(file: string, n: number): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const r of readCsvRecords(createReadStream(file), file)) {
    rows.push(r.fields);
    if (rows.length === n) break;
  }
  return rows;
}

describe('platform exports score to the same numbers as their generic twins', () => {
  for (const sample of SAMPLES) {
    it(`${sample.platform}: ${sample.name}`, async () => {
      const q = sampleQuestionnaire(sample);
      const options = { groupBy: ['branch'] };
      const { result, state } = await scoreExport(q, { file: samplePath(sample, '.csv') }, sample.platform, options);
      expect(state.problems).toEqual([]);
      const twin = await scoreGeneric(q, samplePath(sample, '.generic.csv'), options);
      expect(result.respondents.total).toBeGreaterThanOrEqual(30);
      expect(result.segments.length).toBe(3);
      // The twin has no duration column, so only the export can name speeders.
      const speeders = result.warnings.filter((w) => w.code === 'speeders');
      expect(speeders.length).toBe(['qx-side-by-side', 'ls-dual'].includes(sample.name) ? 1 : 0);
      expect({ ...result, warnings: result.warnings.filter((w) => w.code !== 'speeders') }).toEqual(twin);
    });
  }
});

describe('detectPlatform on the samples', () => {
  for (const sample of SAMPLES) {
    it(`recognises ${sample.name} as ${sample.platform}`, async () => {
      const detection = detectPlatform(await firstRows(samplePath(sample, '.csv'), 4));
      expect(detection.platform.id).toBe(sample.platform);
      expect(detection.confidence).toBe('high');
    });
  }
  it('calls the generic twins generic', async () => {
    const detection = detectPlatform(await firstRows(samplePath(SAMPLES[0]!, '.generic.csv'), 2));
    expect(detection.platform.id).toBe('generic');
  });
});
