import type { Format, Item, Questionnaire } from '../questionnaire/model.js';
import { allItems } from '../questionnaire/model.js';
import type { ItemResult, ItemStatements } from './result.js';

/**
 * The wordings of an item that its questionnaire's format asks besides the perception: two-column
 * `expectation`; three-column `minimum` and `desired` (each the `expectation` statement when the
 * questionnaire gives only that one); perceptions-only none.
 * @example otherStatements('two-column', { expectation: 'Excellent banks...', ... }) // { expectation: 'Excellent banks...' }
 */
export function otherStatements(format: Format, item: Item): ItemStatements {
  switch (format) {
    case 'two-column':
      return item.expectation !== undefined ? { expectation: item.expectation } : {};
    case 'three-column':
      return {
        ...(item.minimum !== undefined ? { minimum: item.minimum } : {}),
        ...(item.desired !== undefined ? { desired: item.desired } : {}),
      };
    case 'perceptions-only':
      return {};
  }
}

/**
 * The result's items with their wordings (`statement`, the perception; `statements`, the others),
 * placed after `dimension` so the JSON reads id, dimension, wording, numbers. Items pair with the
 * questionnaire's by id; one it lacks is returned as it is.
 */
export function withStatements(q: Questionnaire, items: readonly ItemResult[]): ItemResult[] {
  const byId = new Map(allItems(q).map((item) => [item.id, item]));
  return items.map((result) => {
    const item = byId.get(result.id);
    if (!item) return result;
    const { id, dimension, ...rest } = result;
    return {
      id,
      dimension,
      statement: item.perception,
      statements: otherStatements(q.format, item),
      // Only where true: a reader must know the statement is negatively worded. The model's `reverse`
      // also mirrors every item of a `best: low` scale; the wording is reversed when the two differ.
      ...(item.reverse !== ((item.scale ?? q.scale).best === 'low') ? { reverse: true as const } : {}),
      ...rest,
    };
  });
}
