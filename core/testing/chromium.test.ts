/**
 * The offline page: a request that would leave the machine is aborted and recorded, dialogs and
 * script errors are recorded, and the browser and its profile are gone when the test using it
 * throws. Without Chromium, one line says how to install it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertChromium, withOfflinePage } from './chromium.ts';

const page = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="https://cdn.example.invalid/style.css">
<script src="http://cdn.example.invalid/app.js"></script></head>
<body><p id="text">local text</p><img src="https://img.example.invalid/logo.png" alt="">
<script>alert('hello'); throw new Error('broken on purpose');</script></body></html>`;

const profiles = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('secpaid-chromium-')));

test('network requests are aborted and recorded; the browser and profile are gone after a throw', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'offline-page-'));
  const before = profiles();
  try {
    const file = join(dir, 'page.html');
    writeFileSync(file, page);
    let opened: Page | undefined;
    await assert.rejects(
      withOfflinePage(file, async ({ page, network, dialogs, errors }) => {
        opened = page;
        assert.equal(await page.textContent('#text'), 'local text');
        assert.deepEqual(network.map((r) => `${r.resourceType} ${r.url}`).sort(), [
          'image https://img.example.invalid/logo.png',
          'script http://cdn.example.invalid/app.js',
          'stylesheet https://cdn.example.invalid/style.css',
        ]);
        assert.deepEqual(dialogs, ['hello']);
        assert.ok(
          errors.some((e) => e.includes('broken on purpose')),
          `a script error is recorded: ${errors.join(' | ')}`,
        );
        throw new Error('the test failed');
      }),
      /the test failed/,
    );
    assert.ok(opened?.isClosed(), 'the page is closed');
    assert.deepEqual(
      [...profiles()].filter((name) => !before.has(name)),
      [],
      'the profile directory is removed',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing Chromium fails with one line naming the setup script', () => {
  assert.throws(() => assertChromium('/nonexistent/chromium'), {
    message: 'headless Chromium not found at /nonexistent/chromium: run `bash scripts/chromium-setup.sh`',
  });
  assert.doesNotThrow(() => assertChromium(), 'this machine has /usr/bin/chromium');
});
