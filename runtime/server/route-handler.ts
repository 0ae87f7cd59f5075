import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OnRequestHook } from '../chaos/inject.js';
import type { Clock } from '../clock.js';
import type { IdempotencyStore } from './idempotency.js';
import type { LoadProtection } from './load-protection.js';
import type { RequestValidators } from './request-validation.js';
import type { ServerRoute } from './route.js';
import { RouteCall } from './route-call.js';

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
  /** False once the server drains for shutdown: its answers then close their connection. */
  readonly isReady: () => boolean;
}

/** What the requests of one route share, built once with its handler. */
export interface RouteRunner<H> {
  readonly prepared: PreparedRoute<H>;
  readonly handlers: H;
  readonly deps: RouteHandlerDeps;
  /** The route and profile, named in errors and events. */
  readonly identity: { readonly route: string; readonly profile: string };
  /** The route's gate (request id, draining, chaos) when the handler runs it, not a hook. */
  readonly gate: OnRequestHook | undefined;
}

type FastifyHandler = (request: FastifyRequest, reply: FastifyReply) => void;

/**
 * The fastify handler of one route: validate, claim the idempotency key, run the handler under
 * the route's protection, then send its answer serialized with the response schema, or the
 * error answer of what it threw (see {@link RouteCall}). It returns nothing: each request
 * answers through its reply, so fastify keeps no promise of it.
 *
 * @param gate - the route's gate, for the handler to run first when it is no `onRequest` hook.
 */
export function createRouteHandler<H>(
  prepared: PreparedRoute<H>,
  handlers: H,
  deps: RouteHandlerDeps,
  gate?: OnRequestHook,
): FastifyHandler {
  const runner: RouteRunner<H> = {
    prepared,
    handlers,
    deps,
    identity: { route: prepared.label, profile: prepared.route.profile },
    gate,
  };

  return (request, reply) => new RouteCall(runner, request, reply).start();
}
