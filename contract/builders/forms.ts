/**
 * A body as the form fields the spec describes: every value is text, and the properties whose
 * `encoding` says application/json (createSplitLink's `recipients`) travel as JSON text in one field.
 */
import { type OperationId, operations } from '../../core/spec.ts';

export function formOf(operationId: OperationId, body: Record<string, unknown>): Record<string, string> {
  const jsonFields = operations[operationId].jsonEncodedFormFields;
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    form[name] =
      jsonFields.includes(name) || typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return form;
}

export function formText(form: Record<string, string>): string {
  return new URLSearchParams(form).toString();
}
