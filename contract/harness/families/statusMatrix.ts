/**
 * The statuses every operation documents the same way, provoked on purpose: 401 for a missing,
 * empty or malformed key; 201 UserNotFound for a well-formed key of nobody (16 and 64 characters
 * are the bounds); 403 for a suspended account; 429 past the key's rate limit; 500 through an
 * injected fault, which must then be used up. `valid` makes the request that would otherwise succeed.
 */
import { randomBytes } from 'node:crypto';
import type { OperationId } from '../../../core/spec.ts';
import { aCaller } from '../accounts.ts';
import type { ContractSuite, Need, TestOptions } from '../contractSuite.ts';
import { control } from '../control.ts';
import { madeUpKey } from '../keyRoles.ts';
import { type Caller, type SendOptions, send } from '../send.ts';

export interface ValidRequest {
  /** The request that is answered `status` for this caller when nothing is wrong. */
  make(caller: Caller): Promise<Omit<SendOptions, 'as'>>;
  status: number;
  /** True when the request creates links (skipped on read-only runs). */
  writes: boolean;
}

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A key of no account (random, well-formed when 16 to 64 long): the reports show it as sent. */
export function aWellFormedUnknownKey(length = 32): string {
  return madeUpKey([...randomBytes(length)].map((b) => alphanumeric[b % alphanumeric.length]).join(''));
}

export function statusMatrix(suite: ContractSuite, operationId: OperationId, valid: ValidRequest): void {
  const writes: Need[] = valid.writes ? ['writes'] : [];
  // A server that ignores authentication would create a link from a valid create body, even for a
  // missing or unknown key: read-only runs must not send one at all.
  const unauthenticated: TestOptions = valid.writes
    ? { needs: ['writes'], because: 'would send a valid create body' }
    : {};
  const withKey = async (token: string | null, status: number) => {
    const request = await valid.make({ token: 'unused' });
    await send(operationId, { ...request, as: token === null ? null : { token } }, status);
  };

  suite.test('401 Unauthorized when the token header is missing', unauthenticated, () => withKey(null, 401));
  suite.test('401 Unauthorized when the token is empty', unauthenticated, () => withKey('', 401));
  suite.test(
    '401 Unauthorized when the token is too short to be a key (15 characters)',
    unauthenticated,
    () => withKey(aWellFormedUnknownKey(15), 401),
  );
  suite.test('401 Unauthorized when the token is too long to be a key (65 characters)', unauthenticated, () =>
    withKey(aWellFormedUnknownKey(65), 401),
  );
  suite.test('401 Unauthorized when the token has characters a key never has', unauthenticated, () =>
    withKey(madeUpKey(`${aWellFormedUnknownKey(12)}-${aWellFormedUnknownKey(12)}!`), 401),
  );
  suite.test('201 UserNotFound when a well-formed key matches no account', unauthenticated, () =>
    withKey(aWellFormedUnknownKey(32), 201),
  );
  suite.test(
    '201 UserNotFound for unknown keys at the length bounds (16 and 64 characters)',
    unauthenticated,
    async () => {
      await withKey(aWellFormedUnknownKey(16), 201);
      await withKey(aWellFormedUnknownKey(64), 201);
    },
  );

  suite.test(
    '403 Forbidden when the account is suspended',
    { needs: ['control'], because: 'needs a suspended account' },
    async () => {
      const suspended = await aCaller({ suspended: true });
      await send(operationId, { ...(await valid.make(suspended)), as: suspended }, 403);
    },
  );

  suite.test(
    '429 TooManyRequests when the key goes past its rate limit',
    {
      needs: ['control', ...writes],
      because: "needs a key with a small rate limit (a real key's limit is not worth burning)",
    },
    async () => {
      const limited = await aCaller({ rateLimit: 2 });
      for (let i = 0; i < 2; i++)
        await send(operationId, { ...(await valid.make(limited)), as: limited }, valid.status);
      await send(operationId, { ...(await valid.make(limited)), as: limited }, 429);
    },
  );

  suite.test(
    '500 InternalServerError when the server fails, and only as often as the fault was armed',
    { needs: ['control', ...writes], because: 'needs fault injection (POST /sandbox/faults)' },
    async () => {
      const caller = await aCaller();
      await control().injectFault({ status: 500, count: 1, operationId, user_id: caller.userId });
      await send(operationId, { ...(await valid.make(caller)), as: caller }, 500);
      await send(operationId, { ...(await valid.make(caller)), as: caller }, valid.status);
    },
  );
}
