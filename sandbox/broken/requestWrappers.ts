/**
 * Broken modes that wrap the whole HTTP handler (BrokenOverrides.http): they alter a request before
 * the app reads it, answer it themselves, or alter what is written. The key modes learn the keys as
 * the tenant store hands them out (the store itself keeps only digests).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.ts';
import { ApiError } from '../errors.ts';
import { errorEnvelope, sendJson } from '../http/respond.ts';
import type { SandboxState } from '../state.ts';

export type WrapHttp = (handle: App, state: SandboxState) => App;

/** Which key a lenient server would take `presented` for, among the keys handed out. */
type Leniency = (presented: string, keys: readonly string[]) => string | undefined;

export const ignoringCase: Leniency = (presented, keys) =>
  keys.find((key) => key.toLowerCase() === presented.toLowerCase());

/** A column or comparison that keeps only the first 16 characters. */
export const onFirst16Characters: Leniency = (presented, keys) =>
  presented.length >= 16 ? keys.find((key) => key.slice(0, 16) === presented.slice(0, 16)) : undefined;

export const strippingBearer: Leniency = (presented) =>
  presented.startsWith('Bearer ') ? presented.slice('Bearer '.length) : undefined;

function learnKeys(state: SandboxState): string[] {
  const keys: string[] = [];
  const create = state.tenants.create.bind(state.tenants);
  state.tenants.create = (options) => {
    const made = create(options);
    keys.push(made.apiKey);
    return made;
  };
  return keys;
}

/** `key-case-insensitive`, `key-prefix-match`, `key-bearer-accepted`. */
export function lenientKeys(leniency: Leniency): WrapHttp {
  return (handle, state) => {
    const keys = learnKeys(state);
    return (req, res) => {
      const raw = req.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) {
        if (raw[i]!.toLowerCase() !== 'token') continue;
        const key = leniency(raw[i + 1]!, keys);
        if (key !== undefined) raw[i + 1] = key;
      }
      handle(req, res);
    };
  };
}

/** `form-charset-refused`: the whole Content-Type compared with the bare media type. */
export const charsetParameterRefused: WrapHttp = (handle, state) => (req, res) => {
  const type = req.headers['content-type'];
  if (req.url?.startsWith('/api/') && type?.includes(';')) {
    req.resume();
    const refused = new ApiError('InvalidParameters', `Content-Type ${type} is not accepted`);
    sendJson(res, 400, errorEnvelope(state, refused));
    return;
  }
  handle(req, res);
};

/** `wrong-content-type`: every answer is labelled text/plain, whatever its body. */
export const labelledTextPlain: WrapHttp = (handle) => (req: IncomingMessage, res: ServerResponse) => {
  const writeHead = res.writeHead;
  res.writeHead = ((status: number, headers?: unknown) => {
    // The app writes its headers as a flat [name, value, ...] list (http/respond.ts).
    if (Array.isArray(headers))
      for (let i = 0; i < headers.length; i += 2)
        if (headers[i] === 'content-type') headers[i + 1] = 'text/plain';
    return writeHead.call(res, status, headers as string[]);
  }) as typeof res.writeHead;
  handle(req, res);
};
