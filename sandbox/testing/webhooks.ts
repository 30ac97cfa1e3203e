/**
 * What tests of the sandbox's payment notifications share: the delivery log read through the typed
 * control client, waiting for a state the log reaches (polled: a test waits for what happens, never
 * for an amount of time), and the control API's answers checked against spec/sandbox.yaml.
 */
import assert from 'node:assert/strict';
import { setTimeout as pause } from 'node:timers/promises';
import { createControlClient, type WebhookDelivery } from '../../client/controlClient.ts';
import { type JsonSchema, sandboxDocument } from '../../core/spec.ts';
import { describeErrors, schemaValidator } from '../../core/validators.ts';

/**
 * The deliveries of `linkId` once `until` holds for them. The deadline only ends a test that would
 * otherwise wait forever; it fails with the last deliveries seen.
 */
export async function deliveriesWhen(
  baseUrl: string,
  linkId: number,
  until: (deliveries: WebhookDelivery[]) => boolean,
  deadlineMs = 60_000,
): Promise<WebhookDelivery[]> {
  const control = createControlClient({ baseUrl });
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const deliveries = await control.listWebhooks(linkId);
    if (until(deliveries)) return deliveries;
    if (Date.now() > deadline)
      assert.fail(`the deliveries of link ${linkId} never got there: ${JSON.stringify(deliveries)}`);
    await pause(5);
  }
}

/** Every delivery is `state` (and there is at least one). */
export const allAre =
  (state: WebhookDelivery['state']) =>
  (deliveries: WebhookDelivery[]): boolean =>
    deliveries.length > 0 && deliveries.every((d) => d.state === state);

type ControlDocument = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }> }>
  >;
};

/** Asserts that `body` is what spec/sandbox.yaml documents for `method path` answering `status`. */
export function assertControlAnswer(method: string, path: string, status: number, body: unknown): void {
  const responses = (sandboxDocument as unknown as ControlDocument).paths[path]?.[method]?.responses;
  const schema = responses?.[String(status)]?.content?.['application/json']?.schema;
  assert.ok(schema, `spec/sandbox.yaml documents no ${status} answer of ${method} ${path}`);
  const validate = schemaValidator(schema);
  assert.ok(validate(body), `${method} ${path} ${status}: ${describeErrors(validate.errors)}`);
}
