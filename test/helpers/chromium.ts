/**
 * Debian's Chromium for the suites that check a report's layout in a real browser: installed by
 * .ci/run, so on CI a missing browser fails the suite instead of skipping it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { repoRoot } from './run-cli.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags keep it headless and off this machine's closed network. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const available = existsSync(CHROMIUM);

/** `describe`, run where Chromium is installed, and always on CI. */
export function describeInChromium(name: string, suite: () => void): void {
  describe.runIf(available || process.env.CI === 'true')(name, suite);
}

/** Where a suite leaves the pages it checked, for a person to look at (test-results/NAME), made. */
export function artefactsDir(name = ''): string {
  const dir = join(repoRoot, 'test-results', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Launches Chromium before the suite's tests (before its own beforeAll hooks, registered after
 * this call) and closes it after them; the returned function gives the browser.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing: .ci/run installs the Debian package chromium`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error('Chromium is not running');
    return browser;
  };
}
