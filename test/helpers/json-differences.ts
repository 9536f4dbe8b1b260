/** Paths where two JSON values differ: numbers beyond 1e-9 relative (1e-12 absolute), anything else at all. */
export function differences(actual: unknown, expected: unknown, path = 'result', out: string[] = []): string[] {
  if (typeof expected === 'number') {
    const a = actual as number;
    if (typeof actual !== 'number' || Math.abs(a - expected) > Math.max(1e-12, 1e-9 * Math.abs(expected)))
      out.push(`${path}: ${String(actual)} vs ${expected}`);
  } else if (expected !== null && typeof expected === 'object') {
    const keys = Object.keys(expected);
    if (actual === null || typeof actual !== 'object' || Object.keys(actual).join() !== keys.join())
      out.push(`${path}: keys differ`);
    else
      for (const key of keys)
        differences(
          (actual as Record<string, unknown>)[key],
          (expected as Record<string, unknown>)[key],
          `${path}.${key}`,
          out,
        );
  } else if (actual !== expected) {
    out.push(`${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
  }
  return out;
}
