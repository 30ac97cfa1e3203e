/**
 * Appends this process's observations, request records and learned secrets to the run's private
 * directory, one JSON object a line. Synchronous appends: a suite process that dies mid-test still
 * leaves everything it saw, and the runner (which reads after the run) needs no locking.
 * Request records and observations each get the run's budget for records
 * (context.recordBudgetBytes): each process measures every process's files of that kind before it
 * appends, and past the budget writes the short form (a request record without its bodies and
 * response headers; an observation with its essentials), so a server answering megabytes cannot
 * fill the disk. Processes appending at once may each pass the budget by one line.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OperationId, operationByPath } from '../../core/spec.ts';
import {
  isObservationsFile,
  isRequestsFile,
  type LinkRecord,
  type Observation,
  privateFiles,
  privateFilesBytes,
  type RequestRecord,
  type SecretRecord,
} from '../reporting/observations.ts';
import {
  encryptionKeyIv,
  registerEncryptionKey,
  registerSecrets,
  withoutEncryptionKeys,
} from '../reporting/redact.ts';
import { contractContext } from './context.ts';
import { currentTest } from './currentTest.ts';

function appendLine(file: string, line: string): void {
  appendFileSync(join(contractContext().privateDir, file), `${line}\n`, { mode: 0o600 });
}

function append(file: string, value: unknown): void {
  appendLine(file, JSON.stringify(value));
}

/** `line` when the files of its kind still have room for it in the run's budget; else `short()`. */
function appendWithinBudget(
  file: string,
  line: string,
  ofKind: (name: string) => boolean,
  short: () => unknown,
): void {
  const { privateDir, recordBudgetBytes } = contractContext();
  const room = recordBudgetBytes - privateFilesBytes(privateDir, ofKind);
  if (Buffer.byteLength(line) + 1 <= room) appendLine(file, line);
  else append(file, short());
}

const notRecorded = '(not recorded: the run’s budget for observations was spent)';

/** An observation past the budget: what the coverage gate and the counts need, no text of the answer's. */
function essentials(observation: Observation): Observation {
  if (observation.kind === 'testFailed' || observation.kind === 'notificationTestFailed') {
    const { detail: _detail, ...rest } = observation;
    return rest;
  }
  if (observation.kind === 'notification') {
    const checks = [...new Set(observation.failures.map((f) => f.check))];
    return {
      ...observation,
      failures: checks.map((check) => ({ check, message: notRecorded, rollup: true as const })),
    };
  }
  if (observation.kind !== 'response') return observation;
  const { failures, drift, ...rest } = observation;
  const checks = [...new Set(failures.map((f) => f.check))];
  return {
    ...rest,
    failures: checks.map((check) => ({ check, message: notRecorded, rollup: true as const })),
    drift: [],
    detailsLeftOut: { failures: failures.length, drift: drift.length },
  };
}

export function recordObservation(observation: Observation): void {
  appendWithinBudget(
    privateFiles.observations(process.pid),
    JSON.stringify(observation),
    isObservationsFile,
    () => essentials(observation),
  );
}

let requests = 0;

/** The API operation a URL calls, if it calls one (not the control API, not a stray path). */
export function apiOperationOf(url: string): OperationId | undefined {
  try {
    return operationByPath(new URL(url).pathname)?.operationId;
  } catch {
    return undefined;
  }
}

/**
 * Records one exchange and gives it an id unique in the run (`x<pid>.<n>`), which the failures
 * that cite it carry; the running test's suite and title come with it, and it becomes the test's
 * latest exchange.
 */
export function recordRequest(given: Omit<RequestRecord, 'id' | 'suite' | 'test'>): string {
  requests += 1;
  const id = `x${process.pid}.${requests}`;
  const running = currentTest.getStore();
  // An assertion is about the API's answers: a control API call is not the evidence of one.
  if (running && apiOperationOf(given.url)) running.lastExchange = id;
  // A link's encryption key is sent in createLink's body: the record names its variable instead.
  const sent = given.requestBody;
  const answer = given.responseBody;
  const record: RequestRecord = {
    id,
    ...(running ? { suite: running.operationId, test: running.title } : {}),
    ...given,
    url: withoutEncryptionKeys(given.url),
    ...(sent !== undefined ? { requestBody: withoutEncryptionKeys(sent) } : {}),
    ...(answer !== undefined ? { responseBody: withoutEncryptionKeys(answer) } : {}),
  };
  const file = privateFiles.requests(process.pid);
  const { requestBody, responseBody, responseHeaders, ...rest } = record;
  // A record with nothing to leave out is written whole.
  if (requestBody === undefined && responseBody === undefined && responseHeaders === undefined)
    append(file, record);
  else
    appendWithinBudget(file, JSON.stringify(record), isRequestsFile, () => ({
      ...rest,
      bodiesLeftOut: true,
    }));
  return id;
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

/** A link's webhook encryption key the suite made: never in a record, redacted from every report. */
export function recordEncryptionKey(key: string): void {
  registerEncryptionKey(key);
  recordSecret({ token: key, encryptionKey: true });
  // Its first 16 characters are the cipher's IV: a report must not give away half the key.
  recordSecret({ token: encryptionKeyIv(key), encryptionKey: true });
}
