/**
 * The oracle of one suite process: one model for every request the process makes (suites through
 * Pactum, the generated phase, the control API), so each answer is judged against all earlier ones.
 * Suite processes never share an account made by the control API, so each such account is complete
 * in the process that made it.
 */
import type { CheckFailure } from '../checks/types.ts';
import { RunModel } from './runModel.ts';
import { judgeAgainstModel, learn, type ObservedExchange } from './stateOracle.ts';

const model = new RunModel();

export function stateOracle(exchange: ObservedExchange): CheckFailure[] {
  const failures = judgeAgainstModel(model, exchange);
  learn(model, exchange);
  return failures.map((message) => ({ check: 'stateOracle', message }));
}

/** What the control API did: made an account (complete from the start), paid or cancelled a link. */
export function observeControl(call: {
  method: string;
  url: string;
  status?: number;
  responseBody?: string;
  bodyCut?: string;
}): void {
  if (call.method !== 'POST' || call.status !== 200 || call.bodyCut !== undefined) return;
  const path = new URL(call.url).pathname;
  const linkAction = /^\/sandbox\/links\/(\d+)\/(pay|cancel)$/.exec(path);
  if (linkAction)
    model.setStatus(Number(linkAction[1]), linkAction[2] === 'pay' ? 'Used' : 'Cancelled', Date.now());
  if (path === '/sandbox/tenants') {
    try {
      const token = (JSON.parse(call.responseBody ?? '') as { data?: { token?: unknown } }).data?.token;
      if (typeof token === 'string') model.freshAccount(token);
    } catch {
      // An unreadable answer made no account the model can know.
    }
  }
}

/** A request body as fields: a form (text values), JSON, or raw text in either encoding. */
export function bodyFields(body: unknown): Record<string, unknown> | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'object' && !Buffer.isBuffer(body)) return body as Record<string, unknown>;
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Not JSON: read it as a form.
  }
  return Object.fromEntries(new URLSearchParams(text));
}
