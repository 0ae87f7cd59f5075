import type { BulkheadPolicy, HttpMethod } from '../route-policy.js';
import type { Validator } from '../validation.js';
import type { RequestContext } from './request-context.js';

/**
 * What a route's `invoke` receives: the request's values after validation (parameters, query
 * and headers coerced to their schemas' types). Header names are lower case.
 *
 * Each type parameter defaults to `unknown`; generated code names the validated types, as in
 * `(h, req: RouteRequest<GetUserParams>, ctx) => h.getUser(req.params.id, ctx)`.
 */
export interface RouteRequest<P = unknown, Q = unknown, B = unknown, H = unknown> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly headers: H;
}

/**
 * The load protection around a route's handler. Retry, circuit breaker and fallback are not
 * here on purpose: they belong to the side that calls a dependency (the generated client).
 */
export interface RouteProtection {
  /**
   * Caps concurrent handler calls (defaults of `maxQueue` and `queueTimeoutMs`: the runtime's
   * bulkhead defaults); a full bulkhead or a queue wait past `queueTimeoutMs` answers 503 with
   * `Retry-After`. No cap when absent.
   */
  readonly bulkhead?: BulkheadPolicy;
  /**
   * The most a handler may take, in milliseconds, queue wait excluded. When it passes, the
   * handler's `context.signal` aborts and the request gets a 504. No limit when absent.
   */
  readonly timeoutMs?: number;
}

/**
 * Plain JSON Schemas (2020-12) of a route's values. `response` also serializes the answer, so
 * fields the schema does not list never leave the server. Header schemas use lower-case names.
 */
export interface RouteSchemas {
  readonly params?: object;
  readonly query?: object;
  readonly headers?: object;
  readonly body?: object;
  /** The success answer's body. Without it the answer has no body (a `Promise<void>` route). */
  readonly response?: object;
}

/**
 * Validators compiled once at import (see `compileValidator`; `coerce: true` for params,
 * query and headers). A location with a schema but no validator is compiled when the server
 * is created.
 */
export interface RouteValidators {
  readonly params?: Validator<unknown>;
  readonly query?: Validator<unknown>;
  readonly headers?: Validator<unknown>;
  readonly body?: Validator<unknown>;
}

/**
 * One route of a contract, as generated code lists it, handled by the method `name` of the
 * handlers object `H`.
 *
 * @example
 * ```ts
 * const getUser: ServerRoute<UsersHandlers> = {
 *   name: 'getUser', method: 'GET', url: '/api/users/:id', profile: 'default',
 *   protection: { bulkhead: { maxConcurrent: 10, maxQueue: 20, queueTimeoutMs: 1000 } },
 *   schemas: { params: GetUserParamsSchema, response: UserSchema },
 *   validators: { params: validateGetUserParams },
 *   invoke: (h, req: RouteRequest<GetUserParams>, ctx) => h.getUser(req.params.id, ctx),
 * };
 * ```
 */
export interface ServerRoute<H> {
  /** The handler method, also the route's name in idempotency keys. */
  readonly name: keyof H & string;
  readonly method: HttpMethod;
  /** The path pattern: static segments and `:name` parameters, such as `/api/users/:id`. */
  readonly url: string;
  /**
   * The success status (from `@Status`). Default: 200 for a route with a response schema, 204
   * for one without.
   */
  readonly status?: number;
  /** The resilience profile named by `@Resilience`, reported in events. */
  readonly profile: string;
  /**
   * Marked `@Idempotent`: a request with an `Idempotency-Key` header runs once and repeats get
   * the stored answer. Default: `false`.
   */
  readonly idempotent?: boolean;
  /**
   * The contract's body is optional (`body?: T`): a request without one reaches the handler
   * with `undefined`, and only a body that is there is validated. Default: `false`.
   */
  readonly bodyOptional?: boolean;
  readonly protection?: RouteProtection;
  readonly schemas?: RouteSchemas;
  readonly validators?: RouteValidators;
  /**
   * Calls the handler with the request's values. Declared as a method so that generated code
   * may name the validated request type of its own route.
   */
  invoke(handlers: H, request: RouteRequest, context: RequestContext): Promise<unknown>;
}

/** A route as events and chaos rules name it: `METHOD /path/:param` (`GET /api/users/:id`). */
export function describeRoute(route: { readonly method: string; readonly url: string }): string {
  return `${route.method} ${route.url}`;
}
