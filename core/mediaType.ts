/**
 * A Content-Type header's media type: what comes before its parameters, trimmed and lowercased
 * (`Application/JSON; charset=utf-8` → `application/json`); empty when there is no header. The one
 * reading of it for the harness, its checks and its webhook readers.
 */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}
