import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { ErrorAnswer } from './error-body.js';
import { sendErrorAnswer, ServerErrorCodes } from './error-body.js';
import { answerHandlerError } from './handler-errors.js';
import {
  fingerprintRequest,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_REPLAYED_HEADER,
} from './idempotency.js';
import type { IdempotencyClaim, IdempotencyStore, StoredAnswer } from './idempotency.js';
import type { LoadProtection } from './load-protection.js';
import { isClientGone, ServerRequestContext } from './request-context.js';
import { isRequestRejection, RequestRejection } from './request-rejection.js';
import { validateRequest } from './request-validation.js';
import type { RequestValidators } from './request-validation.js';
import type { RouteRequest, ServerRoute } from './route.js';

/** One route, ready to serve: the table's entry and what the server built for it. */
export interface PreparedRoute<H> {
  readonly route: ServerRoute<H>;
  /** `METHOD /path/:param`. */
  readonly label: string;
  /** The success status. */
  readonly status: number;
  /** False for a route without a response schema: its answer has no body. */
  readonly hasBody: boolean;
  readonly validators: RequestValidators;
  readonly protection: LoadProtection;
}

/** What every route's handler shares. */
export interface RouteHandlerDeps {
  readonly clock: Clock;
  readonly idempotency: IdempotencyStore;
  /** `Retry-After` of a 503 from a full bulkhead, in seconds. */
  readonly overloadRetryAfterSeconds: number;
}

type FastifyHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * The fastify handler of one route: validate, claim the idempotency key, run the handler under
 * the route's protection, then send its answer serialized with the response schema, or the
 * error answer of what it threw.
 */
export function createRouteHandler<H>(
  prepared: PreparedRoute<H>,
  handlers: H,
  deps: RouteHandlerDeps,
): FastifyHandler {
  const identity = { route: prepared.label, profile: prepared.route.profile };

  return async (request, reply) => {
    const context = new ServerRequestContext({
      requestId: request.id,
      headers: request.headers,
      log: request.log,
      route: prepared.label,
      profile: prepared.route.profile,
      response: reply.raw,
    });
    let claim: IdempotencyClaim | undefined;
    try {
      const values = validateRequest(prepared.validators, request, identity);
      claim = await claimKey(prepared, values, request, context, deps.idempotency);
      if (claim?.kind === 'replay') {
        return void replayAnswer(reply, claim.answer);
      }
      const run = (): Promise<unknown> => prepared.route.invoke(handlers, values, context);
      const result = await prepared.protection.run(run, context);
      const answer = sendSuccess(reply, prepared, context, result);
      settleClaim(claim, answer);
    } catch (error) {
      settleClaim(claim, undefined);
      const answer = isClientGone(reply.raw)
        ? answerClientClosed()
        : isRequestRejection(error)
          ? error.answer
          : answerHandlerError(error, { ...deps, nowMs: deps.clock.now() });
      if (answer.status >= 500) {
        request.log.error({ err: error }, 'handler failed');
      }
      sendErrorAnswer(reply, answer);
    }
  };
}

async function claimKey<H>(
  prepared: PreparedRoute<H>,
  values: RouteRequest,
  request: FastifyRequest,
  context: ServerRequestContext,
  store: IdempotencyStore,
): Promise<IdempotencyClaim | undefined> {
  const key = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (prepared.route.idempotent !== true || key === undefined) {
    return undefined;
  }
  const identity = { route: prepared.label, profile: prepared.route.profile };
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new RequestRejection(answerBadKey(), identity);
  }
  const fingerprint = fingerprintRequest(values);
  const claim = await store.claim(prepared.route.name, key, fingerprint, context.signal);
  if (claim.kind === 'mismatch') {
    throw new RequestRejection(answerKeyReused(), identity);
  }

  return claim;
}

function sendSuccess<H>(
  reply: FastifyReply,
  prepared: PreparedRoute<H>,
  context: ServerRequestContext,
  result: unknown,
): StoredAnswer {
  reply.code(prepared.status);
  const set = context.answerHeaders;
  const headers: Record<string, string> = set === undefined ? {} : Object.fromEntries(set);
  // Serialized here, by the route's response serializer, so that the stored answer of an
  // idempotent request is byte for byte the one sent.
  const payload = prepared.hasBody ? String(reply.serialize(result)) : undefined;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  const answer: StoredAnswer = { status: prepared.status, headers, payload };
  reply.headers(headers).send(payload);

  return answer;
}

function replayAnswer(reply: FastifyReply, answer: StoredAnswer): void {
  reply
    .code(answer.status)
    .headers({ ...answer.headers, [IDEMPOTENCY_REPLAYED_HEADER]: 'true' })
    .send(answer.payload);
}

function settleClaim(claim: IdempotencyClaim | undefined, answer: StoredAnswer | undefined): void {
  if (claim?.kind === 'run') {
    claim.settle(answer);
  }
}

function answerBadKey(): ErrorAnswer {
  return {
    status: 400,
    error: ServerErrorCodes.INVALID_IDEMPOTENCY_KEY,
    message:
      'Expected an Idempotency-Key of 1 to 255 letters, digits or . _ : ~ + / = - characters.',
  };
}

function answerKeyReused(): ErrorAnswer {
  return {
    status: 422,
    error: ServerErrorCodes.IDEMPOTENCY_KEY_REUSED,
    message:
      'This Idempotency-Key was used with another request body, parameters or query. ' +
      'Use a new key for a new request.',
  };
}

function answerClientClosed(): ErrorAnswer {
  return {
    status: 499,
    error: ServerErrorCodes.CLIENT_CLOSED_REQUEST,
    message: 'The client closed the connection before the answer was ready.',
  };
}
