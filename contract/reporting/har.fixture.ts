/** Request records as the recorders write them, for the HAR export's tests. */
import type { RequestRecord } from './observations.ts';

export const base = 'http://127.0.0.1:4010/api/v2';
export const json = 'application/json; charset=utf-8';
export const formType = 'application/x-www-form-urlencoded';

/** Stamped when each exchange ended, as the recorder stamps them, and given out of order. */
export const records: RequestRecord[] = [
  {
    id: 'x7.2',
    suite: 'createLink',
    test: 'creates a link from a JSON body',
    at: '2025-03-01T10:00:02.500Z',
    method: 'POST',
    url: `${base}/createLink`,
    requestHeaders: { token: '«redacted»', 'content-type': 'application/json', accept: 'application/json' },
    requestBody: '{"amount":"10.00","note":"[run:1a2b3c4d] café"}',
    status: 201,
    responseHeaders: { 'content-type': json, location: `${base}/links/42` },
    responseBody: '{"data":{"id":42,"amount":"10.00"}}',
    responseBodySize: { keptBytes: 35, seenBytes: 35 },
    ms: 120,
  },
  {
    id: 'x7.1',
    suite: 'createLink',
    test: 'creates a link from a form',
    at: '2025-03-01T10:00:01.000Z',
    method: 'POST',
    url: `${base}/createLink`,
    requestHeaders: { token: '«redacted»', 'content-type': formType },
    requestBody: 'amount=10.00&note=%5Brun%3A1a2b3c4d%5D+a+note',
    status: 200,
    responseHeaders: { 'content-type': json },
    responseBody: '{"data":{"id":41}}',
    responseBodySize: { keptBytes: 18, seenBytes: 18 },
    ms: 40,
  },
  {
    id: 'x8.1',
    suite: 'listLinks',
    test: 'lists with a query',
    at: '2025-03-01T10:00:03.000Z',
    method: 'GET',
    url: `${base}/links?limit=10&status=unused&note=a%20b&note=c+d`,
    requestHeaders: { token: '«redacted»', 'X-Request-Id': 'abc' },
    status: 200,
    responseHeaders: { 'content-type': json },
    responseBody: '{"data":[]}',
    responseBodySize: { keptBytes: 11, seenBytes: 11 },
    ms: 15,
  },
  {
    id: 'x8.2',
    suite: 'listLinks',
    test: 'a huge answer',
    // Ended last but started first: a long request, sorted by when it started.
    at: '2025-03-01T10:00:05.000Z',
    method: 'GET',
    url: `${base}/links`,
    requestHeaders: { token: '«redacted»' },
    status: 200,
    responseHeaders: { 'content-type': json },
    responseBody: '{"data":[{"id":1},',
    responseBodySize: { keptBytes: 18, seenBytes: 52_428_800, cut: 'over the cap' },
    responseBodyCut: 'over the 1 MiB cap (52,428,800 bytes; 18 kept)',
    ms: 4_500,
  },
  {
    id: 'x9.1',
    suite: 'deleteLink',
    test: 'the server hangs up',
    at: '2025-03-01T10:00:04.000Z',
    method: 'POST',
    url: `${base}/deleteLink`,
    requestHeaders: { token: '«redacted»', 'content-type': formType },
    requestBody: 'link_id=42',
    error: 'Error: socket hang up',
    ms: 7,
  },
  {
    id: 'x9.2',
    suite: 'deleteLink',
    test: 'past the budget',
    at: '2025-03-01T10:00:04.500Z',
    method: 'POST',
    url: `${base}/deleteLink`,
    requestHeaders: { token: '«redacted»', 'content-type': formType, 'content-length': '10' },
    status: 204,
    responseBodySize: { keptBytes: 0, seenBytes: 0 },
    bodiesLeftOut: true,
    ms: 3,
  },
];

export const creator = { name: 'secpaid-harness', version: '0.1.0' };
