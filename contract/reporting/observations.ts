/**
 * What suite processes tell the runner, one JSON object a line: every checked response, every
 * status a skipped test could not provoke (and why), every failed test, every request made. The
 * lines are written to the run's private directory (they may hold raw bodies, hence secrets) and
 * only reach `reports/` aggregated and redacted. A body in them is at most the run's cap, each
 * answer's failures and drift are bounded (checks/boundedVerdict.ts), and the request records and
 * the observations each stay within the run's budget for records (harness/recorder.ts).
 */

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BodyOutcome } from '../../core/boundedBody.ts';
import type { OperationId } from '../../core/spec.ts';
import type { CheckFailure } from '../checks/types.ts';
import type { SuiteId } from '../suites/suiteIds.ts';
import type { NotificationCell } from '../webhooks/notificationCells.ts';

export type Observation =
  | {
      kind: 'response';
      operationId: OperationId;
      status: number;
      expectedStatus?: number;
      /** The suite that sent it (another operation's, or webhooks, when it prepared a test), and the test. */
      suite?: SuiteId;
      test?: string;
      /** The request record of this answer (RequestRecord.id). */
      exchangeId?: string;
      /** The line that replays a failed generated example, key variants spelt in shell. */
      curl?: string;
      failures: CheckFailure[];
      drift: string[];
      /** For an answer to the generated phase: what its example exercised (field coverage). */
      generated?: { kind: string; field?: string; exampleId: string; carried?: string[] };
      /**
       * The run's budget for observations was spent: this one keeps its essentials (operation,
       * status, test, the names of the failed checks) and counts the failure messages and drift
       * paths it left out.
       */
      detailsLeftOut?: { failures: number; drift: number };
    }
  | { kind: 'notProvokable'; operationId: OperationId; status: number; test: string; reason: string }
  | {
      kind: 'fieldNotProvokable';
      operationId: OperationId;
      field: string;
      /** Which exercise the target could not provide: positives, boundaries or negatives. */
      exercise: FieldExercise;
      reason: string;
    }
  /** A request to an operation that got no answer at all (refused, reset, no head in time, cut off). */
  | {
      kind: 'noAnswer';
      operationId: OperationId;
      suite?: SuiteId;
      test?: string;
      exchangeId: string;
      error: string;
    }
  /** Examples of the generated phase that the --max-requests cap left unsent. */
  | { kind: 'capReached'; leftOut: number }
  /** The process stopped sending to the target (core/targetBreaker.ts): why, and during which test. */
  | { kind: 'cutOff'; reason: string; test?: string }
  | {
      kind: 'testFailed';
      /** The suite's operation and the status its test provokes (from the title). */
      operationId: OperationId;
      status: number;
      test: string;
      message: string;
      /** The whole message, bounded (the coverage matrix quotes `message`, its first line). */
      detail?: string;
      /** The test's last exchange, the evidence of an assertion about its answer. */
      exchangeId?: string;
    }
  /**
   * One expectation of the webhooks suite about a link's notifications, judged: a notification as
   * it arrived (`exchangeId` names its record; `mediaType` the schema it was held against), or the
   * absence of any (`exchangeId` then names the request that set the link up). Valid without failures.
   */
  | {
      kind: 'notification';
      cell: NotificationCell;
      test: string;
      exchangeId?: string;
      mediaType?: string;
      failures: CheckFailure[];
    }
  | { kind: 'notificationNotProvokable'; cell: NotificationCell; test: string; reason: string }
  /** A test of the webhooks suite that failed (on a notification, or before it got to one). */
  | {
      kind: 'notificationTestFailed';
      cell: NotificationCell;
      test: string;
      message: string;
      detail?: string;
      exchangeId?: string;
    };

export interface RequestRecord {
  /**
   * The exchange's id, unique in the run (`x<pid>.<n>`): requests.log, run.har and the failures that
   * cite this exchange all carry it.
   */
  id?: string;
  at: string;
  /** The operation whose test sent it (generated tests too), and that test's title. */
  suite?: string;
  test?: string;
  /**
   * The request came to the run, not from it: a notification the server sent to the webhooks
   * suite's receiver (the response is the receiver's 200).
   */
  received?: true;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** The kept start of the body only: at most the cap that applied (responseBodySize says what it was). */
  responseBody?: string;
  /** Bytes kept, bytes that arrived, and why the body is not whole (core/boundedBody.ts). */
  responseBodySize?: BodyOutcome;
  /**
   * Why the body is not whole, in words, against the limits that applied to this request (the
   * run's, or cleanup's own): core/boundedBody.ts describeCut. Absent for a whole body.
   */
  responseBodyCut?: string;
  /** The run's budget for request records was spent: this one was written without its bodies and response headers. */
  bodiesLeftOut?: true;
  error?: string;
  ms: number;
}

/** What the reports say of a record written without its bodies (RequestRecord.bodiesLeftOut). */
export const bodiesNotRecorded = 'bodies not recorded: the run’s budget for request records was spent';

export type FieldExercise = 'positives' | 'boundaries' | 'negatives';

/** A link a suite process made (`alive`) or deleted; the runner deletes those still alive. */
export interface LinkRecord {
  token: string;
  id: number;
  alive: boolean;
}

/** Every secret a suite process learned (tenant tokens): the runner redacts them from every report. */
export interface SecretRecord {
  token: string;
  recipientToken?: string;
  /** An altered real key (another case, cut short): redacted like one, but no account to clean up. */
  variant?: true;
  /** A link's webhook encryption key (in `token`): redacted like a key, no account to clean up. */
  encryptionKey?: true;
}

export const privateFiles = {
  observations: (pid: number) => `observations-${pid}.jsonl`,
  requests: (pid: number) => `requests-${pid}.jsonl`,
  secrets: 'secrets.jsonl',
  links: 'links.jsonl',
} as const;

/** Any process's request records (privateFiles.requests). */
export const isRequestsFile = (name: string) => name.startsWith('requests-');

/** Any process's observations (privateFiles.observations). */
export const isObservationsFile = (name: string) => name.startsWith('observations-');

/** Bytes of the files in the private directory `dir` that `matches` names (every file by default). */
export function privateFilesBytes(dir: string, matches: (name: string) => boolean = () => true): number {
  let bytes = 0;
  for (const name of readdirSync(dir)) if (matches(name)) bytes += statSync(join(dir, name)).size;
  return bytes;
}
