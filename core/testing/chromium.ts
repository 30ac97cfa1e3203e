/**
 * Headless Chromium for the tests of the HTML reports, which must work offline from file:// (an
 * integrator mails them to support). `withOfflinePage` opens a file in a fresh profile with every
 * request that would leave the machine (anything but file:, data:, about:, blob:) aborted and
 * recorded, along with dialogs and console errors, so a test can assert what a person sees and
 * that the page needed no network. The browser is closed and the profile removed however the
 * test ends.
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { releaseOnExit } from '../interrupts.ts';

/** Debian's `chromium` package; `npx playwright install` cannot download browsers here. */
export const chromiumPath = '/usr/bin/chromium';

// `--user-data-dir` is not among them: Playwright refuses it in `args` and takes the profile
// directory as launchPersistentContext's first argument instead.
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const local = /^(file|data|about|blob):/i;

export interface OfflinePage {
  page: Page;
  /** Every request the page tried that would have left the machine, in order; all were aborted. */
  network: { url: string; resourceType: string }[];
  /** Messages of the dialogs (alert, confirm, prompt) the page opened; each was dismissed. */
  dialogs: string[];
  /** Console errors and uncaught exceptions: a refused resource, a script that broke. */
  errors: string[];
}

/** Fails with the one line that says how to get Chromium, instead of Playwright's launch error. */
export function assertChromium(path = chromiumPath): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`headless Chromium not found at ${path}: run \`bash scripts/chromium-setup.sh\``);
  }
}

/** Opens `file` in headless Chromium, offline, and hands the page to `use`. */
export async function withOfflinePage<T>(file: string, use: (opened: OfflinePage) => Promise<T>): Promise<T> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), 'secpaid-chromium-'));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });
  // A test runner that exits mid-test skips `finally`; Playwright kills its browsers on exit, and
  // the process's exit hook removes the profile then.
  const unregister = releaseOnExit(`chromium profile ${profile}`, removeProfile);
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args,
      serviceWorkers: 'block',
      acceptDownloads: false,
      timeout: 60_000,
    });
    const opened: OfflinePage = {
      page: context.pages()[0] ?? (await context.newPage()),
      network: [],
      dialogs: [],
      errors: [],
    };
    await context.route(
      () => true,
      async (route) => {
        const request = route.request();
        if (local.test(request.url())) return route.continue();
        opened.network.push({ url: request.url(), resourceType: request.resourceType() });
        return route.abort('blockedbyclient');
      },
    );
    const { page } = opened;
    page.on('websocket', (socket) => opened.network.push({ url: socket.url(), resourceType: 'websocket' }));
    page.on('dialog', (dialog) => {
      opened.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') opened.errors.push(message.text());
    });
    page.on('pageerror', (error) => opened.errors.push(String(error)));
    // Safety nets only: a page that never shows what a test waits for fails instead of hanging.
    page.setDefaultTimeout(30_000);
    page.setDefaultNavigationTimeout(60_000);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return await use(opened);
  } finally {
    try {
      await context?.close();
    } finally {
      removeProfile();
      unregister();
    }
  }
}
