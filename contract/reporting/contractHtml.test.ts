/**
 * contract.html as a person sees it: rendered from a failing run, opened from disk in headless
 * Chromium with the network cut off, then read and clicked as an integrator would before mailing it
 * to support. The plain tests (no browser) cover escaping of every field a server or a test name
 * can fill, a failure without an answer, and a run with nothing wrong.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withOfflinePage } from '../../core/testing/chromium.ts';
import { contractHtml } from './contractHtml.ts';
import { failedReport, failures, hostile, passedReport, redactedToken } from './contractReport.fixture.ts';
import type { ContractReport } from './reportModel.ts';

type Rgb = [number, number, number];

/** The page's getComputedStyle, typed here: the project compiles without the DOM library. */
type Styled = { getComputedStyle(el: unknown): Record<string, string> };

const computed = (page: Page, selector: string, property: string) =>
  page
    .locator(selector)
    .evaluate((el, name) => (globalThis as unknown as Styled).getComputedStyle(el)[name] ?? '', property);

async function background(page: Page, selector: string): Promise<Rgb> {
  const css = await computed(page, selector, 'backgroundColor');
  const [r, g, b] = (css.match(/\d+/g) ?? []).map(Number);
  assert.ok(r !== undefined && g !== undefined && b !== undefined, `a colour: ${css}`);
  return [r, g, b];
}

const cell = (name: string) => `td[data-cell="${name}"]`;

