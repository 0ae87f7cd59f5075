import type { FastifyInstance } from 'fastify';
import { registerChaosRoutes } from '../chaos/control-routes.js';
import type { ChaosController } from '../chaos/controller.js';
import { createChaosHook } from '../chaos/inject.js';
import type { OnRequestHook } from '../chaos/inject.js';
import type { ChaosSettings } from '../chaos/options.js';
import { RuntimeErrorCodes } from '../error-codes.js';
import { RuntimeError } from '../errors.js';
import { ERROR_BODY_SCHEMA, ServerErrorCodes } from './error-body.js';
import { createLoadProtection } from './load-protection.js';
import type { LoadProtectionDeps } from './load-protection.js';
import { compilePathPattern } from './path-index.js';
import { STATIC_SEGMENT_PUNCTUATION } from './path-syntax.js';
import { isReady } from './readiness.js';
import { REQUEST_ID_HEADER } from './request-id.js';
import { RequestRejection } from './request-rejection.js';
import { collectValidators } from './request-validation.js';
import { describeRoute } from './route.js';
import type { ServerRoute } from './route.js';
import { createRouteHandler } from './route-handler.js';
import type { PreparedRoute, RouteHandlerDeps } from './route-handler.js';

/** A route of the table, checked and ready to register. */
export type PreparedServerRoute<H> = PreparedRoute<H>;

/**
 * Checks the route table and builds what each route needs once: its label, success status,
 * validators and load protection.
 *
 * @throws {@link RuntimeError} `RT_INVALID_SERVER_OPTIONS` for a handler method that is
 *   missing, a URL that is not static segments and `:name` parameters (`path-syntax.ts` says
 *   what a segment may hold), a method and URL listed twice, or a success status outside
 *   200–299; `RT_INVALID_POLICY` for a protection number it cannot use.
 */
export function prepareRoutes<H>(
  routes: readonly ServerRoute<H>[],
  handlers: H,
  deps: LoadProtectionDeps,
): PreparedServerRoute<H>[] {
  const seen = new Set<string>();

  return routes.map((route) => {
    const label = describeRoute(route);
    checkHandler(handlers, route.name, label);
    if (compilePathPattern(route.url) === undefined || route.url.split('/').includes('*')) {
      failRoute(
        label,
        'its URL must be :name parameters and static segments of ASCII letters, digits and ' +
          `${STATIC_SEGMENT_PUNCTUATION.split('').join(' ')} ` +
          '(no percent-escape, no . or .. segment)',
      );
    }
    if (seen.has(label)) {
      failRoute(label, 'it is listed twice; give each method and URL one entry');
    }
    seen.add(label);
    const hasSchema = route.schemas?.response !== undefined;
    const status = route.status ?? (hasSchema ? 200 : 204);
    if (!Number.isInteger(status) || status < 200 || status > 299) {
      failRoute(label, `its status must be a success status (200–299), received ${status}`);
    }
    const identity = { route: label, profile: route.profile };

    return {
      route,
      label,
      status,
      // 204 never carries a body (RFC 9110, section 15.3.5), whatever the schema says.
      hasBody: hasSchema && status !== 204,
      validators: collectValidators(route as ServerRoute<unknown>),
      protection: createLoadProtection(route.protection, identity, deps),
    };
  });
}

/**
 * The response schemas fastify serializes a route's answers with: the success body (fields it
 * does not list are dropped) and the error body for every 4xx and 5xx.
 */
export function readRouteSchema<H>(prepared: PreparedServerRoute<H>): Record<string, unknown> {
  const response = prepared.route.schemas?.response;

  return {
    ...(prepared.hasBody && response !== undefined ? { [prepared.status]: response } : {}),
    '4xx': ERROR_BODY_SCHEMA,
    '5xx': ERROR_BODY_SCHEMA,
  };
}

