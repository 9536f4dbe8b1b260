/** Fills `{name}` placeholders of a message. @example fill('item {n}', { n: '3' }) // 'item 3' */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
