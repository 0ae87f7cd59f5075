/**
 * The catalogue of the runtime's error codes. A code is never reused or renamed; each has a
 * section under "## Runtime" in docs/errors.md. Codes of one area share a prefix.
 */
export const RuntimeErrorCodes = Object.freeze({
  // -- policies --
  /** A route policy or policy option holds a value the runtime cannot use. */
  INVALID_POLICY: 'RT_INVALID_POLICY',
  /** A value given to build a request (a path parameter) cannot be sent safely. */
  INVALID_ARGUMENT: 'RT_INVALID_ARGUMENT',
  /** The circuit breaker is open (or isolated) and rejected the call without any I/O. */
  CIRCUIT_OPEN: 'RT_CIRCUIT_OPEN',
  /** The bulkhead was full, or the call waited in its queue longer than allowed. */
  BULKHEAD_REJECTED: 'RT_BULKHEAD_REJECTED',
  /** An attempt or the whole call ran out of time. */
  TIMEOUT: 'RT_TIMEOUT',
  /** Every attempt the retry policy allows failed. */
  RETRIES_EXHAUSTED: 'RT_RETRIES_EXHAUSTED',
  /** The caller aborted the call through its AbortSignal. */
  ABORTED: 'RT_ABORTED',

  // -- http --
  /** The upstream answered with a status outside 2xx. */
  HTTP_STATUS: 'RT_HTTP_STATUS',
  /** The request never got an answer: refused, reset, unreachable. */
  NETWORK: 'RT_NETWORK',
  /** A 2xx answer could not be decoded or did not pass the route's validation. */
  RESPONSE_INVALID: 'RT_RESPONSE_INVALID',
  /** An answer's body went past the client's size limit (`maxResponseBytes`). */
  RESPONSE_TOO_LARGE: 'RT_RESPONSE_TOO_LARGE',

  // -- metrics --
  /** An option of a metrics registry cannot be used (a capacity below 1, unsorted buckets). */
  INVALID_METRICS_OPTIONS: 'RT_INVALID_METRICS_OPTIONS',

  // -- monitoring --
  /** An option of the monitoring plugin cannot be used (an endpoint without a leading `/`). */
  INVALID_MONITORING_OPTIONS: 'RT_INVALID_MONITORING_OPTIONS',

  // -- server --
  /** The route table or an option of a generated server cannot be used (a bad URL pattern). */
  INVALID_SERVER_OPTIONS: 'RT_INVALID_SERVER_OPTIONS',
  /** A request was answered with a 4xx before its handler ran (validation, idempotency key). */
  REQUEST_REJECTED: 'RT_REQUEST_REJECTED',
  /** A handler set a response header that is reserved or not valid HTTP. */
  INVALID_HEADER: 'RT_INVALID_HEADER',
} as const);

/** A stable code of a {@link RuntimeErrorCodes} entry. */
export type RuntimeErrorCode = (typeof RuntimeErrorCodes)[keyof typeof RuntimeErrorCodes];
