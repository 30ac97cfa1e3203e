/**
 * Pactum's JSON-schema seam on the harness's one ajv (core/validators.ts): a suite that writes
 * `.expectJsonSchema(schema)` gets the same formats, the same exact decimal `multipleOf` and the
 * same error words as `conformsToSpec`, not the validator Pactum bundles.
 */

import type { JsonSchema } from '../../core/spec.ts';
import { describeErrors, schemaValidator } from '../../core/validators.ts';

export const sharedAjvSchemaAdapter = {
  /** Pactum's contract: undefined when `target` conforms, else the errors in words. */
  validate(schema: JsonSchema, target: unknown): string | undefined {
    const validate = schemaValidator(schema);
    return validate(target) ? undefined : describeErrors(validate.errors);
  },
};
