/**
 * What a run on keys from the environment (a URL or an image without the sandbox control API) checks
 * before any suite starts, each mistake one line: a second key where the run needs one
 * (secondAccount.ts), and each key taken by the server (keyCheck.ts: one call per key).
 */
import { refusedKeys } from './keyCheck.ts';
import { defaultSelection, secondAccountUsers } from './secondAccount.ts';
import type { EnvKeysOptions, TargetTokens } from './types.ts';

/** Refuses a run on keys from the environment that would skip its isolation tests for want of a key. */
function assertSecondAccount(request: EnvKeysOptions, tokens: TargetTokens): void {
  if (tokens.b !== undefined && tokens.b === tokens.a)
    throw new Error(
      'SECPAID_TOKEN_B is the same key as SECPAID_TOKEN: the isolation tests need another account\'s key (a sandbox prints one at start; contract/README.md, "Keys for a run against a URL")',
    );
  if (tokens.b || request.singleAccount) return;
  const users = secondAccountUsers(request.selection ?? defaultSelection);
  if (users.length === 0) return;
  throw new Error(
    `SECPAID_TOKEN_B is not set, but ${users.join(' and ')} need a second account: set it to another ` +
      'account\'s API key (a sandbox prints one at start; contract/README.md, "Keys for a run against ' +
      'a URL"), or pass --single-account to skip them as not provokable',
  );
}

async function assertKeysTaken(url: string, tokens: TargetTokens): Promise<void> {
  const keys = [
    { variable: 'SECPAID_TOKEN', token: tokens.a },
    { variable: 'SECPAID_TOKEN_B', token: tokens.b },
  ].filter((key): key is { variable: string; token: string } => key.token !== undefined);
  const refused = await refusedKeys(url, keys);
  if (refused.length === 0) return;
  throw new Error(
    `${url} does not accept ${refused.join(' nor ')}: set ${refused.length > 1 ? 'them' : 'it'} to the API key of an account on this server`,
  );
}

export async function assertEnvKeys(
  url: string,
  options: EnvKeysOptions,
  tokens: TargetTokens,
): Promise<void> {
  assertSecondAccount(options, tokens);
  await assertKeysTaken(url, tokens);
}
