import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * A JSON Schema of HAR 1.2, for the tests of the HAR export (har.ts).
 *
 * HAR 1.2 as http://www.softwareishard.com/blog/har-12-spec/ states it: the required members and
 * their types. Members the spec does not name are refused unless they start with `_` (its rule for
 * custom fields), so a misspelt member fails here instead of being skipped by an importer.
 */
const open = { patternProperties: { '^_': {} }, additionalProperties: false } as const;
const comment = { type: 'string' } as const;
const nameValue = {
  type: 'object',
  required: ['name', 'value'],
  properties: { name: { type: 'string' }, value: { type: 'string' }, comment },
  ...open,
} as const;
const nameValues = { type: 'array', items: nameValue } as const;
const cookie = {
  type: 'object',
  required: ['name', 'value'],
  properties: {
    name: { type: 'string' },
    value: { type: 'string' },
    path: { type: 'string' },
    domain: { type: 'string' },
    expires: { type: 'string', format: 'date-time' },
    httpOnly: { type: 'boolean' },
    secure: { type: 'boolean' },
    comment,
  },
  ...open,
} as const;
const harSchema = {
  type: 'object',
  required: ['log'],
  properties: {
    log: {
      type: 'object',
      required: ['version', 'creator', 'entries'],
      properties: {
        version: { const: '1.2' },
        creator: {
          type: 'object',
          required: ['name', 'version'],
          properties: { name: { type: 'string' }, version: { type: 'string' }, comment },
          ...open,
        },
        pages: { type: 'array', maxItems: 0 },
        entries: {
          type: 'array',
          items: {
            type: 'object',
            required: ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings'],
            properties: {
              pageref: { type: 'string' },
              startedDateTime: { type: 'string', format: 'date-time' },
              time: { type: 'number', minimum: 0 },
              request: {
                type: 'object',
                required: [
                  'method',
                  'url',
                  'httpVersion',
                  'cookies',
                  'headers',
                  'queryString',
                  'headersSize',
                  'bodySize',
                ],
                properties: {
                  method: { type: 'string', minLength: 1 },
                  url: { type: 'string', format: 'uri' },
                  httpVersion: { type: 'string' },
                  cookies: { type: 'array', items: cookie },
                  headers: nameValues,
                  queryString: nameValues,
                  postData: {
                    type: 'object',
                    required: ['mimeType'],
                    properties: {
                      mimeType: { type: 'string' },
                      text: { type: 'string' },
                      params: { type: 'array' },
                      comment,
                    },
                    // text and params are mutually exclusive, and one of them is required.
                    oneOf: [{ required: ['text'] }, { required: ['params'] }],
                    ...open,
                  },
                  headersSize: { type: 'integer', minimum: -1 },
                  bodySize: { type: 'integer', minimum: -1 },
                  comment,
                },
                ...open,
              },
              response: {
                type: 'object',
                required: [
                  'status',
                  'statusText',
                  'httpVersion',
                  'cookies',
                  'headers',
                  'content',
                  'redirectURL',
                  'headersSize',
                  'bodySize',
                ],
                properties: {
                  status: { type: 'integer', minimum: 0 },
                  statusText: { type: 'string' },
                  httpVersion: { type: 'string' },
                  cookies: { type: 'array', items: cookie },
                  headers: nameValues,
                  content: {
                    type: 'object',
                    required: ['size', 'mimeType'],
                    properties: {
                      size: { type: 'integer', minimum: 0 },
                      compression: { type: 'integer' },
                      mimeType: { type: 'string' },
                      text: { type: 'string' },
                      encoding: { type: 'string' },
                      comment,
                    },
                    ...open,
                  },
                  redirectURL: { type: 'string' },
                  headersSize: { type: 'integer', minimum: -1 },
                  bodySize: { type: 'integer', minimum: -1 },
                  comment,
                },
                ...open,
              },
              cache: {
                type: 'object',
                properties: {
                  beforeRequest: { type: ['object', 'null'] },
                  afterRequest: { type: ['object', 'null'] },
                  comment,
                },
                ...open,
              },
              timings: {
                type: 'object',
                required: ['send', 'wait', 'receive'],
                properties: {
                  blocked: { type: 'number', minimum: -1 },
                  dns: { type: 'number', minimum: -1 },
                  connect: { type: 'number', minimum: -1 },
                  send: { type: 'number', minimum: 0 },
                  wait: { type: 'number', minimum: 0 },
                  receive: { type: 'number', minimum: 0 },
                  ssl: { type: 'number', minimum: -1 },
                  comment,
                },
                ...open,
              },
              serverIPAddress: { type: 'string' },
              connection: { type: 'string' },
              comment,
            },
            ...open,
          },
        },
        browser: {
          type: 'object',
          required: ['name', 'version'],
          properties: { name: { type: 'string' }, version: { type: 'string' }, comment },
          ...open,
        },
        comment,
      },
      ...open,
    },
  },
  ...open,
} as const;

const ajv = new Ajv2020.default({ allErrors: true });
addFormats.default(ajv);
export const validHar = ajv.compile(harSchema);

/** Why a log failed the schema, for an assertion's message. */
export const harErrors = () => ajv.errorsText(validHar.errors);
