/**
 * Appends this process's observations, request records and learned secrets to the run's private
 * directory, one JSON object a line. Synchronous appends: a suite process that dies mid-test still
 * leaves everything it saw, and the runner (which reads after the run) needs no locking.
 * Request records share the run's byte budget (context.requestRecordBudgetBytes): each process
 * measures every process's records before it appends, and past the budget writes a record without
 * its bodies (`bodiesLeftOut`), so a server answering megabytes cannot fill the disk. Processes
 * appending at once may each pass the budget by one record.
 */
import { appendFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  isRequestsFile,
  type LinkRecord,
  type Observation,
  privateFiles,
  type RequestRecord,
  type SecretRecord,
} from '../reporting/observations.ts';
import { registerSecrets } from '../reporting/redact.ts';
import { contractContext } from './context.ts';

function appendLine(file: string, line: string): void {
  appendFileSync(join(contractContext().privateDir, file), `${line}\n`, { mode: 0o600 });
}

function append(file: string, value: unknown): void {
  appendLine(file, JSON.stringify(value));
}

export function recordObservation(observation: Observation): void {
  append(privateFiles.observations(process.pid), observation);
}

let requests = 0;

function requestRecordBytes(dir: string): number {
  let bytes = 0;
  for (const name of readdirSync(dir)) if (isRequestsFile(name)) bytes += statSync(join(dir, name)).size;
  return bytes;
}

export function recordRequest(record: RequestRecord): void {
  requests += 1;
  const { privateDir, requestRecordBudgetBytes } = contractContext();
  const line = JSON.stringify(record);
  const hasBodies = record.requestBody !== undefined || record.responseBody !== undefined;
  if (hasBodies && requestRecordBytes(privateDir) + Buffer.byteLength(line) + 1 > requestRecordBudgetBytes) {
    const { requestBody: _sent, responseBody: _received, ...rest } = record;
    append(privateFiles.requests(process.pid), { ...rest, bodiesLeftOut: true });
  } else appendLine(privateFiles.requests(process.pid), line);
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
