/**
 * Appends this process's observations, request records and learned secrets to the run's private
 * directory, one JSON object a line. Synchronous appends: a suite process that dies mid-test still
 * leaves everything it saw, and the runner (which reads after the run) needs no locking.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type LinkRecord,
  type Observation,
  privateFiles,
  type RequestRecord,
  type SecretRecord,
} from '../reporting/observations.ts';
import { registerSecrets } from '../reporting/redact.ts';
import { contractContext } from './context.ts';

function append(file: string, value: unknown): void {
  appendFileSync(join(contractContext().privateDir, file), `${JSON.stringify(value)}\n`, { mode: 0o600 });
}

export function recordObservation(observation: Observation): void {
  append(privateFiles.observations(process.pid), observation);
}

let requests = 0;

export function recordRequest(record: RequestRecord): void {
  requests += 1;
  append(privateFiles.requests(process.pid), record);
}

/** How many requests this process has made (each is recorded once, control API included). */
export function requestsRecorded(): number {
  return requests;
}

/**
 * A link a suite process made (alive) or deleted (not): the runner deletes the ones still alive
 * after the run, by id, since a note too short for the run tag hides a link from the tag search.
 */
export function recordLink(link: LinkRecord): void {
  append(privateFiles.links, link);
}

export function recordSecret(secret: SecretRecord): void {
  registerSecrets(secret.token, secret.recipientToken);
  append(privateFiles.secrets, secret);
}
