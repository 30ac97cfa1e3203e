/**
 * Starts an image with testcontainers, waits until it answers, and hands back its base URL, its
 * identity (image, image id, container id) for the report, its captured logs (redacted) and a
 * stop() that removes it. On a host-network engine (scripts/docker-setup.sh) the port is a host
 * port we pick; on a bridge engine it is published the usual way.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { GenericContainer, type StartedTestContainer, Wait, type WaitStrategy } from 'testcontainers';
import { releaseOnExit } from '../../core/interrupts.ts';
import {
  configureTestcontainers,
  detectEngine,
  type NetworkMode,
  removeLabelledContainers,
} from './engine.ts';
import { findFreePort } from './freePort.ts';
import { HostHttpWaitStrategy } from './hostHttpWait.ts';
import type { ImageOptions } from './imageOptions.ts';
import { logTail, redact, secretValues } from './redact.ts';

/** Every container we start carries this label, so tests and cleanups can find ours. */
export const harnessLabel = 'secpaid-harness.container';
const sandboxDefaultPort = 4010;
const maxLogChars = 256_000;

export interface StartedImage {
  baseUrl: string;
  imageName: string;
  imageId: string;
  containerId: string;
  networkMode: NetworkMode;
  readyMs: number;
  logs(): Promise<string>;
  stop(): Promise<void>;
}

export class EngineUnavailableError extends Error {}

function waitStrategy(options: ImageOptions, mode: NetworkMode, port: number): WaitStrategy {
  if (options.wait.kind === 'log') return Wait.forLogMessage(options.wait.pattern);
  if (mode === 'host') return new HostHttpWaitStrategy(`http://127.0.0.1:${port}${options.wait.path}`);
  return Wait.forHttp(options.wait.path, port);
}

export async function startImage(options: ImageOptions): Promise<StartedImage> {
  const engine = detectEngine();
  if (!engine.available) throw new EngineUnavailableError(engine.reason);
  configureTestcontainers(engine.networkMode);
  const host = engine.networkMode === 'host';
  // With host networking the listening port is a host port: choose a free one unless the image's is fixed.
  const port = options.port ?? (host ? await findFreePort() : sandboxDefaultPort);
  const conventionEnv: Record<string, string> =
    options.port === undefined ? { PORT: String(port), ...(host ? { HOST: '127.0.0.1' } : {}) } : {};
  const runId = randomUUID();
  const label = `${harnessLabel}=${runId}`;
  const secrets = secretValues({ ...options.env, ...process.env });
  let captured = '';
  const logs = async () => redact(captured, secrets);

  let container = new GenericContainer(options.image)
    .withEnvironment({ ...conventionEnv, ...options.env })
    .withLabels({ [harnessLabel]: runId })
    .withLogConsumer((stream) => {
      stream.on('data', (chunk) => {
        captured = logTail(captured + String(chunk), maxLogChars);
      });
    })
    .withStartupTimeout(options.startupTimeoutMs)
    .withWaitStrategy(waitStrategy(options, engine.networkMode, port));
  container = host ? container.withNetworkMode('host') : container.withExposedPorts(port);

  // Without Ryuk nobody removes a container we leave behind: if the process exits before stop()
  // (an uncaught error, a CLI quitting at once), the exit hook removes it synchronously.
  const unregister = releaseOnExit(`container ${runId}`, () => removeLabelledContainers(label));
  const startedAt = performance.now();
  let started: StartedTestContainer;
  try {
    started = await container.start();
  } catch (error) {
    removeLabelledContainers(label);
    unregister();
    const tail = (await logs()).slice(-4_000);
    const shown = tail ? `\n--- container logs ---\n${tail}` : ' (the container wrote no logs)';
    throw new Error(
      `${options.image} could not be started or did not become ready: ${(error as Error).message}${shown}`,
    );
  }
  const readyMs = Math.round(performance.now() - startedAt);
  const baseUrl = host
    ? `http://127.0.0.1:${port}`
    : `http://${started.getHost()}:${started.getMappedPort(port)}`;
  const inspected = spawnSync('docker', ['inspect', '--format', '{{.Image}}', started.getId()], {
    encoding: 'utf8',
    timeout: 15_000,
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= started
      .stop({ timeout: 5_000 })
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => {
        // testcontainers removes it; this catches the case where stop() failed half-way.
        removeLabelledContainers(label);
        unregister();
      });
    return stopping;
  };
  return {
    baseUrl,
    imageName: options.image,
    imageId: inspected.stdout.trim(),
    containerId: started.getId(),
    networkMode: engine.networkMode,
    readyMs,
    logs,
    stop,
  };
}
