/**
 * `--image NAME[:TAG]` as a contract target: starts the image (startImage.ts), asks whether it
 * offers the sandbox control API, and otherwise takes the API keys from SECPAID_TOKEN,
 * SECPAID_TOKEN_B and SECPAID_RECIPIENT_TOKEN like a URL target. The Target it returns also names
 * the container (for the report) and keeps its logs (printed when a test fails).
 */
import { assertEnvKeys } from '../target/envKeys.ts';
import { probeControlApi } from '../target/probeControlApi.ts';
import { type EnvKeysOptions, type Target, tokensFromEnv } from '../target/types.ts';
import { type ImageArgs, parseImageOptions } from './imageOptions.ts';
import { type StartedImage, startImage } from './startImage.ts';

export interface ImageTarget extends Target {
  kind: 'image';
  imageName: string;
  imageId: string;
  containerId: string;
  readyMs: number;
  logs(): Promise<string>;
}

export function describeContainer(
  started: Pick<StartedImage, 'imageName' | 'imageId' | 'containerId'>,
): string {
  return `image ${started.imageName} (${started.imageId.slice(0, 19)}) container ${started.containerId.slice(0, 12)}`;
}

export async function resolveImageTarget(
  args: ImageArgs,
  env: NodeJS.ProcessEnv = process.env,
  envKeys: EnvKeysOptions = {},
): Promise<ImageTarget> {
  const started = await startImage(parseImageOptions(args));
  try {
    const control = await probeControlApi(started.baseUrl);
    const tokens = tokensFromEnv(env);
    if (!control && !tokens.a) {
      throw new Error(
        `${started.imageName} offers no sandbox control API, so the suite cannot make its own accounts: ` +
          'set SECPAID_TOKEN (and optionally SECPAID_TOKEN_B, SECPAID_RECIPIENT_TOKEN) to API keys the image accepts',
      );
    }
    // As for a URL: a refused key or a missing second one is one line before any suite starts.
    if (!control) await assertEnvKeys(started.baseUrl, envKeys, tokens);
    return {
      kind: 'image',
      baseUrl: started.baseUrl,
      description: `${describeContainer(started)} at ${started.baseUrl} (${control ? 'sandbox control API' : 'API keys from the environment'})`,
      control,
      ...(started.networkMode === 'host'
        ? {}
        : {
            loopbackUnreachable:
              "the container runs on a bridge network: its server cannot reach this machine's 127.0.0.1, where the suite receives notifications (an engine with host networking can)",
          }),
      tokens: control ? {} : tokens,
      imageName: started.imageName,
      imageId: started.imageId,
      containerId: started.containerId,
      readyMs: started.readyMs,
      logs: started.logs,
      close: started.stop,
    };
  } catch (error) {
    await started.stop();
    throw error;
  }
}