test('contract.html read in a browser, offline', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'contract-html-'));
  try {
    const file = join(dir, 'contract.html');
    writeFileSync(file, contractHtml(failedReport));
    await withOfflinePage(file, async ({ page, network, dialogs, errors }) => {
      await t.test('the verdict comes first, big, with the counts and the reasons', async () => {
        const word = page.locator('#verdict .verdict-word');
        assert.match(await word.innerText(), /FAILED/);
        const size = Number.parseFloat(await computed(page, '#verdict .verdict-word', 'fontSize'));
        assert.ok(size >= 30, `the verdict is big: ${size}px`);
        const verdict = await page.locator('#verdict').innerText();
        assert.match(verdict, /96 tests passed · 4 failed · 12 skipped — 2 findings, 4 failures/);
        assert.match(verdict, /getMyUnusedLinks 201 missing/);
        const order = await page.$$eval('body > section', (all) => all.map((s) => s.id));
        assert.deepEqual(order, ['verdict', 'findings', 'coverage', 'failures', 'drift', 'run']);
      });

      await t.test('each finding is one line with its count, places, rename and decision', async () => {
        const lines = page.locator('#findings li.finding');
        assert.equal(await lines.count(), 2);
        const first = await lines.nth(0).innerText();
        for (const part of [
          '`data.link_id` missing',
          '× 3',
          'createLink, createSplitLink',
          'HTTP 200',
          'probably renamed: data.link_id → data.linkId',
          'D-LINK — the createLink answer',
          'see f1, f2 and 1 more',
        ])
          assert.ok(first.includes(part), `"${part}" in: ${first}`);
        const second = await lines.nth(1).innerText();
        assert.match(second, /statusAsDocumented: received HTTP 500 \/ documented for this request: 404 × 1/);
        assert.equal(await lines.nth(1).locator('a').first().getAttribute('href'), '#failure-f4');
      });

      await t.test('the grid tells each state by colour and by word', async () => {
        const expected = {
          valid: ['createLink 201', '✓ 3 valid'],
          failed: ['createLink 200', '✗ 2 failed'],
          notChecked: ['deleteLink 200', 'not checked'],
          notProvokable: ['createLink 403', 'not provokable'],
          missing: ['getMyUnusedLinks 201', 'MISSING'],
        } as const;
        const colours = new Map<string, Rgb>();
        for (const [state, [name, text]] of Object.entries(expected)) {
          const td = page.locator(cell(name));
          assert.equal(await td.getAttribute('class'), `cell cell-${state}`, name);
          assert.ok((await td.innerText()).includes(text), `${name} reads "${text}"`);
          colours.set(state, await background(page, cell(name)));
        }
        const [vr, vg, vb] = colours.get('valid')!;
        assert.ok(vg > vr && vg > vb, `valid is green: ${colours.get('valid')}`);
        const [fr, fg, fb] = colours.get('failed')!;
        assert.ok(fr > fg + 30 && fr > fb + 30, `failed is red: ${colours.get('failed')}`);
        const [or, og, ob] = colours.get('notChecked')!;
        const [ar, ag, ab] = colours.get('missing')!;
        assert.ok(or > og && og > ob && ar > ag && ag > ab, 'not checked and missing are orange and amber');
        assert.ok(ag > og + 5, `amber is yellower than orange: ${[ar, ag, ab]} / ${[or, og, ob]}`);
        const grey = colours.get('notProvokable')!;
        assert.ok(Math.max(...grey) - Math.min(...grey) < 16, `not provokable is grey: ${grey}`);
        assert.equal(new Set([...colours.values()].map(String)).size, 5, 'five different colours');

        const reason = 'needs a suspended account, a small rate limit or fault injection';
        assert.match(
          (await page.locator(cell('createLink 403')).getAttribute('title')) ?? '',
          new RegExp(reason),
        );
        assert.match(
          await page.locator('#coverage ul.not-provokable').innerText(),
          new RegExp(`403, 429, 500 on every operation: ${reason}`),
        );
        assert.equal(await page.locator(cell('createLink 404')).innerText(), '', 'not documented: blank');
        assert.equal(
          await page.locator(cell('createLink 404')).getAttribute('class'),
          'cell cell-none',
          'and no state',
        );
      });

      await t.test(
        'a failure stays closed until its summary is clicked, then shows the evidence',
        async () => {
          const f1 = page.locator('#failure-f1');
          assert.equal(await f1.getAttribute('open'), null, 'closed');
          assert.equal(await f1.locator('.request-body').isVisible(), false, 'the request body is hidden');
          const summary = await f1.locator('summary').innerText();
          for (const part of [
            'createLink',
            'received 200',
            'createLink › 200 createLink with a minimal form body',
            "data must have required property 'link_id'",
          ])
            assert.ok(summary.includes(part), `"${part}" in the summary: ${summary}`);

          await f1.locator('summary').click();
          assert.equal(await f1.locator('.request-body').isVisible(), true);
          assert.equal(
            await f1.locator('.request-line').innerText(),
            'POST https://app.dev.secpaid.com/api/v2/createLink',
          );
          assert.equal(
            await f1.locator('.request-body').innerText(),
            'amount=12.50&recipient_note=%5Brun%3A1a2b3c4d%5D%20rent',
          );
          assert.ok((await f1.locator('.request-headers').innerText()).includes(`token: ${redactedToken}`));
          assert.match(await f1.locator('.content-type').innerText(), /application\/x-www-form-urlencoded/);
          assert.match(await f1.locator('.response-status').innerText(), /HTTP 200/);
          assert.ok((await f1.locator('.response-body').innerText()).includes('"linkId":48213'));
          assert.equal(await f1.locator('.curl').innerText(), failures[0]!.exchange!.curl);
          assert.match(await f1.locator('.exchange-id').innerText(), /x4711\.12/);
          const checks = await f1.locator('.checks').innerText();
          assert.match(checks, /\/paths\/~1api~1v2~1createLink\/post\/responses\/200/);
          assert.match(checks, /D-LINK — the createLink answer/);
        },
      );

      await t.test("a finding's link opens its failure, with the cut body's size", async () => {
        const f4 = page.locator('#failure-f4');
        assert.equal(await f4.getAttribute('open'), null, 'closed');
        await page.locator('#finding-F2 a').first().click();
        assert.equal(await f4.getAttribute('open'), '', 'open');
        assert.equal(await f4.locator('.response-body').isVisible(), true);
        assert.match(await f4.locator('summary').innerText(), /received 500, intended 404/);
        const size = await f4.locator('.body-size').innerText();
        assert.match(size, /showing 4,096 bytes of 5,242,880 bytes/);
        assert.match(size, /cut: over the report’s cap/);
      });

      await t.test('markup a server sent is shown as text and never runs', async () => {
        const f3 = page.locator('#failure-f3');
        await f3.locator('summary').click();
        assert.ok((await f3.locator('.response-body').innerText()).includes(hostile));
        assert.equal(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), undefined);
        assert.equal(await page.locator('#failure-f3 .response-body script').count(), 0);
        assert.deepEqual(dialogs, []);
      });

      await t.test('drift and the run are listed', async () => {
        assert.equal(await page.locator('#drift tbody tr').count(), 2);
        const run = await page.locator('#run').innerText();
        for (const part of [
          'https://app.dev.secpaid.com',
          '1a2b3c4d',
          '1234',
          '0.1.0',
          '2.0.0',
          'v20.20.2',
          '18.6 s',
        ])
          assert.ok(run.includes(part), `"${part}" in: ${run}`);
      });

      await t.test('the page asked for nothing from the network and logged no error', () => {
        assert.deepEqual(network, []);
        assert.deepEqual(errors, []);
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Every text field of the model a server, a spec or a test name can fill, set to markup. */
function everywhereHostile(report: ContractReport): ContractReport {
  const x = (text: string) => `${text} <img src=x onerror=alert(1)>`;
  return {
    ...report,
    reasons: report.reasons.map(x),
    metadata: { ...report.metadata, target: x(report.metadata.target), runId: x('run') },
    findings: report.findings.map((f) => ({
      ...f,
      id: x(f.id),
      title: x(f.title),
      check: x(f.check),
      renamed: [{ documented: x('a'), received: x('b') }],
      decision: { id: x('D-X'), title: x('t') },
    })),
    failures: report.failures.map((f) => ({
      ...f,
      id: x(f.id),
      suite: x(f.suite),
      test: x(f.test),
      findings: f.findings.map(x),
      checks: f.checks.map((c) => ({ ...c, check: x(c.check), message: x(c.message), specPointer: x('/p') })),
      ...(f.exchange
        ? {
            exchange: {
              ...f.exchange,
              id: x(f.exchange.id),
              curl: x(f.exchange.curl),
              request: {
                ...f.exchange.request,
                url: x(f.exchange.request.url),
                headers: { [x('h')]: x('v') },
                body: x('body'),
              },
              response: { status: 200, headers: { [x('h')]: x('v') }, body: x('body'), bodyCut: x('cut') },
            },
          }
        : {}),
    })),
    tests: report.tests.map((t) => ({ ...t, suite: x(t.suite), test: x(t.test), reason: x(t.reason) })),
    drift: report.drift.map((d) => ({ ...d, path: x(d.path), example: x(d.example) })),
    coverage: {
      ...report.coverage,
      cells: report.coverage.cells.map((c) => ({
        ...c,
        reasons: c.reasons.map(x),
        problems: c.problems.map(x),
        notChecked: c.notChecked.map(x),
      })),
      gate: { ...report.coverage.gate, missing: report.coverage.gate.missing.map(x) },
    },
  };
}

test('every text of the model is escaped: the page has no markup but its own', () => {
  const html = contractHtml(everywhereHostile(failedReport));
  assert.equal((html.match(/<img/g) ?? []).length, 0, 'no <img> element from the model');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the markup is there as text');
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'only the page’s own script');
  assert.ok(!/href="#[^"]*[<>]/.test(html), 'no markup inside a link target');
});

test("the Content-Security-Policy allows the page's own script, by its hash, and nothing from elsewhere", () => {
  const html = contractHtml(failedReport);
  const own = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? '';
  const hash = createHash('sha256').update(own).digest('base64');
  const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1] ?? '';
  assert.ok(policy.includes(`script-src 'sha256-${hash}'`), policy);
  assert.ok(policy.startsWith("default-src 'none'"), policy);
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'nothing is loaded from elsewhere');
});

