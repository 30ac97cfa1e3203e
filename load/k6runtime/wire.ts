/** What crosses between a VU's thread and the thread that does its HTTP: plain, structured-cloneable data. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
}

export interface WireResponse {
  /** 0 when no answer came (connection refused, timeout, reset), as in k6. */
  status: number;
  /** Header names canonicalized as Go's net/http does (k6 shows them so): `Retry-After`, `Content-Type`. */
  headers: Record<string, string>;
  body: string;
  error: string;
  /** k6's error codes for the failures emulated: 1050 timeout, 1212 refused, 1000 any other. */
  errorCode: number;
  durationMs: number;
  waitingMs: number;
}
