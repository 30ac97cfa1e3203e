/**
 * A link's own webhook encryption settings from its create body: `is_encryption` ("true" or
 * "false"; a boolean is read the same, as createSplitLink spells its other flags) and
 * `encryption_key`. A body without them follows the account (webhooks/plan.ts). The key is not
 * checked here beyond the spec: one that cannot encrypt makes its notifications `not_sent`, with
 * the reason in the delivery log.
 */
import type { NewLinkEncryption } from '../store/links.ts';

export function linkEncryption(body: object): NewLinkEncryption {
  const flag = 'is_encryption' in body ? body.is_encryption : undefined;
  const key = 'encryption_key' in body ? body.encryption_key : undefined;
  return {
    encrypt: flag === 'true' || flag === true ? true : flag === 'false' || flag === false ? false : undefined,
    encryptionKey: typeof key === 'string' ? key : '',
  };
}