/**
 * The gate of a contract route: it puts the request id on the answer, answers 503
 * `shutting_down` (with `Connection: close`) once `app` drains for shutdown, so a request that
 * still arrives on an open connection goes elsewhere, and otherwise hands the request to
 * `next` (the chaos hook). It is the route's one `onRequest` hook, in callback style: two
 * async hooks cost two promises and two turns per request. A route whose body fastify never
 * reads (GET) runs it at the start of its handler instead, without a hook runner.
 */
export function createRouteGate(app: FastifyInstance, next: OnRequestHook): OnRequestHook {
  return (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    if (!isReady(app)) {
      return done(
        new RequestRejection({
          status: 503,
          error: ServerErrorCodes.SHUTTING_DOWN,
          message: 'The server is shutting down. Retry the request; another instance will answer.',
          headers: { connection: 'close' },
        }),
      );
    }
    next(request, reply, done);
  };
}

/** What {@link registerContractRoutes} shares between the routes. */
export interface ContractRouteDeps {
  readonly deps: RouteHandlerDeps;
  readonly controller: ChaosController;
  readonly chaos: ChaosSettings;
  /** Gets each route's handler, so the server tells its own routes from the others. */
  readonly ownHandlers: WeakSet<object>;
}

/**
 * Registers the contract routes on `app`, each with its response schemas, its gate and its
 * handler, and the chaos control routes when runtime control is allowed. A GET route's body is
 * never read, so its gate runs in its handler and the route has no hook at all.
 */
export function registerContractRoutes<H>(
  app: FastifyInstance,
  prepared: readonly PreparedServerRoute<H>[],
  handlers: H,
  shared: ContractRouteDeps,
): void {
  const { deps, controller, chaos, ownHandlers } = shared;
  for (const route of prepared) {
    const chaosHook = createChaosHook(
      controller,
      { label: route.label, profile: route.route.profile },
      deps.clock,
    );
    const gate = createRouteGate(app, chaosHook);
    const bodyless = route.route.method === 'GET';
    const handler = createRouteHandler(route, handlers, deps, bodyless ? gate : undefined);
    ownHandlers.add(handler);
    app.route({
      method: route.route.method,
      url: route.route.url,
      schema: { response: readRouteSchema(route) },
      ...(bodyless ? {} : { onRequest: gate }),
      handler,
    });
  }
  if (chaos.allowRuntimeControl) {
    registerChaosRoutes(
      app,
      controller,
      chaos,
      prepared.map((route) => route.label),
    );
  }
}

function checkHandler(handlers: unknown, name: string, label: string): void {
  const owner = findOwner(handlers, name);
  // Every object inherits Object.prototype's methods (`toString`, `valueOf`, ...), and every
  // prototype has a `constructor`: found there, neither is a handler, and calling it would
  // answer every request 500.
  const inherited =
    owner === Object.prototype ||
    (name === 'constructor' && owner !== undefined && owner !== handlers);
  const method = inherited ? undefined : (handlers as Record<string, unknown> | undefined)?.[name];
  if (typeof method !== 'function') {
    const received = inherited
      ? `only the '${name}' that ` +
        `${owner === Object.prototype ? 'every object' : 'its prototype'} has`
      : typeof method;
    throw new RuntimeError(
      RuntimeErrorCodes.INVALID_SERVER_OPTIONS,
      `Route '${label}' cannot be served: expected the handlers to have a method '${name}', ` +
        `received ${received}; implement it in the object passed as \`handlers\``,
    );
  }
}

/**
 * The object of `value`'s prototype chain (itself included) that holds `name` as its own
 * property: handlers may be class instances, whose methods live on their prototype.
 */
function findOwner(value: unknown, name: string): object | undefined {
  let target = typeof value === 'object' || typeof value === 'function' ? value : null;
  while (target !== null) {
    if (Object.hasOwn(target, name)) return target;

    target = Object.getPrototypeOf(target) as object | null;
  }

  return undefined;
}

function failRoute(label: string, problem: string): never {
  throw new RuntimeError(
    RuntimeErrorCodes.INVALID_SERVER_OPTIONS,
    `Route '${label}' cannot be served: ${problem}; fix the route table ` +
      '(regenerate it if it is generated)',
  );
}
