/**
 * Accounts and their API keys. Keys are stored only as SHA-256 digests and found by digest, then
 * compared with timingSafeEqual: nothing about a key leaks through timing, and a dump of the store
 * holds no usable key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { newApiKey, newEncryptionKey, newRecipientToken, newUserId } from '../domain/ids.ts';
import type { PayIn, Payout } from './transactions.ts';

export interface Tenant {
  userId: string;
  keyDigest: Buffer;
  recipientToken: string;
  suspended: boolean;
  /** Requests per minute; undefined = unlimited. */
  rateLimit: number | undefined;
  /** The token bucket of the rate limit (auth.ts): requests it would let through now, and when it was last refilled. */
  rateTokens: number;
  rateRefilledAt: number;
  /** Link ids in creation order; links that left the state are skipped when read (see LinkStore). */
  unusedIds: number[];
  unusedCount: number;
  /** Links in the order they were paid. */
  usedIds: number[];
  payIns: PayIn[];
  payouts: Payout[];
  /** Saved payment endpoints (http(s) URLs): a link's payment_endpoint names them by 0-based index. */
  paymentEndpoints: readonly string[];
  /** Encrypt notifications unless a link says otherwise. */
  isEncryption: boolean;
  /**
   * The key notifications are encrypted with (32 printable ASCII characters). Kept as it is, unlike
   * the API key: the sandbox needs the key itself to encrypt.
   */
  encryptionKey: string;
  /** How a plain notification is encoded. */
  webhookFormat: 'form' | 'json';
}

/** What an account is made with; every field has a default. */
export interface NewTenant {
  suspended?: boolean;
  rateLimit?: number;
  paymentEndpoints?: readonly string[];
  isEncryption?: boolean;
  /** Generated when absent; the caller has checked a given one (encryptionKeyProblem). */
  encryptionKey?: string;
  webhookFormat?: 'form' | 'json';
}

const digest = (key: string): Buffer => createHash('sha256').update(key).digest();

export class TenantStore {
  private readonly byDigest = new Map<string, Tenant>();
  private readonly byRecipientToken = new Map<string, Tenant>();
  readonly all: Tenant[] = [];

  create(options: NewTenant = {}): { tenant: Tenant; apiKey: string } {
    const apiKey = newApiKey();
    const tenant: Tenant = {
      userId: newUserId(),
      keyDigest: digest(apiKey),
      recipientToken: newRecipientToken(),
      suspended: options.suspended ?? false,
      rateLimit: options.rateLimit,
      // A full bucket: whenever the first request comes, the whole limit is there.
      rateTokens: options.rateLimit ?? 0,
      rateRefilledAt: 0,
      unusedIds: [],
      unusedCount: 0,
      usedIds: [],
      payIns: [],
      payouts: [],
      paymentEndpoints: options.paymentEndpoints ?? [],
      isEncryption: options.isEncryption ?? false,
      encryptionKey: options.encryptionKey ?? newEncryptionKey(),
      webhookFormat: options.webhookFormat ?? 'form',
    };
    this.byDigest.set(tenant.keyDigest.toString('hex'), tenant);
    this.byRecipientToken.set(tenant.recipientToken, tenant);
    this.all.push(tenant);
    return { tenant, apiKey };
  }

  findByApiKey(apiKey: string): Tenant | undefined {
    const presented = digest(apiKey);
    const tenant = this.byDigest.get(presented.toString('hex'));
    return tenant && timingSafeEqual(tenant.keyDigest, presented) ? tenant : undefined;
  }

  findByRecipientToken(token: string): Tenant | undefined {
    return this.byRecipientToken.get(token);
  }
}
