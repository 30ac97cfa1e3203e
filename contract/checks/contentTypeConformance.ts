/** The response's media type must be one the spec documents for that status (application/json). */
import { mediaTypeOf } from '../../core/mediaType.ts';
import { documentedMediaTypes } from './documented.ts';
import { type Check, excerpt, headerValue, valueChars } from './types.ts';

export const contentTypeConformance: Check = {
  name: 'contentTypeConformance',
  run: (ex) => {
    const received = headerValue(ex.headers, 'content-type');
    const mediaType = mediaTypeOf(received);
    // Undocumented statuses are statusCodeConformance's finding; every answer of this API is JSON.
    const documented = documentedMediaTypes(ex.operationId, ex.status);
    const allowed = documented.length > 0 ? documented : ['application/json'];
    return mediaType && allowed.includes(mediaType)
      ? []
      : [
          `received content-type ${received === undefined ? '(none)' : excerpt(received, valueChars)} / documented: ${allowed.join(' or ')}`,
        ];
  },
};