test('a failure whose request got no answer says why instead of a response', () => {
  const noAnswer = { ...failures[3]!, id: 'f9', status: undefined, findings: [] };
  const { response: _, ...sent } = noAnswer.exchange!;
  const html = contractHtml({
    ...failedReport,
    failures: [{ ...noAnswer, exchange: { ...sent, ms: 15_000, error: 'socket hang up' } }],
  });
  assert.ok(html.includes('None: the request failed after 15000 ms: socket hang up'));
  assert.ok(html.includes('no answer, intended 404'));
  assert.ok(html.includes('<h3>Failures</h3>'), 'a failure of no finding is still listed');
});

test('a run with nothing wrong: PASSED, no failures section', () => {
  const html = contractHtml(passedReport);
  assert.match(html, /<p class="verdict-word">[^<]*<span[^>]*>✓<\/span> PASSED<\/p>/);
  assert.ok(html.includes('class="verdict verdict-passed"'));
  assert.ok(!html.includes('FAILED'));
  assert.ok(!html.includes('id="failures"'), 'no failures section');
  assert.ok(!html.includes('<details class="failure"'), 'no failure');
  assert.ok(html.includes('<section id="findings"><h2>Findings</h2><p>None.</p></section>'));
  assert.ok(html.includes('Coverage gate: <b>passed</b>'));
  assert.ok(html.includes('None: every response field is documented.'));
});
