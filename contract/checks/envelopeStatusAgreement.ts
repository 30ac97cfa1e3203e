/**
 * The HTTP status and the envelope must tell the same story: `ResponseCode` 1 and `Result` "True"
 * exactly on 200, never on an error; and an error's `error` name must be the one the spec documents
 * for that status (201 UserNotFound, 401 Unauthorized, ...). Clients branch on either, so a
 * disagreement sends them down the wrong path.
 */
import { documentedErrorNames } from './documented.ts';
import { type Check, isRecord, quoted } from './types.ts';

export const envelopeStatusAgreement: Check = {
  name: 'envelopeStatusAgreement',
  run: (ex) => {
    if (!isRecord(ex.body)) return []; // responseSchemaConformance reports a body that is no object
    const { ResponseCode: code, Result: result, error } = ex.body;
    const received = `ResponseCode ${quoted(code)}, Result ${quoted(result)}`;
    if (ex.status === 200) {
      return code === 1 && result === 'True'
        ? []
        : [`received HTTP 200 with ${received} / documented: ResponseCode 1 and Result "True" on success`];
    }
    const failures: string[] = [];
    if (code === 1 || result === 'True') {
      failures.push(
        `received HTTP ${ex.status} with ${received} / documented: ResponseCode 0, Result "False" on errors`,
      );
    }
    const names = documentedErrorNames(ex.operationId, ex.status);
    // A body without `error` fails the schema (the field is required): said there, once.
    if (names.length > 0 && error !== undefined && !names.includes(String(error))) {
      failures.push(
        `received error ${quoted(error)} with HTTP ${ex.status} / documented: ${names.join(' or ')}`,
      );
    }
    return failures;
  },
};
