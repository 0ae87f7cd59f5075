import type { FastifyReply } from 'fastify';
import type { ErrorAnswer } from './error-body.js';
import { ServerErrorCodes } from './error-body.js';
import { IDEMPOTENCY_REPLAYED_HEADER } from './idempotency.js';
import type { StoredAnswer } from './idempotency.js';
import type { ServerRequestContext } from './request-context.js';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** What {@link sendSuccess} needs of a route. */
export interface SuccessShape {
  /** The success status. */
  readonly status: number;
  /** False for a route without a response schema: its answer has no body. */
  readonly hasBody: boolean;
}

/**
 * Sends a handler's result with the route's status and the headers the handler set, its body
 * serialized by the route's response serializer (fast-json-stringify over the response
 * schema). Returns the answer as the idempotency store keeps it when `keep` is true (an
 * idempotent request's first run), byte for byte the one sent; `undefined` otherwise.
 *
 * @throws the serializer's error when the result does not fit the response schema (a 500).
 */
export function sendSuccess(
  reply: FastifyReply,
  route: SuccessShape,
  context: ServerRequestContext,
  result: unknown,
  keep: boolean,
): StoredAnswer | undefined {
  reply.code(route.status);
  const set = context.answerHeaders;
  if (set !== undefined) {
    for (const [name, value] of set) {
      reply.header(name, value);
    }
  }
  const payload = route.hasBody ? String(reply.serialize(result)) : undefined;
  if (payload !== undefined) {
    reply.header('content-type', JSON_CONTENT_TYPE);
  }
  reply.send(payload);
  if (!keep) {
    return undefined;
  }
  const headers: Record<string, string> = set === undefined ? {} : Object.fromEntries(set);
  if (payload !== undefined) {
    headers['content-type'] = JSON_CONTENT_TYPE;
  }

  return { status: route.status, headers, payload };
}

/** Sends a stored answer again, marked `Idempotency-Replayed: true`. */
export function replayAnswer(reply: FastifyReply, answer: StoredAnswer): void {
  reply
    .code(answer.status)
    .headers({ ...answer.headers, [IDEMPOTENCY_REPLAYED_HEADER]: 'true' })
    .send(answer.payload);
}

/** The answer to an `Idempotency-Key` that is too long or has characters outside its set. */
export function answerBadKey(): ErrorAnswer {
  return {
    status: 400,
    error: ServerErrorCodes.INVALID_IDEMPOTENCY_KEY,
    message:
      'Expected an Idempotency-Key of 1 to 255 letters, digits or . _ : ~ + / = - characters.',
  };
}

/** The answer to a key that came back with another body, parameters or query. */
export function answerKeyReused(): ErrorAnswer {
  return {
    status: 422,
    error: ServerErrorCodes.IDEMPOTENCY_KEY_REUSED,
    message:
      'This Idempotency-Key was used with another request body, parameters or query. ' +
      'Use a new key for a new request.',
  };
}

/** The answer (for logs: nobody reads it) to a request whose client left first. */
export function answerClientClosed(): ErrorAnswer {
  return {
    status: 499,
    error: ServerErrorCodes.CLIENT_CLOSED_REQUEST,
    message: 'The client closed the connection before the answer was ready.',
  };
}
