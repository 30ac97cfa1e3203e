/**
 * The run's private directory (mode 0700, in the OS temp dir, removed at the end): the context
 * file handed to suite processes and the JSONL files they write. It holds API keys and raw bodies,
 * which is why none of it is a report; reports are written from it, redacted.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseOnExit } from '../../core/interrupts.ts';
import type { ContractContext } from '../harness/context.ts';
import {
  isObservationsFile,
  isRequestsFile,
  type LinkRecord,
  type Observation,
  privateFiles,
  type RequestRecord,
  type SecretRecord,
} from '../reporting/observations.ts';

export interface PrivateDir {
  path: string;
  contextFile: string;
  remove(): void;
}

export function createPrivateDir(): PrivateDir {
  const path = mkdtempSync(join(tmpdir(), 'secpaid-contract-'));
  const removeNow = () => rmSync(path, { recursive: true, force: true, maxRetries: 3 });
  // A second Ctrl-C calls process.exit, which skips every finally: the process's exit hook
  // (core/interrupts.ts) still removes the keys from disk.
  const unregister = releaseOnExit(`private directory ${path}`, removeNow);
  return {
    path,
    contextFile: join(path, 'context.json'),
    remove: () => {
      unregister();
      removeNow();
    },
  };
}

export function writeContext(dir: PrivateDir, context: ContractContext): void {
  writeFileSync(dir.contextFile, JSON.stringify(context), { mode: 0o600 });
}

function readJsonLines<T>(dir: string, matches: (name: string) => boolean): T[] {
  const out: T[] = [];
  for (const name of readdirSync(dir).filter(matches).sort()) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      // A process killed mid-write leaves at most one torn last line; skip it rather than fail.
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as T);
      } catch {}
    }
  }
  return out;
}

export function readPrivate(dir: PrivateDir) {
  return {
    observations: readJsonLines<Observation>(dir.path, isObservationsFile),
    requests: readJsonLines<RequestRecord>(dir.path, isRequestsFile),
    secrets: readJsonLines<SecretRecord>(dir.path, (n) => n === 'secrets.jsonl'),
    links: readJsonLines<LinkRecord>(dir.path, (n) => n === privateFiles.links),
  };
}
