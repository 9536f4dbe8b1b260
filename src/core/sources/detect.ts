import { NUMBER } from './labels.js';
import { generic } from './platforms/generic.js';
import { PLATFORMS, platformsWith } from './platforms/index.js';
import type { Platform, PlatformMatch } from './platforms/platform.js';

/** Which platform an export looks like, how sure, and why. */
export interface Detection extends PlatformMatch {
  platform: Platform;
}

/**
 * Which platform exported a CSV, from its first rows (the header rows and a response or two): each
 * platform is asked in its `detectOrder` (own markers such as Qualtrics' ImportId row first, shapes
 * such as Google Forms' `Question [Row]` later) and the first that recognises the rows wins; servqual's
 * own CSV is the catch-all.
 * @example detectPlatform([['Timestamp', 'Expectations [T1]']]).platform.id // 'google-forms'
 */
export function detectPlatform(
  rows: readonly (readonly string[])[],
  platforms: readonly Platform[] = PLATFORMS,
): Detection {
  const ordered = [...platforms].sort((a, b) => a.detectOrder - b.detectOrder);
  for (const platform of ordered) {
    const match = platform.detect(rows);
    if (match) return { platform, ...match };
  }
  return { platform: generic, confidence: 'low', reason: 'no platform markers' };
}

/**
 * The hint for a generic read that misses columns: which `--source` the header suggests, if any.
 * @example sourceHint([['Timestamp', 'Q [a]']]) // 'this looks like a Google Forms export (first column "Timestamp"): try --source google-forms, ...'
 */
export function sourceHint(rows: readonly (readonly string[])[]): string | undefined {
  const detection = detectPlatform(rows);
  if (detection.platform.layout === 'generic' || detection.confidence === 'low') return undefined;
  return `this looks like a ${detection.platform.name} export (${detection.reason}): try --source ${detection.platform.id}, with a source section from \`servqual map\``;
}

/**
 * A declared platform's header row (beyond the first) that is mostly numbers is a response, which
 * reading it as a header would silently drop. Which row, and what the file looks like instead; null
 * when the header rows are text. (Another platform's own markers are `planExport`'s wrong-source.)
 * @example responseInHeader(qualtrics, [['id', 'T1_P'], ['r1', '5']], 2) // row 1, a plain CSV
 */
export function responseInHeader(
  platform: Platform,
  rows: readonly (readonly string[])[],
  headerRows: number,
): { row: number; message: string; hint: string } | null {
  for (let r = 1; r < Math.min(headerRows, rows.length); r++) {
    const cells = (rows[r] ?? []).map((c) => c.trim()).filter((c) => c !== '');
    const numbers = cells.filter((c) => NUMBER.test(c)).length;
    if (cells.length === 0 || numbers * 2 <= cells.length) continue;
    const detection = detectPlatform(rows, platformsWith(platform));
    const plain = detection.platform.layout === 'generic' || detection.platform.id === platform.id;
    return {
      row: r,
      message: `a ${platform.name} export has ${headerRows} header rows, but this one is a response (${numbers} of its ${cells.length} cells are numbers): it looks like ${plain ? 'a CSV with one header row' : `a ${detection.platform.name} export (${detection.reason})`}`,
      hint: plain
        ? 'leave --source out (and source.platform), or give source.headerRows'
        : `try --source ${detection.platform.id}`,
    };
  }
  return null;
}
