/**
 * Who is calling: the `token` header against the tenants' keys. A missing, empty or malformed key is
 * 401; a well-formed key that matches nobody is 201 UserNotFound (the seed's quirk); a suspended
 * account is 403; over the account's per-minute limit is 429. Keys are never logged.
 */
import type { Socket } from 'node:net';
import { ApiError } from './errors.ts';
import type { RequestHeaders } from './http/requestHeaders.ts';
import type { Tenant, TenantStore } from './store/tenants.ts';

const WELL_FORMED_KEY = /^[A-Za-z0-9]{16,64}$/;
const MINUTE_MS = 60_000;

/**
 * The key last accepted on a keep-alive connection and its tenant. A repeat of the same key on the
 * same connection skips hashing; comparing with what this very client sent before reveals nothing
 * about anybody's key, so it need not be constant-time.
 */
const lastKeyOfConnection = new WeakMap<Socket, { key: string; tenant: Tenant }>();

/** The key the request presents, or 401: missing, empty, repeated or not of the keys' form. */
export function presentedKey(headers: RequestHeaders): string {
  const key = headers.tokenRepeated ? undefined : headers.token;
  if (key && WELL_FORMED_KEY.test(key)) return key;
  throw new ApiError('Unauthorized', headers.token ? 'Malformed API key.' : 'Please enter token');
}

/** The tenant of a well-formed key, or 201 UserNotFound. */
export function tenantOfKey(tenants: TenantStore, key: string, socket: Socket): Tenant {
  const last = lastKeyOfConnection.get(socket);
  if (last?.key === key) return last.tenant;
  const tenant = tenants.findByApiKey(key);
  if (!tenant) throw new ApiError('UserNotFound');
  lastKeyOfConnection.set(socket, { key, tenant });
  return tenant;
}

export function refuseSuspended(tenant: Tenant): Tenant {
  if (tenant.suspended) throw new ApiError('Forbidden', 'This account is suspended.');
  return tenant;
}

export function authenticate(tenants: TenantStore, headers: RequestHeaders, socket: Socket): Tenant {
  return refuseSuspended(tenantOfKey(tenants, presentedKey(headers), socket));
}

export type Authenticate = typeof authenticate;

/**
 * A token bucket per key, off unless the tenant was made with a rate limit: it holds `rateLimit`
 * requests and refills at `rateLimit` a minute, so no minute, wherever it starts, lets much more
 * than the limit through (a fixed window let twice the limit through across its boundary). A 429
 * says in Retry-After when the next request will be let through.
 */
export function enforceRateLimit(tenant: Tenant, now: number): void {
  const limit = tenant.rateLimit;
  if (limit === undefined) return;
  const perMs = limit / MINUTE_MS;
  tenant.rateTokens = Math.min(limit, tenant.rateTokens + (now - tenant.rateRefilledAt) * perMs);
  tenant.rateRefilledAt = now;
  if (tenant.rateTokens >= 1) {
    tenant.rateTokens -= 1;
    return;
  }
  const retryAfter = Math.max(1, Math.ceil((1 - tenant.rateTokens) / perMs / 1000));
  throw new ApiError('TooManyRequests', undefined, { 'retry-after': String(retryAfter) });
}
