/**
 * Broken modes in who is calling (AppParts.authenticate), built from the faithful steps of auth.ts
 * with one of them missing or wrong.
 */
import { type Authenticate, presentedKey, refuseSuspended, tenantOfKey } from '../auth.ts';
import { ApiError } from '../errors.ts';
import type { Tenant } from '../store/tenants.ts';

/** `auth-ignored`: no usable key, and the request is served as the oldest account. */
export const servedAsOldest: Authenticate = (tenants, headers, socket) => {
  let key: string;
  try {
    key = presentedKey(headers);
  } catch (error) {
    const oldest = tenants.all[0];
    if (oldest) return oldest;
    throw error;
  }
  return refuseSuspended(tenantOfKey(tenants, key, socket));
};

/** `unknown-key-401`: a key of nobody is answered like a malformed one. */
export const unknownKeyUnauthorized: Authenticate = (tenants, headers, socket) => {
  const key = presentedKey(headers);
  let tenant: Tenant;
  try {
    tenant = tenantOfKey(tenants, key, socket);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UserNotFound') throw new ApiError('Unauthorized');
    throw error;
  }
  return refuseSuspended(tenant);
};

/** `suspended-allowed`: the suspension is never looked at. */
export const suspendedServed: Authenticate = (tenants, headers, socket) =>
  tenantOfKey(tenants, presentedKey(headers), socket);
