/**
 * The API reference (`npm run spec:docs`) works from disk with no network: built with the npm
 * script's own arguments into a temp file, opened in headless Chromium with every outside request
 * aborted, its viewer runs (the sidebar opens each tag's operations, an operation opens on a
 * click), it asked the network for no script, stylesheet, font or data, and its telemetry is off
 * (a page mailed to support must not report on its readers). The server-rendered
 * HTML already holds the operations' text, so only what needs the viewer's script proves that
 * script arrived: the clicks. Redoc's footer logo is an image from its CDN, hard-coded in the
 * viewer; it is aborted here and the page is the same without it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { withOfflinePage } from '../core/testing/chromium.ts';

const root = resolve(import.meta.dirname, '..');

/** The npm script's arguments with its output file swapped for `output`. */
function specDocsArgs(output: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = (pkg.scripts['spec:docs'] ?? '').split(/\s+/);
  assert.equal(command, 'redocly', 'spec:docs runs redocly');
  const o = args.indexOf('-o');
  assert.ok(o >= 0 && args[o + 1], 'spec:docs names its output with -o');
  return args.map((arg, i) => (i === o + 1 ? output : arg));
}

type Doc = { paths: Record<string, { post: { operationId: string; summary: string; tags: string[] } }> };
const operations = Object.values(
  (JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8')) as Doc).paths,
).map((item) => item.post);

/** React marks the root it hydrates; clicks before that would find no handler. */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = (
      globalThis as unknown as { document: { querySelector(s: string): object | null } }
    ).document.querySelector('#redoc');
    return el !== null && Object.keys(el).some((key) => key.startsWith('__reactContainer$'));
  });
}

test('the API reference renders offline, its viewer inlined', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'api-reference-'));
  try {
    const output = join(dir, 'api-reference.html');
    await promisify(execFile)(
      process.execPath,
      [join(root, 'node_modules/.bin/redocly'), ...specDocsArgs(output)],
      {
        cwd: root,
        // The build must not phone home either, nor wait on an update check.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        timeout: 120_000,
      },
    );
    // The viewer posts usage traces to Redocly on a timer, later than any click here, unless its
    // options turn that off: the page must say so.
    assert.match(readFileSync(output, 'utf8'), /"disableTelemetry":true/, 'the viewer sends no telemetry');
    await withOfflinePage(output, async ({ page, network }) => {
      const outside = () => network.filter((r) => r.resourceType !== 'image');
      // Scripts and stylesheets were all asked for by the load event: a viewer from the CDN fails here.
      assert.deepEqual(outside(), [], 'no script, stylesheet or font from the network');
      await hydrated(page);
      // The sidebar's entries: a tag's, and under it (once opened) each operation's summary.
      const entry = (text: string) =>
        page.getByTestId('menu-item-label').filter({ has: page.getByText(text, { exact: true }) });
      const heading = (summary: string) => page.locator('h2', { hasText: summary });
      for (const tag of [...new Set(operations.flatMap((o) => o.tags))]) {
        const tagged = operations.filter((o) => o.tags.includes(tag));
        await entry(tag).click();
        for (const { summary } of tagged) await entry(summary).waitFor({ state: 'visible' });
        // The tag's first operation opens on a click, while its group is the one last opened.
        await entry(tagged[0]!.summary).click();
        await heading(tagged[0]!.summary).waitFor({ state: 'visible' });
      }

      for (const r of network) t.diagnostic(`aborted ${r.resourceType} ${r.url}`);
      assert.deepEqual(outside(), [], 'nothing but the logo asked of the network');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
