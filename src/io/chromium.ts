import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { terminalText } from '../core/text/safe-text.js';

/**
 * `--format pdf`: the HTML report printed by the system's Chromium through playwright-core. Never a
 * download: playwright-core ships no browser, and only the Chromium found here is started. This
 * module is imported lazily (only for pdf), so the other formats never load playwright-core.
 */

/** Where Chrome or Chromium lives when installed the usual way, in the order they are tried. */
const WELL_KNOWN: Readonly<Record<string, readonly string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

const INSTALL_HINT =
  'install chromium (apt install chromium) or Google Chrome, or point --chromium / SERVQUAL_CHROMIUM at it';

export interface ChromiumSearch {
  /** `--chromium PATH`. */
  flag?: string | undefined;
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  exists?: (path: string) => boolean;
}

/**
 * The Chromium to start: `--chromium`, else SERVQUAL_CHROMIUM (or CHROMIUM_PATH, the name CI images
 * often set), else the first well-known path that exists. A path given explicitly that does not
 * exist is an error, not a reason to fall back: the user asked for that one.
 */
export function findChromium(search: ChromiumSearch): string {
  const exists = search.exists ?? existsSync;
  const given: [string, string | undefined][] = [
    ['--chromium', search.flag],
    ['SERVQUAL_CHROMIUM', search.env.SERVQUAL_CHROMIUM],
    ['CHROMIUM_PATH', search.env.CHROMIUM_PATH],
  ];
  for (const [source, path] of given) {
    if (path === undefined || path === '') continue;
    if (exists(path)) return path;
    throw new UserError({
      code: 'usage',
      message: `no Chromium found at ${terminalText(path)} (${source}): ${INSTALL_HINT}`,
    });
  }
  const found = (WELL_KNOWN[search.platform ?? process.platform] ?? []).find((path) => exists(path));
  if (found !== undefined) return found;
  throw new UserError({ code: 'usage', message: `no Chromium found: ${INSTALL_HINT}` });
}

/**
 * Flags that keep the browser off the network and quiet: no updates, sync, metrics or field trials.
 * Requests from the page itself are blocked in `printPdf`.
 */
const OFFLINE_FLAGS = [
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-extensions',
  '--disable-sync',
  '--metrics-recording-only',
  '--disable-field-trial-config',
];

/** A page number in the footer of every page ("3 / 7"); Chromium fills the two spans. */
const FOOTER =
  '<div style="width:100%;font-size:8px;color:#5d6673;text-align:center;font-family:system-ui,sans-serif">' +
  '<span class="pageNumber"></span> / <span class="totalPages"></span></div>';

/**
 * Prints an HTML report to PDF bytes (A4, backgrounds printed, page numbers in the footer). The page
 * is loaded with setContent and every request is aborted: the report is self-contained (inline CSS
 * and SVG), so anything it asked for would be an injection. Chromium writes a creation date into the
 * PDF, so two runs differ in those bytes only.
 */
export async function printPdf(html: string, executablePath: string): Promise<Uint8Array> {
  const { chromium } = await import('playwright-core');
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: OFFLINE_FLAGS,
      // Chromium refuses to start its sandbox as root (containers, CI); elsewhere it keeps it.
      chromiumSandbox: process.getuid?.() !== 0,
      timeout: 60_000,
    });
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    throw new UserError({
      code: 'usage',
      message: `Chromium at ${terminalText(executablePath)} did not start: ${terminalText(first)}`,
      hint: INSTALL_HINT,
    });
  }
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
