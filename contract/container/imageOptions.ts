/**
 * The `--image*` command-line options of `npm run contract -- --image ...` (contract/runner/args.ts)
 * and their validation into ImageOptions.
 */

export interface ImageArgs {
  image?: string;
  'image-port'?: string;
  'image-env'?: string[];
  'image-wait'?: string;
  'image-startup-timeout'?: string;
}

export type WaitSpec = { kind: 'http'; path: string } | { kind: 'log'; pattern: RegExp };

export interface ImageOptions {
  image: string;
  /** The port the image listens on; unset = it honours PORT (and HOST), like the sandbox image. */
  port?: number;
  env: Record<string, string>;
  wait: WaitSpec;
  startupTimeoutMs: number;
}

export class ImageUsageError extends Error {}

export function parseWait(text = 'http:/sandbox/health'): WaitSpec {
  if (text.startsWith('http:/')) return { kind: 'http', path: text.slice('http:'.length) };
  if (text.startsWith('log:') && text.length > 4) {
    try {
      return { kind: 'log', pattern: new RegExp(text.slice(4)) };
    } catch (error) {
      throw new ImageUsageError(`--image-wait ${text}: ${(error as Error).message}`);
    }
  }
  throw new ImageUsageError(`--image-wait must be http:/<path> or log:<regex>, got ${text}`);
}

export function parseDuration(text = '60s'): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match)
    throw new ImageUsageError(`--image-startup-timeout must look like 500ms, 60s or 2m, got ${text}`);
  const unitMs = { ms: 1, s: 1_000, m: 60_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm'];
  const ms = Math.round(Number(match[1]) * unitMs);
  if (ms < 1_000 || ms > 600_000)
    throw new ImageUsageError(`--image-startup-timeout must be 1s..10m, got ${text}`);
  return ms;
}

function parseEnv(pairs: string[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ImageUsageError(`--image-env must be KEY=VALUE, got ${pair.split('=')[0]}`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

export function parseImageOptions(args: ImageArgs): ImageOptions {
  if (!args.image) throw new ImageUsageError('--image NAME[:TAG] is required');
  let port: number | undefined;
  if (args['image-port'] !== undefined) {
    port = Number(args['image-port']);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new ImageUsageError(`--image-port must be 1..65535, got ${args['image-port']}`);
    }
  }
  return {
    image: args.image,
    port,
    env: parseEnv(args['image-env']),
    wait: parseWait(args['image-wait']),
    startupTimeoutMs: parseDuration(args['image-startup-timeout']),
  };
}
