/**
 * Turns "what to test" into a running target. One resolver per kind: the embedded sandbox
 * (in-process, free port, always with the control API), a URL (control API when it answers,
 * otherwise the API keys from the environment) and a container image (see image.ts).
 */
import { imageTarget } from './image.ts';
import { probeControlApi } from './probeControlApi.ts';
import { type Target, type TargetRequest, type TargetTokens, tokensFromEnv } from './types.ts';

async function embeddedTarget(brokenMode: string | undefined): Promise<Target> {
  const { startSandbox } = await import('../../sandbox/index.ts');
  const sandbox = await startSandbox({ port: 0, quiet: true, ...(brokenMode ? { brokenMode } : {}) });
  return {
    kind: 'embedded',
    baseUrl: sandbox.url,
    description: `embedded sandbox ${sandbox.url}${brokenMode ? ` (brokenMode ${brokenMode})` : ''}`,
    control: true,
    tokens: {},
    close: () => sandbox.close(),
  };
}

async function urlTarget(baseUrl: string, useControlApi: boolean, tokens: TargetTokens): Promise<Target> {
  const url = baseUrl.replace(/\/+$/, '');
  const control = (await probeControlApi(url)) && useControlApi;
  if (!control && !tokens.a) {
    throw new Error(
      `${url} offers no sandbox control API, so the suite cannot make its own accounts: set SECPAID_TOKEN ` +
        '(and optionally SECPAID_TOKEN_B, SECPAID_RECIPIENT_TOKEN) to the API keys to test with',
    );
  }
  return {
    kind: 'url',
    baseUrl: url,
    description: `${url} (${control ? 'sandbox control API' : 'API keys from the environment'})`,
    control,
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
      return urlTarget(request.baseUrl, request.useControlApi ?? true, tokensFromEnv(env));
    case 'image':
      return imageTarget(request, env);
  }
}
