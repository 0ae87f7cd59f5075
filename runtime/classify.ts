import { isRuntimeError } from './errors.js';
import { isHttpError } from './http-errors.js';
import { isAbortError } from './policy-errors.js';

/**
 * What an error means to the policies:
 * - `failure`: the dependency misbehaved; retry may repeat the call, the breaker counts it and
 *   a read may fall back;
 * - `passthrough`: the dependency answered and the caller must handle it (a 4xx other than 408
 *   and 429); nothing retries, counts or replaces it;
 * - `cancelled`: the caller gave up; nothing retries, counts or replaces it either.
 */
export type Verdict = 'failure' | 'passthrough' | 'cancelled';

/** True for the statuses that are failures: 408, 429 and every 5xx. */
export function isFailureStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/**
 * Classifies what a call threw. The one classifier retry, the circuit breaker and fallback
 * share. Network errors (ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE, "socket hang up", ...),
 * timeouts, undecodable answers and anything a plain function throws are failures; an HTTP
 * status decides for HTTP errors (this runtime's {@link HttpError} or an axios error with a
 * response); the caller's abort is `cancelled`.
 */
export function classifyFailure(error: unknown): Verdict {
  if (isHttpError(error)) {
    return isFailureStatus(error.status) ? 'failure' : 'passthrough';
  }
  if (isAbortError(error)) {
    return 'cancelled';
  }
  if (isRuntimeError(error)) {
    return 'failure';
  }

  return classifyForeign(error);
}

function classifyForeign(error: unknown): Verdict {
  if (typeof error !== 'object' || error === null) {
    return 'failure';
  }
  const { response, code } = error as { response?: { status?: unknown }; code?: unknown };
  const status = response?.status;
  if (typeof status === 'number') {
    return isFailureStatus(status) ? 'failure' : 'passthrough';
  }

  return code === 'ERR_CANCELED' ? 'cancelled' : 'failure';
}
