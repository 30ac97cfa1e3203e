/**
 * An account's webhook settings from a createTenant body (spec/sandbox.yaml TenantRequest), checked
 * beyond what the schema says: each saved endpoint is an http(s) URL, and a given encryption key can
 * encrypt (core/webhooks/encryption.ts). A host that is not allowed is accepted here: its
 * notifications are logged `not_sent` with the reason, as any endpoint's would be.
 */
import { encryptionKeyProblem } from '../../core/webhooks/encryption.ts';
import { invalid } from '../errors.ts';
import type { NewTenant } from '../store/tenants.ts';
import { isHttpUrl } from '../webhooks/endpoints.ts';
import type { ControlBody } from './readControlBody.ts';

export function tenantWebhooks(
  body: ControlBody<'/sandbox/tenants'>,
): Pick<NewTenant, 'paymentEndpoints' | 'isEncryption' | 'encryptionKey' | 'webhookFormat'> {
  const endpoints = body.payment_endpoints ?? [];
  endpoints.forEach((url, i) => {
    if (!isHttpUrl(url)) throw invalid(`payment_endpoints/${i} is not an http(s) URL`);
  });
  const key = body.encryption_key;
  const problem = key === undefined ? undefined : encryptionKeyProblem(key);
  if (problem) throw invalid(`encryption_key: ${problem}`);
  return {
    paymentEndpoints: endpoints,
    isEncryption: body.is_encryption === true,
    ...(key === undefined ? {} : { encryptionKey: key }),
    webhookFormat: body.webhook_format ?? 'form',
  };
}
