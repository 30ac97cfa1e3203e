/**
 * Is there a Docker engine, and how must containers reach the host? Machines built by
 * scripts/docker-setup.sh run dockerd with --bridge=none: no bridge network, so containers share
 * the host's network and testcontainers must neither look for mapped ports on a docker gateway nor
 * start its Ryuk reaper (which needs a registry and a bridge). Developer machines with Docker Desktop
 * keep the usual bridge + published ports.
 */
import { spawnSync } from 'node:child_process';

export type NetworkMode = 'host' | 'bridge';

export type EngineStatus =
  | { available: true; serverVersion: string; networkMode: NetworkMode }
  | { available: false; reason: string };

function docker(args: string[], timeoutMs = 15_000) {
  return spawnSync('docker', args, { encoding: 'utf8', timeout: timeoutMs });
}

export function detectEngine(): EngineStatus {
  const version = docker(['version', '--format', '{{.Server.Version}}']);
  if (version.error) {
    const code = (version.error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the docker CLI is not installed' : version.error.message;
    return { available: false, reason };
  }
  if (version.status !== 0) {
    const detail = (version.stderr || version.stdout).trim().split('\n').pop() ?? '';
    return { available: false, reason: `the Docker engine does not answer: ${detail}` };
  }
  const forced = process.env.SECPAID_DOCKER_NETWORK;
  const networkMode: NetworkMode =
    forced === 'host' || forced === 'bridge'
      ? forced
      : docker(['network', 'inspect', 'bridge']).status === 0
        ? 'bridge'
        : 'host';
  return { available: true, serverVersion: version.stdout.trim(), networkMode };
}

/**
 * With host networking the container's ports are the host's own ports on 127.0.0.1, and nobody
 * reaps containers for us: the caller stops every container it starts (startImage.ts does).
 * Values the user already set are kept.
 */
export function configureTestcontainers(networkMode: NetworkMode): void {
  if (networkMode !== 'host') return;
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
}

/** Removes every container carrying our run label, whatever state testcontainers lost track of. */
export function removeLabelledContainers(label: string): string[] {
  const listed = docker(['ps', '-aq', '--filter', `label=${label}`]);
  const ids = listed.status === 0 ? listed.stdout.split('\n').filter(Boolean) : [];
  if (ids.length > 0) docker(['rm', '-f', '-v', ...ids], 30_000);
  return ids;
}
