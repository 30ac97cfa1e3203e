/**
 * The HTML report as a person sees it, in headless Chromium from file:// with the network cut: the
 * verdict reads first and in red when failed, breached rows are red, the warm-up is shaded in both
 * charts, and the page asks for nothing outside itself.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { withOfflinePage } from '../../core/testing/chromium.ts';
import { htmlReport } from './html.ts';
import { sampleReport } from './testing/sampleReport.ts';

/** The page's getComputedStyle, typed here: the project compiles without the DOM library. */
type Styled = { getComputedStyle(el: unknown): Record<string, string> };

async function rgb(page: Page, selector: string, property: string): Promise<number[]> {
  const css = await page
    .locator(selector)
    .first()
    .evaluate((el, name) => (globalThis as unknown as Styled).getComputedStyle(el)[name] ?? '', property);
  return (css.match(/\d+/g) ?? []).slice(0, 3).map(Number);
}

const reddish = ([r, g, b]: number[]) => r! > g! + 20 && r! > b! + 20;

describe('HTML load report in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'load-html-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the verdict first, breaches in red, the warm-up shaded, offline', async () => {
    const file = join(dir, 'load.html');
    writeFileSync(file, htmlReport(sampleReport()));
    await withOfflinePage(file, async ({ page, network, errors }) => {
      const verdict = page.locator('.verdict');
      assert.match(await verdict.innerText(), /^FAILED 1 of 2 thresholds breached/);
      const first = await page.locator('body > :nth-child(2)').getAttribute('class');
      assert.equal(first, 'verdict fail', 'the verdict comes right after the title');
      assert.ok(reddish(await rgb(page, '.verdict', 'backgroundColor')), 'a failed verdict is red');
      const breach = page.locator('tr.breach');
      assert.equal(await breach.count(), 2);
      assert.ok(reddish(await rgb(page, 'tr.breach td', 'backgroundColor')), 'breached rows are red');
      assert.match(await breach.first().innerText(), /createLink p99 < 1 ms\s+3\.0 ms/);
      assert.equal(await page.locator('svg rect.warm-up').count(), 2, 'warm-up shaded in both charts');
      assert.equal(await page.locator('h2', { hasText: 'Capacity: 300 req/s' }).count(), 1);
      assert.deepEqual(network, []);
      assert.deepEqual(errors, []);
    });
  });
});
