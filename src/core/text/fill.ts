import { own } from './own.js';

/** Fills `{name}` placeholders of a message. @example fill('item {n}', { n: '3' }) // 'item 3' */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => own(values, key) ?? whole);
}
