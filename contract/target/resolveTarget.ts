/**
 * Turns "what to test" into a running target. One resolver per kind: the embedded sandbox
 * (in-process, free port, always with the control API), a URL (control API when it answers,
 * otherwise the API keys from the environment) and a container image (see image.ts).
 *
 * A URL target is checked before any suite starts, so that a mistake in how the run was set up ends
 * in one line saying what to do (the CLI's exit 2) instead of a hundred failed tests: the URL's
 * form (baseUrl.ts), something answering there (probeControlApi.ts), and, on keys from the
 * environment, a second key where the run needs one and each key taken by the server (envKeys.ts;
 * image targets get the same checks).
 */
import { isLoopbackHost } from '../../core/loopbackHost.ts';
import { baseUrlProblem, isLocalHost } from './baseUrl.ts';
import { assertEnvKeys } from './envKeys.ts';
import { imageTarget } from './image.ts';
import { probeControlApi, TargetUnreachable } from './probeControlApi.ts';
import { type Target, type TargetRequest, type TargetTokens, tokensFromEnv } from './types.ts';

type UrlRequest = Extract<TargetRequest, { kind: 'url' }>;

/**
 * One webhook attempt's deadline in the embedded sandbox: the suite's receiver answers at once, so
 * only a stalled machine ever comes near it, and a shorter one would make the faithful sandbox send a
 * notification again (a resend the suite must then tell from a duplicate).
 */
const embeddedWebhookTimeoutMs = 60_000;

async function embeddedTarget(brokenMode: string | undefined): Promise<Target> {
  const { startSandbox } = await import('../../sandbox/index.ts');
  const sandbox = await startSandbox({
    port: 0,
    webhooks: { timeoutMs: embeddedWebhookTimeoutMs },
    ...(brokenMode ? { brokenMode } : {}),
  });
  return {
    kind: 'embedded',
    baseUrl: sandbox.url,
    description: `embedded sandbox ${sandbox.url}${brokenMode ? ` (brokenMode ${brokenMode})` : ''}`,
    control: true,
    tokens: {},
    close: () => sandbox.close(),
  };
}

/** How to get a server to test where nothing answers: a loopback URL names the sandbox's port. */
function startHint(url: string): string {
  const { hostname, port } = new URL(url);
  if (!isLocalHost(hostname))
    return 'check the URL and the network, or test a local sandbox (npm run sandbox)';
  const portOption = port && port !== '4010' ? ` -- --port ${port}` : '';
  return `start the server, or a local sandbox there with npm run sandbox${portOption}`;
}

async function offersControlApi(url: string): Promise<boolean> {
  try {
    return await probeControlApi(url);
  } catch (error) {
    if (error instanceof TargetUnreachable) {
      // A TLS handshake that met plain HTTP: something answers, just not over https.
      if (url.startsWith('https:') && /SSL|EPROTO|TLS/i.test(error.code))
        throw new Error(
          `${url} answers, but not over TLS (${error.code}): did you mean ${url.replace(/^https:/, 'http:')}?`,
        );
      throw new Error(`${error.message}: ${startHint(url)}`);
    }
    throw error;
  }
}

async function urlTarget(request: UrlRequest, tokens: TargetTokens): Promise<Target> {
  const problem = baseUrlProblem(request.baseUrl);
  if (problem) throw new Error(problem);
  const url = request.baseUrl.replace(/\/+$/, '');
  const useControlApi = request.useControlApi ?? true;
  const offered = await offersControlApi(url);
  const control = offered && useControlApi;
  if (!control && !tokens.a) {
    throw new Error(
      `${useControlApi ? `${url} offers no sandbox control API, so the suite cannot make its own accounts` : '--env-tokens acts on keys from the environment'}: ` +
        'set SECPAID_TOKEN (and SECPAID_TOKEN_B, SECPAID_RECIPIENT_TOKEN) to the API keys to test with',
    );
  }
  if (!control) await assertEnvKeys(url, request, tokens);
  const accounts = !control && !tokens.b ? ', one account' : '';
  const { hostname } = new URL(url);
  // Whether the server can post to the suite's 127.0.0.1 receiver: the one loopback check.
  const remote = isLoopbackHost(hostname)
    ? {}
    : {
        loopbackUnreachable: `the server at ${hostname} cannot reach this machine's 127.0.0.1, where the suite receives notifications (run it on this machine and give a 127.0.0.1 URL)`,
      };
  return {
    kind: 'url',
    baseUrl: url,
    description: `${url} (${control ? 'sandbox control API' : `API keys from the environment${accounts}`})`,
    control,
    ...(offered && !control
      ? {
          controlSetAside: '--env-tokens runs without the sandbox control API (/sandbox/*) the target offers',
        }
      : {}),
    ...remote,
    tokens: control ? {} : tokens,
    close: async () => {},
  };
}

export async function resolveTarget(
  request: TargetRequest,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Target> {
  switch (request.kind) {
    case 'embedded':
      return embeddedTarget(request.brokenMode);
    case 'url':
      return urlTarget(request, tokensFromEnv(env));
    case 'image':
      return imageTarget(request, env);
  }
}
