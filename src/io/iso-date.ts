export const DAY_MS = 86_400_000;

/** A date as ISO 8601: `2026-03-01`, or `2026-03-01T14:30:00` when its time is not midnight (to the second: serials carry float noise). */
export function isoDate(ms: number): string {
  const rounded = Math.round(ms / 1000) * 1000;
  const iso = new Date(rounded).toISOString();
  return rounded % DAY_MS === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}
