import type { Problem } from '../../problem.js';
import { SERVQUAL_DIMENSIONS } from '../../questionnaire/model.js';
import type { ExportColumn } from '../headers.js';
import { parseItemsSpec, type Placement, placeById, placeByLetterCodes, placeByWords } from './dimensions.js';
import { columnText, type InferredItem } from './pairs.js';

/** Items placed in dimensions, for `init --from`: by `--items`, else by their ids and words. */

/** One line of text, at most `n` characters. */
export const short = (text: string, n = 60) => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** The items a dimension holds, placed by `--items`, or by ids and words. */
export function place(
  items: readonly InferredItem[],
  spec: string | undefined,
): {
  placed: (InferredItem & { dimension: string; placement: Placement })[];
  problems: Problem[];
  left: InferredItem[];
} {
  const problems: Problem[] = [];
  const placed: (InferredItem & { dimension: string; placement: Placement })[] = [];
  const left: InferredItem[] = [];
  const list = items.map((i) => i.id).join(', ');
  if (spec !== undefined) {
    const { rules, errors } = parseItemsSpec(spec);
    for (const e of errors) problems.push({ code: 'items-spec', message: `--items ${e}` });
    for (const rule of rules) {
      if (!items.some((item, i) => rule.matches(item.id, i + 1)))
        problems.push({
          code: 'items-spec',
          message: `--items ${rule.spec}=${rule.dimension}: no item has such an id`,
          hint: `the items found are ${short(list, 300)}`,
        });
    }
    items.forEach((item, i) => {
      const rule = rules.find((r) => r.matches(item.id, i + 1));
      if (rule)
        placed.push({
          ...item,
          dimension: rule.dimension,
          placement: { dimension: rule.dimension, because: `--items ${rule.spec}` },
        });
      else left.push(item);
    });
    return { placed, problems, left };
  }
  const codes = placeByLetterCodes(items.map((i) => i.id));
  const unplaced: string[] = [];
  for (const item of items) {
    const texts = Object.values(item.columns).map((c) => columnText(c as ExportColumn));
    const labels = Object.values(item.columns).map((c) => (c as ExportColumn).label);
    const placement =
      codes?.get(item.id) ??
      placeById(item.id) ??
      labels.map(placeById).find((p) => p !== null) ??
      placeByWords(texts.join(' '));
    if (placement) placed.push({ ...item, dimension: placement.dimension, placement });
    else unplaced.push(`${item.id} "${short(texts[texts.length - 1] ?? '', 50)}"`);
  }
  const empty = SERVQUAL_DIMENSIONS.filter((d) => !placed.some((p) => p.dimension === d));
  // A range of ids needs the same letters at both ends (t01-t05); else the example uses positions.
  const first = /^([A-Za-z_]*)\d+$/.exec(items[0]?.id ?? '');
  const last = /^([A-Za-z_]*)\d+$/.exec(items[items.length - 1]?.id ?? '');
  const byIds = first !== null && last !== null && first[1]?.toLowerCase() === last[1]?.toLowerCase();
  const example = `--items "${byIds ? `${first[0]}-${last[0]}` : `1-${items.length}`}=quality"`;
  if (unplaced.length > 0)
    problems.push({
      code: 'unplaced-items',
      message: `${unplaced.length} of ${items.length} items name no SERVQUAL dimension in their words or ids: ${short(unplaced.slice(0, 6).join(', '), 400)}${unplaced.length > 6 ? ', ...' : ''}`,
      hint: `place every item with --items IDS=DIMENSION, e.g. ${example} (the items: ${short(list, 200)})`,
    });
  else if (empty.length > 0)
    problems.push({
      code: 'unplaced-items',
      message: `no item's words name ${empty.join(', ')}: SERVQUAL needs an item in each of its five dimensions`,
      hint: `place the items with --items IDS=DIMENSION, e.g. ${example}; other dimensions than the five make a custom model`,
    });
  return { placed, problems, left };
}
