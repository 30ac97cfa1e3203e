/**
 * A whole contract run against a server that follows SecPaid's public docs where the spec follows
 * the seed (docsFollowingServer.ts: four systematic differences). What an integrator forwards must
 * name each difference once, with counts, and every failure must carry its evidence: the console's
 * findings list, junit.xml (first reason as the message, request, response and curl in the body),
 * contract.json, contract.html (opened in headless Chromium, offline) and a coverage matrix that
 * never fails an operation that was not called.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { withOfflinePage } from '../../core/testing/chromium.ts';
import type { Coverage } from '../reporting/coverage.ts';
import type { ContractReport } from '../reporting/reportModel.ts';
import { type DocsFollowingServer, startDocsFollowingServer } from './docsFollowingServer.ts';
import { type Spawned, spawnTsx } from './spawnTsx.ts';

let server: DocsFollowingServer;
let run: Spawned;
const reportsDir = mkdtempSync(join(tmpdir(), 'contract-docs-following-'));
const report = () => JSON.parse(readFileSync(join(reportsDir, 'contract.json'), 'utf8')) as ContractReport;

before(async () => {
  server = await startDocsFollowingServer();
  // Three suites and one generated example per pass show every difference, and the prerequisite.
  const only = ['--only', 'createLink,deleteLink,getMyUnusedLinks', '--generate', '1'];
  run = await spawnTsx('contract/cli.ts', ['--base-url', server.url, ...only, '--reports', reportsDir]);
});

after(async () => {
  await server?.close();
  rmSync(reportsDir, { recursive: true, force: true });
});

/** The console's findings block: from its heading to the verdict. */
function findingsBlock(stdout: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Findings ('));
  assert.ok(start >= 0, `no findings on the console:\n${stdout.slice(-3000)}`);
  return lines.slice(start + 1).filter((line) => /^ {2}F\d+ /.test(line));
}

test('the console names each difference once, with its count, and ends with the findings before the verdict', () => {
  assert.equal(run.code, 1, run.stdout.slice(-3000) + run.stderr.slice(-3000));
  const findings = findingsBlock(run.stdout);
  const once = (pattern: RegExp, what: string) => {
    const matching = findings.filter((line) => pattern.test(line));
    assert.equal(matching.length, 1, `${what}: ${matching.length} findings\n${findings.join('\n')}`);
    assert.match(matching[0]!, /\(\d+×: /, `${what} has its count`);
    return matching[0]!;
  };
  once(/^ {2}F\d+ {2}`error`, `errorMessage`: missing/, 'error bodies without `error` and `errorMessage`');
  assert.match(
    once(/`data\.id`: missing/, 'the link id renamed'),
    /probably renamed: data\.id → data\.linktopay_id — spec\/DECISIONS\.md D-LINK/,
  );
  assert.match(
    once(/`data\.amount`: received a number \/ documented: type string/, 'amounts as numbers'),
    /D-MONEY/,
  );
  once(
    /^ {2}F\d+ {2}statusAsIntended, statusAsDocumented: received HTTP 401 \/ documented for this request: 201/,
    'an unknown key answered 401 (hand-written suites and generated phase alike)',
  );
  assert.ok(findings.length <= 12, `a handful of findings, not ${findings.length}:\n${findings.join('\n')}`);
  const lines = run.stdout.split('\n');
  assert.ok(lines.length < 250, `the console stays short: ${lines.length} lines`);
  const verdict = lines.findLastIndex((line) => line.startsWith('FAILED: '));
  const heading = lines.findIndex((line) => line.startsWith('Findings ('));
  assert.ok(heading < verdict && lines.slice(heading, verdict).every((l) => !l.startsWith('Coverage')));
  assert.match(
    run.stdout,
    /e\.g\. x\d+\.\d+: curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/api\/v2\/\w+' -H "token: \$SECPAID_TOKEN"/,
  );
});

test('every failure carries its exchange: request as sent, response, curl; and its finding', () => {
  const { failures, findings } = report();
  assert.ok(failures.length > 100, `${failures.length} failures`);
  for (const failure of failures) {
    assert.ok(failure.findings.length > 0, `${failure.id} is in a finding`);
    const exchange = failure.exchange;
    assert.ok(exchange, `${failure.id} has its exchange`);
    assert.match(exchange.request.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v2\//);
    assert.equal(exchange.request.method, 'POST');
    assert.ok(exchange.response, `${failure.id} has its response`);
    assert.match(exchange.curl, /^curl -sS -X POST '/);
    if (exchange.request.headers.token !== undefined && exchange.request.headers.token !== '')
      assert.equal(exchange.request.headers.token, '«redacted»');
  }
  assert.equal(new Set(findings.flatMap((f) => f.failures)).size, failures.length);
});

test('junit.xml: each failure’s message is its first reason; its body holds request, response and curl', () => {
  const xml = readFileSync(join(reportsDir, 'junit.xml'), 'utf8');
  const bodies = [...xml.matchAll(/<failure message="([^"]*)">([\s\S]*?)<\/failure>/g)];
  assert.equal(bodies.length, report().tests.length);
  for (const [, message, body] of bodies) {
    assert.ok(!/not as documented:$/.test(message!), `a reason, not a heading: ${message}`);
    assert.match(message!, /^(not checked: prerequisite failed: \w+ answered HTTP \d{3}: )?\w+: \S/);
    assert.match(body!, /request: POST http:\/\/127\.0\.0\.1/);
    assert.match(body!, /response: (HTTP \d{3}|none)/);
    assert.match(body!, /curl: curl -sS -X POST/);
  }
});

test('deleteLink’s tests that failed creating their link leave deleteLink not checked, and fail createLink', () => {
  const coverage = JSON.parse(readFileSync(join(reportsDir, 'coverage.json'), 'utf8')) as Coverage;
  const cell = (operationId: string, status: number) =>
    coverage.cells.find((c) => c.operationId === operationId && c.status === status)!;
  const deletes404 = cell('deleteLink', 404);
  assert.ok(
    deletes404.notChecked.some((line) =>
      line.startsWith(
        '404 NotFound when the same link is deleted a second time: prerequisite failed (createLink',
      ),
    ),
    deletes404.notChecked.join('\n'),
  );
  assert.equal(cell('createLink', 200).state, 'failed');
  const { tests } = report();
  const second = tests.find(
    (t) =>
      t.suite === 'deleteLink' &&
      t.test.startsWith('404 NotFound when the same link is deleted a second time'),
  )!;
  assert.match(second.reason, /^not checked: prerequisite failed: createLink answered HTTP 200/);
});

test('contract.html of the run: offline, findings first, and a failure opens to its request, response and curl', async () => {
  const file = join(reportsDir, 'contract.html');
  const { failures } = report();
  const html = readFileSync(file, 'utf8');
  for (const failure of failures)
    assert.ok(html.includes(`id="failure-${failure.id}"`), `${failure.id} is on the page`);
  const shown = (part: string) => html.split(`<pre class="${part}">`).length - 1;
  for (const part of ['request-line', 'response-headers', 'curl'])
    assert.equal(shown(part), failures.length, `every failure shows its ${part}`);
  await withOfflinePage(file, async ({ page, network, errors }) => {
    assert.match(await page.locator('#verdict').innerText(), /FAILED/);
    assert.match(
      await page.locator('#findings').innerText(),
      /probably renamed: data\.id → data\.linktopay_id/,
    );
    const first = page.locator('details.failure').first();
    assert.equal(await first.locator('pre.curl').isVisible(), false, 'closed until a person opens it');
    await first.locator('summary').click();
    assert.match(
      await first.locator('pre.request-line').innerText(),
      /^POST http:\/\/127\.0\.0\.1:\d+\/api\/v2\//,
    );
    assert.ok(await first.locator('pre.response-headers').isVisible());
    assert.match(
      await first.locator('pre.curl').innerText(),
      /^curl -sS -X POST '.*' -H "token: \$SECPAID_TOKEN"/,
    );
    assert.deepEqual(network, [], 'the page asked the network for nothing');
    assert.deepEqual(errors, []);
  });
});
