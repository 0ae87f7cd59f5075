import type { FastifyReply } from 'fastify';
import type { ValidationIssue } from '../validation.js';

/**
 * The `error` values a server puts in its error bodies, one per reason a request fails.
 * Clients branch on them, so a value is never renamed or reused; docs/server.md lists them
 * with their statuses.
 */
export const ServerErrorCodes = Object.freeze({
  /** 400: parameters, query, headers or body failed their schema; `details` says where. */
  VALIDATION_FAILED: 'validation_failed',
  /** 400: the body is not JSON, or is empty while a content type says it has one. */
  MALFORMED_JSON: 'malformed_json',
  /** 400: the body holds a `__proto__` or `constructor.prototype` key. */
  FORBIDDEN_PROPERTY: 'forbidden_property',
  /** 400: the `Idempotency-Key` header is too long or holds characters outside its set. */
  INVALID_IDEMPOTENCY_KEY: 'invalid_idempotency_key',
  /** 400: a request the HTTP parser or the router refused (a bad content length, a bad URL). */
  BAD_REQUEST: 'bad_request',
  /** 408: the request was not received within the server's `requestTimeoutMs`. */
  REQUEST_TIMEOUT: 'request_timeout',
  /** 414: a path parameter is longer than the router accepts (100 characters). */
  URI_TOO_LONG: 'uri_too_long',
  /** 431: the request headers are larger than Node.js accepts (16 KiB by default). */
  HEADERS_TOO_LARGE: 'headers_too_large',
  /** 401: the chaos control endpoint wants `Authorization: Bearer <token>`. */
  UNAUTHORIZED: 'unauthorized',
  /** 404: no route has this path. */
  NOT_FOUND: 'not_found',
  /** 405: a route has this path, not with this method; `Allow` lists the methods it has. */
  METHOD_NOT_ALLOWED: 'method_not_allowed',
  /** 413: the body is larger than the server's `bodyLimit`. */
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  /** 415: the body's content type is not `application/json`. */
  UNSUPPORTED_MEDIA_TYPE: 'unsupported_media_type',
  /** 422: an `Idempotency-Key` came back with another body, parameters or query. */
  IDEMPOTENCY_KEY_REUSED: 'idempotency_key_reused',
  /** 499: the client closed the connection before the answer was ready (logs only). */
  CLIENT_CLOSED_REQUEST: 'client_closed_request',
  /** 500: the handler failed; the message is generic and the request id finds the log line. */
  INTERNAL_ERROR: 'internal_error',
  /** 500 (or the status a chaos rule names): a fault injected on purpose. */
  CHAOS_FAULT: 'chaos_fault',
  /** 502: the upstream answered with a 5xx. */
  UPSTREAM_ERROR: 'upstream_error',
  /** 503: the upstream could not be reached (refused, reset, unreachable). */
  UPSTREAM_UNREACHABLE: 'upstream_unreachable',
  /** 503: the upstream said it is unavailable (its 503); its `Retry-After` is kept. */
  UPSTREAM_UNAVAILABLE: 'upstream_unavailable',
  /** 502: the upstream's 2xx answer was not JSON or not of the declared type. */
  UPSTREAM_INVALID_ANSWER: 'upstream_invalid_answer',
  /** 503: the route's bulkhead (or the upstream client's) is full; see `Retry-After`. */
  OVERLOADED: 'overloaded',
  /** 503: the circuit breaker in front of the upstream is open; see `Retry-After`. */
  CIRCUIT_OPEN: 'circuit_open',
  /** 503: the server is shutting down; retry on another instance. */
  SHUTTING_DOWN: 'shutting_down',
  /** 504: the handler, or the upstream call it made, ran out of time. */
  TIMEOUT: 'timeout',
} as const);

/** A value of {@link ServerErrorCodes}; an upstream's 4xx may bring codes of its own. */
export type ServerErrorCode = (typeof ServerErrorCodes)[keyof typeof ServerErrorCodes];

/** The one shape of every error answer a generated server sends. */
export interface ErrorBody {
  /** A stable short code in snake case, such as `validation_failed`. */
  readonly error: string;
  /** A sentence for people; never an internal message or a stack. */
  readonly message: string;
  /** What exactly is wrong, for validation errors; `[]` otherwise. */
  readonly details: readonly ValidationIssue[];
  /** The request's id, also in the `X-Request-Id` header; quote it when reporting a problem. */
  readonly requestId: string;
}

/** An error answer before it is sent: its status, body (less the request id) and headers. */
export interface ErrorAnswer {
  readonly status: number;
  readonly error: string;
  readonly message: string;
  readonly details?: readonly ValidationIssue[];
  /** Extra response headers, such as `Retry-After` or `Allow`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The longest `message` (and detail message) a body carries, in characters. */
export const ERROR_MESSAGE_MAX_CHARS = 1000;

/** The most `details` entries a body carries. */
export const ERROR_DETAILS_MAX_ITEMS = 50;

const issueSchema = {
  type: 'object',
  required: ['location', 'path', 'message'],
  additionalProperties: false,
  properties: {
    location: { type: 'string', enum: ['body', 'params', 'query', 'headers'] },
    path: { type: 'string', maxLength: ERROR_MESSAGE_MAX_CHARS },
    message: { type: 'string', maxLength: ERROR_MESSAGE_MAX_CHARS },
  },
} as const;

/**
 * The JSON Schema of {@link ErrorBody}. The server serializes every 4xx and 5xx of a contract
 * route with it, and checks an upstream's error body against it before passing it on.
 */
export const ERROR_BODY_SCHEMA = Object.freeze({
  type: 'object',
  required: ['error', 'message', 'details', 'requestId'],
  additionalProperties: false,
  properties: {
    error: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' },
    message: { type: 'string', maxLength: ERROR_MESSAGE_MAX_CHARS },
    details: { type: 'array', maxItems: ERROR_DETAILS_MAX_ITEMS, items: issueSchema },
    requestId: { type: 'string' },
  },
});

/** Builds the body of `answer` for the request `requestId`. */
export function buildErrorBody(answer: ErrorAnswer, requestId: string): ErrorBody {
  return {
    error: answer.error,
    message: answer.message,
    details: answer.details ?? [],
    requestId,
  };
}

/**
 * Sends `answer` on `reply` as JSON of the {@link ErrorBody} shape, with its headers. The body
 * is an object that fastify serializes; no error text is ever pasted into a JSON string.
 */
export function sendErrorAnswer(reply: FastifyReply, answer: ErrorAnswer): FastifyReply {
  for (const [name, value] of Object.entries(answer.headers ?? {})) {
    reply.header(name, value);
  }

  return reply
    .code(answer.status)
    .type('application/json; charset=utf-8')
    .send(buildErrorBody(answer, reply.request.id));
}
