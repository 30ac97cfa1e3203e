/**
 * What a contract run's reports are made of, once the runner has read every record: the verdict,
 * the findings (failures grouped by check and signature), every failure with its evidence (the
 * exchange as sent and received, the spec location, the decision behind the expectation, a curl
 * line), the coverage matrix, the drift and the run's metadata. The console, junit.xml,
 * summary.json and contract.html are renderings of this one model; every text in it is already
 * redacted.
 */
import type { SuiteId } from '../suites/suiteIds.ts';
import type { NotificationCell } from '../webhooks/notificationCells.ts';
import type { Coverage } from './coverage.ts';
import type { DriftEntry } from './drift.ts';

/** One HTTP exchange of the run, as sent and as received (keys redacted, bodies cut at a stated size). */
export interface ExchangeEvidence {
  /** The exchange's id, as `requests.log`, `run.har` and the failures cite it (e.g. `x4711.12`). */
  id: string;
  /** The operation whose test sent it (generated tests too), and that test, when one was running. */
  suite?: string;
  test?: string;
  /** A notification the server sent to the webhooks suite's receiver: `response` is the receiver's. */
  received?: true;
  at: string;
  request: {
    method: string;
    url: string;
    /** Every header as sent, the `token` header redacted. */
    headers: Record<string, string>;
    /** The Content-Type actually sent, or undefined when none was. */
    contentType?: string;
    body?: string;
    /** Why `body` is not the whole body sent, or why there is none (not recorded). */
    bodyCut?: string;
  };
  /** Absent when the request failed before any answer (`error` says why). */
  response?: {
    status: number;
    headers: Record<string, string>;
    /** The start of the body as kept for the report; `bodyBytes` is the size of the whole one. */
    body?: string;
    bodyBytes?: number;
    /** Why `body` is not the whole body (over the report's or the run's cap, endless, too slow, not recorded). */
    bodyCut?: string;
  };
  error?: string;
  ms: number;
  /** A shell line that sends the request again, the key as `$SECPAID_TOKEN`. */
  curl: string;
}

/** A spec/DECISIONS.md entry that explains an expectation where the seed and the public docs disagree. */
export interface DecisionRef {
  id: string;
  title: string;
}

export interface CheckEvidence {
  check: string;
  /** The "received … / documented …" message. */
  message: string;
  /** Where in the bundled spec the rule that failed lives (a JSON pointer into generated/openapi.json). */
  specPointer?: string;
  decision?: DecisionRef;
}

/**
 * One thing that was not as documented: a failed answer, a notification not as expected, or a
 * failed test assertion after its answers.
 */
export interface FailureEvidence {
  /** Stable within the run: the findings cite it. */
  id: string;
  /**
   * The operation whose answer failed (not necessarily the suite's own: see `prerequisiteOf`), or
   * `webhooks` for a notification the server sent (or did not send).
   */
  operationId: SuiteId;
  /** For `webhooks`: the cell of its coverage row the failure belongs to. */
  notificationCell?: NotificationCell;
  /** The status received, and the one the test provoked on purpose when it was another. */
  status?: number;
  expectedStatus?: number;
  suite: string;
  test: string;
  checks: CheckEvidence[];
  /** The exchange the failure is about; absent when the run kept no record of it. */
  exchange?: ExchangeEvidence;
  /**
   * Set when the failure happened while preparing a test of another operation (creating the link a
   * deleteLink test needs): that operation was then not checked by this test.
   */
  prerequisiteOf?: SuiteId;
  /** The finding this failure belongs to (each check of it may belong to another: `Finding.failures`). */
  findings: string[];
}

/** Failures with the same check and the same signature: one difference between server and spec. */
export interface Finding {
  id: string;
  check: string;
  /** What is different, once, without the values of any one answer: "`data.id` missing". */
  title: string;
  /** How many failures show it. */
  count: number;
  operations: SuiteId[];
  statuses: number[];
  /** The ids of every failure that shows it; the first one or two are its representatives. */
  failures: string[];
  /** A documented field missing while an undocumented look-alike is present: "probably renamed". */
  renamed?: { documented: string; received: string }[];
  decision?: DecisionRef;
}

export interface RunMetadata {
  runId: string;
  target: string;
  readOnly: boolean;
  /** The suites the run selected: operations, and webhooks. */
  operations: SuiteId[];
  /** The generated phase's seed, when it ran. */
  seed?: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  versions: { harness: string; spec: string; node: string };
}

export interface ContractReport {
  ok: boolean;
  /** Why the run failed, one line each (failures, coverage gate, interrupted, stopped sending, …). */
  reasons: string[];
  counts: { passed: number; failed: number; skipped: number };
  metadata: RunMetadata;
  findings: Finding[];
  failures: FailureEvidence[];
  /** Failed tests by suite and title, each with its first reason and the failures it holds. */
  tests: { suite: string; test: string; reason: string; failures: string[] }[];
  coverage: Coverage;
  drift: DriftEntry[];
}
