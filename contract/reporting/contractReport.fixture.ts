/**
 * A failing contract run as the HTML report's tests see it, shaped like a run against SecPaid's
 * sandbox by URL: two findings (one a probably-renamed field with its decision), four failures with
 * whole exchanges (one answer cut at the report's cap, one body carrying markup and script), a
 * coverage grid with every cell state (its webhooks row not provokable: no control API), drift and metadata. `passedReport` is the same run with
 * nothing wrong.
 */
import type { OperationId } from '../../core/spec.ts';
import { notificationCells } from '../webhooks/notificationCells.ts';
import type { CellState, Coverage, CoverageCell } from './coverage.ts';
import type { ContractReport, ExchangeEvidence, FailureEvidence } from './reportModel.ts';

export const hostile = '<script>window.__pwned = true; alert(1)</script>';
export const redactedToken = '«redacted»';
const base = 'https://app.dev.secpaid.com';
const createLinkSchema =
  '/paths/~1api~1v2~1createLink/post/responses/200/content/application~1json/schema/properties/data/required';

function exchange(
  id: string,
  path: string,
  body: string,
  contentType: string,
  response: NonNullable<ExchangeEvidence['response']>,
  test: { suite: string; test: string },
): ExchangeEvidence {
  const quoted = body.replace(/'/g, `'\\''`);
  return {
    id,
    ...test,
    at: '2026-05-04T10:15:02.120Z',
    request: {
      method: 'POST',
      url: `${base}${path}`,
      headers: { token: redactedToken, 'content-type': contentType, 'user-agent': 'secpaid-harness/0.1.0' },
      contentType,
      body,
    },
    response,
    ms: 184,
    curl: `curl -sS -X POST '${base}${path}' -H "token: $SECPAID_TOKEN" -H 'content-type: ${contentType}' --data-binary '${quoted}'`,
  };
}

const jsonHeaders = {
  'content-type': 'application/json; charset=utf-8',
  date: 'Mon, 04 May 2026 10:15:02 GMT',
};

const renamedAnswer = (amount: string) =>
  JSON.stringify({
    success: true,
    data: { linkId: 48213, amount, status: 'unused' },
    ServerTime: '12:15:02',
  });

const linkSchemaCheck = {
  check: 'responseSchemaConformance',
  message: "createLink 200 schema: data must have required property 'link_id'",
  specPointer: createLinkSchema,
  decision: { id: 'D-LINK', title: 'the createLink answer' },
};

/** 5 MiB of answer, of which the report kept the first 4 KiB. */
const cutBody =
  `<html><body>Internal Server Error\n${'stack frame at PaymentLinks.delete (links.js:412)\n'.repeat(100)}`.slice(
    0,
    4096,
  );

export const failures: FailureEvidence[] = [
  {
    id: 'f1',
    operationId: 'createLink',
    status: 200,
    expectedStatus: 200,
    suite: 'createLink',
    test: '200 createLink with a minimal form body',
    checks: [linkSchemaCheck],
    exchange: exchange(
      'x4711.12',
      '/api/v2/createLink',
      'amount=12.50&recipient_note=%5Brun%3A1a2b3c4d%5D%20rent',
      'application/x-www-form-urlencoded',
      { status: 200, headers: jsonHeaders, body: renamedAnswer('12.50'), bodyBytes: 101 },
      { suite: 'createLink', test: '200 createLink with a minimal form body' },
    ),
    findings: ['F1'],
  },
  {
    id: 'f2',
    operationId: 'createSplitLink',
    status: 200,
    suite: 'createSplitLink',
    test: '200 createSplitLink with two recipients',
    checks: [
      {
        ...linkSchemaCheck,
        message: "createSplitLink 200 schema: data must have required property 'link_id'",
      },
    ],
    exchange: exchange(
      'x4711.31',
      '/api/v2/createSplitLink',
      'amount=40.00&recipients=%5B%7B%22token%22%3A%22%C2%ABredacted%C2%BB%22%2C%22share%22%3A50%7D%5D',
      'application/x-www-form-urlencoded',
      { status: 200, headers: jsonHeaders, body: renamedAnswer('40.00'), bodyBytes: 101 },
      { suite: 'createSplitLink', test: '200 createSplitLink with two recipients' },
    ),
    findings: ['F1'],
  },
  {
    id: 'f3',
    operationId: 'createLink',
    status: 200,
    suite: 'generatedPhase',
    test: 'createLink/positive/3/json',
    checks: [
      linkSchemaCheck,
      {
        check: 'echoesInput',
        message: 'recipient_note sent "[run:1a2b3c4d] <b>bold</b>" / answered with markup removed',
      },
    ],
    exchange: exchange(
      'x4712.7',
      '/api/v2/createLink',
      JSON.stringify({ amount: '0.01', recipient_note: '[run:1a2b3c4d] <b>bold</b>' }),
      'application/json',
      {
        status: 200,
        headers: jsonHeaders,
        body: JSON.stringify({ success: true, data: { linkId: 48214, recipient_note: hostile } }),
        bodyBytes: 96,
      },
      { suite: 'generatedPhase', test: 'createLink/positive/3/json' },
    ),
    findings: ['F1'],
  },
  {
    id: 'f4',
    operationId: 'deleteLink',
    status: 500,
    expectedStatus: 404,
    suite: 'deleteLink',
    test: "404 deleteLink when the link is another account's",
    checks: [
      {
        check: 'statusAsDocumented',
        message: 'received HTTP 500 / documented for this request: 404',
        specPointer: '/paths/~1api~1v2~1deleteLink/post/responses/404',
        decision: { id: 'D-DELETE', title: 'deleteLink' },
      },
      { check: 'errorBody', message: 'the body is not JSON: <html><body>Internal Server Error…' },
    ],
    exchange: exchange(
      'x4713.4',
      '/api/v2/deleteLink',
      'link_id=48199',
      'application/x-www-form-urlencoded',
      {
        status: 500,
        headers: { 'content-type': 'text/html', 'content-length': '5242880' },
        body: cutBody,
        bodyBytes: 5_242_880,
        bodyCut: 'over the report’s cap: showing the first 4,096 characters',
      },
      { suite: 'deleteLink', test: "404 deleteLink when the link is another account's" },
    ),
    findings: ['F2'],
  },
];

const statuses = [200, 201, 400, 401, 403, 429, 500];
const notProvokable =
  'needs a suspended account, a small rate limit or fault injection: no control API on this target';

function cell(operationId: OperationId, status: number, state: CellState, extra: Partial<CoverageCell> = {}) {
  return {
    operationId,
    status,
    state,
    valid: state === 'valid' ? 3 : 0,
    failed: 0,
    reasons: state === 'notProvokable' ? [notProvokable] : [],
    problems: [],
    problemsLeftOut: 0,
    notChecked: [],
    ...extra,
  } satisfies CoverageCell;
}

function row(
  operationId: OperationId,
  own: Record<number, CoverageCell>,
  extra: number[] = [],
): CoverageCell[] {
  return [...statuses, ...extra]
    .sort((a, b) => a - b)
    .map(
      (status) =>
        own[status] ?? cell(operationId, status, status >= 403 && status !== 404 ? 'notProvokable' : 'valid'),
    );
}

export const coverage: Coverage = {
  cells: [
    ...row('createLink', {
      200: cell('createLink', 200, 'failed', {
        valid: 5,
        failed: 2,
        problems: [
          "200 createLink with a minimal form body: responseSchemaConformance: data must have required property 'link_id'",
        ],
      }),
    }),
    ...row('createSplitLink', { 200: cell('createSplitLink', 200, 'failed', { failed: 1 }) }),
    ...row(
      'deleteLink',
      {
        200: cell('deleteLink', 200, 'notChecked', {
          notChecked: [
            '200 deleteLink of an unused link: prerequisite failed (createLink not answered as documented)',
          ],
        }),
        404: cell('deleteLink', 404, 'failed', { failed: 1 }),
      },
      [404],
    ),
    ...row('getMyUnusedLinks', { 201: cell('getMyUnusedLinks', 201, 'missing') }),
  ],
  notifications: notificationCells.map((cell) => ({
    cell,
    state: 'notProvokable',
    valid: 0,
    failed: 0,
    reasons: [
      'needs to pay and cancel links and to receive their notifications; the target offers no sandbox control API (/sandbox/*)',
    ],
    problems: [],
    problemsLeftOut: 0,
    notChecked: [],
  })),
  undocumented: [],
  fields: [
    {
      operationId: 'createLink',
      field: 'amount',
      positives: 20,
      boundaries: 6,
      negatives: 14,
      lacking: [],
      unexcused: [],
      state: 'exercised',
      reasons: [],
    },
    {
      operationId: 'createSplitLink',
      field: 'recipients',
      positives: 0,
      boundaries: 0,
      negatives: 9,
      lacking: ['positives', 'boundaries'],
      unexcused: [],
      state: 'notProvokable',
      reasons: ['positives: needs SECPAID_RECIPIENT_TOKEN'],
    },
  ],
  capLeftOut: 0,
  gate: {
    ok: false,
    missing: ['getMyUnusedLinks 201'],
    failed: ['createLink 200', 'createSplitLink 200', 'deleteLink 404'],
    notChecked: ['deleteLink 200'],
  },
};

const metadata: ContractReport['metadata'] = {
  runId: '1a2b3c4d',
  target: base,
  readOnly: false,
  operations: ['createLink', 'createSplitLink', 'deleteLink', 'getMyUnusedLinks'],
  seed: 1234,
  startedAt: '2026-05-04T10:14:51.002Z',
  finishedAt: '2026-05-04T10:15:09.640Z',
  durationMs: 18_638,
  versions: { harness: '0.1.0', spec: '2.0.0', node: 'v20.20.2' },
};

export const failedReport: ContractReport = {
  ok: false,
  reasons: [
    '4 tests failed',
    'coverage gate: createLink 200, createSplitLink 200, deleteLink 404 failed; deleteLink 200 not checked; getMyUnusedLinks 201 missing',
  ],
  counts: { passed: 96, failed: 4, skipped: 12 },
  metadata,
  findings: [
    {
      id: 'F1',
      check: 'responseSchemaConformance',
      title: '`data.link_id` missing',
      count: 3,
      operations: ['createLink', 'createSplitLink'],
      statuses: [200],
      failures: ['f1', 'f2', 'f3'],
      renamed: [{ documented: 'data.link_id', received: 'data.linkId' }],
      decision: { id: 'D-LINK', title: 'the createLink answer' },
    },
    {
      id: 'F2',
      check: 'statusAsDocumented',
      title: 'statusAsDocumented: received HTTP 500 / documented for this request: 404',
      count: 1,
      operations: ['deleteLink'],
      statuses: [500],
      failures: ['f4'],
      decision: { id: 'D-DELETE', title: 'deleteLink' },
    },
  ],
  failures,
  tests: failures.map((f) => ({
    suite: f.suite,
    test: f.test,
    reason: `${f.checks[0]!.check}: ${f.checks[0]!.message}`,
    failures: [f.id],
  })),
  coverage,
  drift: [
    {
      operationId: 'createLink',
      status: 200,
      path: 'data.linkId',
      count: 2,
      example: '200 createLink with a minimal form body',
    },
    {
      operationId: 'createSplitLink',
      status: 200,
      path: 'data.linkId',
      count: 1,
      example: '200 createSplitLink with two recipients',
    },
  ],
};

export const passedReport: ContractReport = {
  ok: true,
  reasons: [],
  counts: { passed: 100, failed: 0, skipped: 12 },
  metadata,
  findings: [],
  failures: [],
  tests: [],
  coverage: {
    ...coverage,
    cells: coverage.cells.map((c) =>
      c.state === 'notProvokable'
        ? c
        : { ...c, state: 'valid', valid: 3, failed: 0, problems: [], notChecked: [] },
    ),
    gate: { ok: true, missing: [], failed: [], notChecked: [] },
  },
  drift: [],
};
