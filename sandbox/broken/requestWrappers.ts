/**
 * Broken modes that wrap the faithful app instead of living in it: they alter a request before the
 * app reads it, or answer it themselves, so no handler has a branch for them. The key modes learn
 * the keys as the tenant store hands them out (the store itself keeps only digests).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../errors.ts';
import { errorEnvelope, sendJson } from '../http/respond.ts';
import type { SandboxState } from '../state.ts';

type Handle = (req: IncomingMessage, res: ServerResponse) => void;

/** The key a lenient server would take `presented` for, or undefined. */
function lenientKey(
  mode: SandboxState['broken'],
  presented: string,
  keys: readonly string[],
): string | undefined {
  switch (mode) {
    case 'key-case-insensitive':
      return keys.find((key) => key.toLowerCase() === presented.toLowerCase());
    case 'key-prefix-match':
      // A column or comparison that keeps only the first 16 characters.
      return presented.length >= 16
        ? keys.find((key) => key.slice(0, 16) === presented.slice(0, 16))
        : undefined;
    case 'key-bearer-accepted':
      return presented.startsWith('Bearer ') ? presented.slice('Bearer '.length) : undefined;
    default:
      return undefined;
  }
}

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

export function withBrokenRequests(state: SandboxState, handle: Handle): Handle {
  const mode = state.broken;
  if (mode === 'key-case-insensitive' || mode === 'key-prefix-match' || mode === 'key-bearer-accepted') {
    const keys = learnKeys(state);
    return (req, res) => {
      const raw = req.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) {
        if (raw[i]!.toLowerCase() !== 'token') continue;
        const key = lenientKey(mode, raw[i + 1]!, keys);
        if (key !== undefined) raw[i + 1] = key;
      }
      handle(req, res);
    };
  }
  if (mode === 'form-charset-refused') {
    // Compares the whole Content-Type with the bare media type, so `; charset=UTF-8` is refused.
    return (req, res) => {
      const type = req.headers['content-type'];
      if (req.url?.startsWith('/api/') && type?.includes(';')) {
        req.resume();
        const refused = new ApiError('InvalidParameters', `Content-Type ${type} is not accepted`);
        sendJson(state, res, 400, errorEnvelope(state, refused));
        return;
      }
      handle(req, res);
    };
  }
  return handle;
}
