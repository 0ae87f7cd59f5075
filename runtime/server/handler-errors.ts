import { STATUS_CODES } from 'node:http';
import {
  isHttpError,
  isNetworkError,
  isResponseTooLargeError,
  isResponseValidationError,
} from '../http-errors.js';
import type { HttpError } from '../http-errors.js';
import {
  isBrokenCircuitError,
  isBulkheadRejectedError,
  isRetriesExhaustedError,
  isTimeoutError,
} from '../policy-errors.js';
import { compileValidator } from '../validation.js';
import type { ValidationIssue } from '../validation.js';
import type { ErrorAnswer } from './error-body.js';
import { ERROR_BODY_SCHEMA, ServerErrorCodes } from './error-body.js';

/** What {@link answerHandlerError} needs besides the error. */
export interface HandlerErrorContext {
  /** The clock's time in milliseconds, to turn a breaker's next attempt into `Retry-After`. */
  readonly nowMs: number;
  /** `Retry-After` of a 503 from a full bulkhead, in seconds. */
  readonly overloadRetryAfterSeconds: number;
}

/** An upstream error body we may pass on: our own shape, its request id aside. */
interface UpstreamErrorBody {
  readonly error: string;
  readonly message: string;
  readonly details: readonly ValidationIssue[];
}

// The upstream's request id is its own; ours replaces it, so it may be absent.
const isUpstreamErrorBody = compileValidator<UpstreamErrorBody>({
  ...ERROR_BODY_SCHEMA,
  required: ['error', 'message', 'details'],
  properties: { ...ERROR_BODY_SCHEMA.properties, requestId: { type: 'string', maxLength: 200 } },
});

/** The answer when the handler failed in a way no client can act on. Never the internal message. */
export function answerInternalError(): ErrorAnswer {
  return {
    status: 500,
    error: ServerErrorCodes.INTERNAL_ERROR,
    message: 'The server failed to answer this request. Quote the request id if you report it.',
  };
}

/**
 * Maps what a handler threw to an answer:
 * - an upstream's 4xx passes through with its status and a safe body (its own body when it has
 *   this server's error shape, else a generic one); `Retry-After` of a 429 is kept;
 * - an upstream that cannot be reached, or that answered 503, makes this route unavailable
 *   too: 503 (an upstream's `Retry-After` is kept); any other upstream 5xx, an unusable 2xx
 *   and an answer past the size limit become 502, since the upstream failed rather than the
 *   caller;
 * - an open circuit breaker becomes 503 with `Retry-After` (seconds until its next trial);
 * - a full bulkhead (the route's or the upstream client's) becomes 503 with `Retry-After`;
 * - a timeout (the route's or the upstream call's) becomes 504;
 * - exhausted retries are answered as their last error;
 * - anything else is a 500 with a generic message.
 */
export function answerHandlerError(error: unknown, context: HandlerErrorContext): ErrorAnswer {
  const cause = isRetriesExhaustedError(error) ? error.lastError : error;
  if (isHttpError(cause)) {
    if (cause.status === 503) {
      return answerUpstream('unavailable', readSafeRetryAfter(cause));
    }

    return cause.status < 500 ? answerUpstreamClientError(cause) : answerUpstream('error');
  }
  if (isNetworkError(cause)) {
    return answerUpstream('unreachable');
  }
  if (isResponseValidationError(cause) || isResponseTooLargeError(cause)) {
    return answerUpstream('invalid');
  }
  if (isBrokenCircuitError(cause)) {
    const waitMs = cause.nextAttemptAt === null ? null : cause.nextAttemptAt - context.nowMs;

    return {
      status: 503,
      error: ServerErrorCodes.CIRCUIT_OPEN,
      message: 'A dependency of this route is failing and calls to it are paused. Retry later.',
      headers: waitMs === null ? {} : { 'retry-after': formatRetryAfter(waitMs) },
    };
  }
  if (isBulkheadRejectedError(cause)) {
    return answerOverloaded(context.overloadRetryAfterSeconds);
  }
  if (isTimeoutError(cause)) {
    return answerTimeout();
  }

  return answerInternalError();
}

/** The answer to a request a full bulkhead turned away. */
export function answerOverloaded(retryAfterSeconds: number): ErrorAnswer {
  return {
    status: 503,
    error: ServerErrorCodes.OVERLOADED,
    message: 'The server is handling as many requests as it can. Retry later.',
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}

/** The answer to a request whose handler ran out of time. */
export function answerTimeout(): ErrorAnswer {
  return {
    status: 504,
    error: ServerErrorCodes.TIMEOUT,
    message: 'The server could not answer in time.',
  };
}

/** Whole seconds, at least 1, for a `Retry-After` header (RFC 9110, section 10.2.3). */
export function formatRetryAfter(waitMs: number): string {
  return String(Math.max(1, Math.ceil(waitMs / 1000)));
}

type UpstreamFailure = 'error' | 'unreachable' | 'unavailable' | 'invalid';

const UPSTREAM_ANSWERS = Object.freeze({
  error: [502, ServerErrorCodes.UPSTREAM_ERROR, 'An upstream service failed.'],
  unreachable: [503, ServerErrorCodes.UPSTREAM_UNREACHABLE, 'An upstream service is unreachable.'],
  unavailable: [503, ServerErrorCodes.UPSTREAM_UNAVAILABLE, 'An upstream service is unavailable.'],
  invalid: [502, ServerErrorCodes.UPSTREAM_INVALID_ANSWER, 'An upstream service answered badly.'],
} as const);

function answerUpstream(kind: UpstreamFailure, retryAfter?: string): ErrorAnswer {
  const [status, error, message] = UPSTREAM_ANSWERS[kind];
  const headers: Record<string, string> =
    retryAfter === undefined ? {} : { 'retry-after': retryAfter };

  return { status, error, message, headers };
}

/** The upstream's `Retry-After`, when it is seconds or an HTTP date and nothing else. */
function readSafeRetryAfter(error: HttpError): string | undefined {
  const retryAfter = error.headers['retry-after'];

  return retryAfter !== undefined && /^[\w ,:]{1,64}$/.test(retryAfter) ? retryAfter : undefined;
}

function answerUpstreamClientError(error: HttpError): ErrorAnswer {
  const retryAfter = error.status === 429 ? readSafeRetryAfter(error) : undefined;
  const headers: Record<string, string> =
    retryAfter === undefined ? {} : { 'retry-after': retryAfter };
  if (isUpstreamErrorBody(error.body)) {
    const { error: code, message, details } = error.body;

    return { status: error.status, error: code, message, details, headers };
  }
  const reason = STATUS_CODES[error.status] ?? 'Client Error';

  return {
    status: error.status,
    error: reason
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, ''),
    message: `The upstream service answered ${error.status} ${reason}.`,
    headers,
  };
}
