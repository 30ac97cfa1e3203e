import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base, creator, formType, json, records } from './har.fixture.ts';
import { type HarEntry, harText } from './har.ts';
import { harErrors, validHar } from './harSchema.ts';

function parsed(): { log: { version: string; creator: unknown; pages?: unknown; entries: HarEntry[] } } {
  return JSON.parse(harText(records, creator));
}

function entryOf(id: string): HarEntry {
  const found = parsed().log.entries.find((e) => e._exchangeId === id);
  assert.ok(found, `no entry for exchange ${id}`);
  return found;
}

test('the log is valid HAR 1.2, pretty-printed, with its creator and no pages', () => {
  const text = harText(records, creator);
  assert.match(text, /^\{\n {2}"log": \{\n/);
  const har = JSON.parse(text);
  assert.ok(validHar(har), harErrors());
  assert.equal(har.log.version, '1.2');
  assert.deepEqual(har.log.creator, creator);
  assert.equal(har.log.pages, undefined);
  assert.equal(har.log.entries.length, records.length);
});

test('the schema refuses what an importer would trip over', () => {
  type Loose = HarEntry & Record<string, unknown>;
  const accepts = (change: (entry: Loose) => void) => {
    const har = parsed();
    change(har.log.entries[0] as Loose);
    return validHar(har);
  };
  assert.equal(
    accepts(() => {}),
    true,
  );
  assert.equal(
    accepts((e) => Reflect.deleteProperty(e.response.content, 'mimeType')),
    false,
  );
  assert.equal(
    accepts((e) => {
      e.exchangeId = 'x1.1';
    }),
    false,
  );
  assert.equal(
    accepts((e) => {
      e.startedDateTime = 'yesterday';
    }),
    false,
  );
  assert.equal(
    accepts((e) => {
      e.request.postData = { mimeType: formType } as HarEntry['request']['postData'];
    }),
    false,
  );
  assert.equal(
    accepts((e) => {
      e.timings = { send: 0, wait: 1 } as HarEntry['timings'];
    }),
    false,
  );
});

test('entries run oldest first by when each request started', () => {
  const entries = parsed().log.entries;
  const starts = entries.map((e) => Date.parse(e.startedDateTime));
  assert.deepEqual(
    starts,
    [...starts].sort((a, b) => a - b),
  );
  assert.deepEqual(
    entries.map((e) => e._exchangeId),
    ['x8.2', 'x7.1', 'x7.2', 'x8.1', 'x9.1', 'x9.2'],
  );
  // The record's stamp is when the exchange ended: start + time.
  for (const record of records) {
    const e = entryOf(record.id!);
    assert.equal(Date.parse(e.startedDateTime) + e.time, Date.parse(record.at), record.id);
  }
});

test('every exchange id appears once, with its suite and test in members and in words', () => {
  const entries = parsed().log.entries;
  assert.deepEqual(entries.map((e) => e._exchangeId).sort(), records.map((r) => r.id).sort());
  for (const record of records) {
    const e = entryOf(record.id!);
    assert.equal(e._suite, record.suite);
    assert.equal(e._test, record.test);
    assert.ok(e.comment.includes(`suite ${record.suite}`), e.comment);
    assert.ok(e.comment.includes(`test "${record.test}"`), e.comment);
    assert.ok(e.comment.includes(`exchange ${record.id}`), e.comment);
  }
});

test('requests carry method, url, headers as recorded and the body sent with its type and size', () => {
  const form = entryOf('x7.1').request;
  assert.equal(form.method, 'POST');
  assert.equal(form.url, `${base}/createLink`);
  assert.equal(form.httpVersion, 'HTTP/1.1');
  assert.deepEqual(form.cookies, []);
  assert.deepEqual(form.headers, [
    { name: 'token', value: '{{SECPAID_TOKEN}}' },
    { name: 'content-type', value: formType },
  ]);
  assert.deepEqual(form.postData, { mimeType: formType, text: records[1]!.requestBody });
  assert.equal(form.bodySize, records[1]!.requestBody!.length);
  assert.equal(form.headersSize, -1);

  const jsonBody = entryOf('x7.2').request;
  assert.deepEqual(jsonBody.postData, { mimeType: 'application/json', text: records[0]!.requestBody });
  // Bytes, not characters: the note holds an "é".
  assert.equal(jsonBody.bodySize, records[0]!.requestBody!.length + 1);
  assert.deepEqual(
    jsonBody.headers.map((h) => h.name),
    ['token', 'content-type', 'accept'],
  );

  const noBody = entryOf('x8.1').request;
  assert.equal(noBody.postData, undefined);
  assert.equal(noBody.bodySize, 0);
  assert.deepEqual(noBody.headers, [
    { name: 'token', value: '{{SECPAID_TOKEN}}' },
    { name: 'X-Request-Id', value: 'abc' },
  ]);
});

test('the query string is parsed from the url, repeated names and encodings included', () => {
  assert.deepEqual(entryOf('x8.1').request.queryString, [
    { name: 'limit', value: '10' },
    { name: 'status', value: 'unused' },
    { name: 'note', value: 'a b' },
    { name: 'note', value: 'c d' },
  ]);
  assert.deepEqual(entryOf('x7.1').request.queryString, []);
});

test('a redacted key is the variable that holds it, for Postman and Insomnia; nothing else is', () => {
  const text = harText(records, creator);
  const har = JSON.parse(text) as { log: { entries: HarEntry[] } };
  const tokens = har.log.entries.flatMap((e) =>
    [...e.request.headers, ...e.response.headers].filter((h) => h.name.toLowerCase() === 'token'),
  );
  assert.equal(tokens.length, 6);
  for (const t of tokens) assert.equal(t.value, '{{SECPAID_TOKEN}}');
  const second = JSON.parse(
    harText(
      [{ ...records[0]!, requestHeaders: { token: '«redacted: SECPAID_TOKEN_B»', 'x-other': '«redacted»' } }],
      creator,
    ),
  ) as { log: { entries: HarEntry[] } };
  assert.deepEqual(second.log.entries[0]!.request.headers, [
    { name: 'token', value: '{{SECPAID_TOKEN_B}}' },
    { name: 'x-other', value: '«redacted»' },
  ]);
});

test('responses carry status, status text, headers, the kept body and its whole size', () => {
  const created = entryOf('x7.2').response;
  assert.equal(created.status, 201);
  assert.equal(created.statusText, 'Created');
  assert.equal(created.httpVersion, 'HTTP/1.1');
  assert.deepEqual(created.headers, [
    { name: 'content-type', value: json },
    { name: 'location', value: `${base}/links/42` },
  ]);
  assert.deepEqual(created.content, { size: 35, mimeType: json, text: records[0]!.responseBody });
  assert.equal(created.redirectURL, `${base}/links/42`);
  assert.equal(created.bodySize, 35);
  assert.equal(entryOf('x7.2')._bodyCut, undefined);

  const ok = entryOf('x7.1').response;
  assert.equal(ok.status, 200);
  assert.equal(ok.statusText, 'OK');
  assert.equal(ok.redirectURL, '');
  assert.equal(ok.content.text, '{"data":{"id":41}}');
});

test('a cut body keeps its start, states the size of the whole and why it was cut', () => {
  const e = entryOf('x8.2');
  assert.equal(e.response.content.text, '{"data":[{"id":1},');
  assert.equal(e.response.content.size, 52_428_800);
  assert.equal(e.response.bodySize, 52_428_800);
  assert.equal(e._bodyCut, 'over the 1 MiB cap (52,428,800 bytes; 18 kept)');
});

test('a request that failed without an answer has status 0 and its error', () => {
  const e = entryOf('x9.1');
  assert.equal(e.response.status, 0);
  assert.equal(e.response.statusText, '');
  assert.equal(e.response.content.size, 0);
  assert.equal(e.response.content.text, undefined);
  assert.deepEqual(e.response.headers, []);
  assert.equal(e._error, 'Error: socket hang up');
  assert.ok(e.comment.includes('Error: socket hang up'), e.comment);
  assert.deepEqual(e.request.postData, { mimeType: formType, text: 'link_id=42' });
  assert.equal(entryOf('x7.1')._error, undefined);
});

test('a record without bodies says so and invents none', () => {
  const e = entryOf('x9.2');
  assert.equal(e._bodyCut, 'bodies not recorded: the run’s budget for request records was spent');
  assert.equal(e.request.postData, undefined);
  // Not recorded, but its Content-Length was.
  assert.equal(e.request.bodySize, 10);
  assert.equal(e.response.status, 204);
  assert.equal(e.response.statusText, 'No Content');
  assert.equal(e.response.content.text, undefined);
  assert.equal(e.response.content.mimeType, '');
});

test('timings add up to the time, which is the recorded duration', () => {
  for (const record of records) {
    const e = entryOf(record.id!);
    assert.equal(e.time, record.ms, record.id);
    assert.equal(e.timings.send + e.timings.wait + e.timings.receive, e.time, record.id);
  }
});

test('an unknown status has an empty status text; a record without names still has words', () => {
  const [e] = (
    JSON.parse(
      harText(
        [
          {
            at: '2025-03-01T10:00:00.000Z',
            method: 'GET',
            url: `${base}/x`,
            requestHeaders: {},
            status: 599,
            ms: 1,
          },
        ],
        creator,
      ),
    ) as { log: { entries: HarEntry[] } }
  ).log.entries;
  assert.ok(e);
  assert.equal(e.response.statusText, '');
  assert.equal(e.response.status, 599);
  assert.equal(e._exchangeId, undefined);
  assert.match(e.comment, /no suite recorded.*no test running.*no exchange id recorded/);
  assert.ok(validHar(JSON.parse(harText([], creator))), harErrors());
});
