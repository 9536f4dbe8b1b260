import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/run-cli.js';
import { runChecked } from '../helpers/run-in-process.js';
import { EXPORTS, questionnaireWith, scoreGeneric } from '../unit/sources/support.js';

const tempDir = useTempDir();
const SHAPES = new URL('../fixtures/pair-shapes/', import.meta.url).pathname;
/** Positions: the fixtures' statements are placeholders, so --items places the items. */
const ITEMS = '1-2=tangibles,3-4=reliability,5-6=responsiveness,7-8=assurance,9-10=empathy';

type Json = { dimensions: { id: string; gap: { mean: number; n: number } }[] };

describe('init --from recognises each pair shape of a plain CSV (fixtures from make-pair-shapes.mjs)', () => {
  for (const shape of ['suffix', 'prefix', 'dash', 'brackets', 'hash', 'words', 'words-ru', 'words-ko', 'grids']) {
    it(shape, async () => {
      const dir = tempDir();
      const file = `${SHAPES}${shape}.csv`;
      const init = await runChecked(['init', 'q.yaml', '--from', file, '--items', ITEMS], dir);
      expect(init.code).toBe(0);
      expect(init.stdout).toContain('two-column');
      const scored = await runChecked(['score', 'q.yaml', file, '--format', 'json'], dir);
      expect(scored.code).toBe(0);
      const got = JSON.parse(scored.stdout) as Json;
      const want = (await scoreGeneric(
        questionnaireWith('en', ''),
        `${EXPORTS}google-forms/gf-en.generic.csv`,
      )) as unknown as Json;
      for (const d of want.dimensions) {
        const mine = got.dimensions.find((x) => x.id === d.id);
        expect(mine?.gap.n).toBe(d.gap.n);
        expect(mine?.gap.mean).toBeCloseTo(d.gap.mean, 12);
      }
    });
  }
});
