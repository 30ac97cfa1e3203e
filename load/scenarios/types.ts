/**
 * What a load scenario is, in terms both engines understand: k6 (Sobek, no Node) and the local
 * autocannon runner (Node). Nothing here may import Node or k6 modules; plain data and functions only.
 */

/** The API's operationIds (core/spec.ts has the same list; a runner test keeps the two equal). */
export type OperationName =
  | 'createLink'
  | 'createSplitLink'
  | 'getPayInTransactions'
  | 'getPayOutTransactions'
  | 'getMyUnusedLinks'
  | 'getMyUsedLinks'
  | 'deleteLink';

/** One HTTP request, ready to send: k6 `http.request(method, base + path, body, { headers, tags })`. */
export interface LoadRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** May be shared between requests: read, never modify. */
  headers: Readonly<Record<string, string>>;
  /** Form-urlencoded text ('' when there is none). */
  body: string;
  /** k6 tags; `name` groups metrics per operation (and never per URL). */
  tags: { name: string };
  /** The unencoded form fields, so checks can compare the answer with what was asked. */
  fields: Record<string, string>;
}

/** The part of a response checks read: k6's Response and the runner's record both fit. */
export interface ResponseLike {
  status: number;
  body?: unknown;
}

/**
 * A named check of an answer, given the request that asked. Checks are made once per operation (not
 * per request), so checking costs no allocation; k6 binds them to a request for `check()`.
 */
export interface Check<Seed> {
  name: string;
  test(response: ResponseLike, request: LoadRequest, seed: Seed): boolean;
}

/** A control or API call made while seeding or cleaning up, and its answer. */
export type PlanCall = LoadRequest;
export interface PlanReply {
  status: number;
  body: string;
}
/**
 * Seeding and cleanup are generators: they yield calls, the engine sends them (k6 synchronously, Node
 * with await) and hands back the answer. A step is one call, or calls that may go at once (k6
 * `http.batch`, Node concurrently), answered in their order; plans.ts has the typed helpers.
 */
export type PlanStep = PlanCall | readonly PlanCall[];
export type PlanAnswer = PlanReply | readonly PlanReply[];
export type Plan<Result> = Generator<PlanStep, Result, PlanAnswer>;

/** Where seeding starts from: a fresh sandbox tenant, or keys given by the user (`SECPAID_TOKEN`). */
export interface SeedOptions {
  /** Marks everything this run creates (notes start with it), so cleanup finds exactly those links. */
  runTag: string;
  token?: string;
  recipientTokens?: string[];
}

/** What thresholds and reports need to know of a scenario, whatever its seed type. */
export interface ScenarioInfo {
  name: string;
  description: string;
  /** Every operation the scenario's iterations call: thresholds are set per operation. */
  operations: readonly OperationName[];
}

export interface Scenario<Seed> extends ScenarioInfo {
  seedPlan(options: SeedOptions): Plan<Seed>;
  /** The request of iteration `iteration` (a run-wide counter): the same iteration always builds the same request. */
  build(seed: Seed, iteration: number): LoadRequest;
  /** The checks of an answer to `operation` (a request's `tags.name`). */
  checksFor(operation: string): readonly Check<Seed>[];
  cleanupPlan(seed: Seed): Plan<number>;
}
