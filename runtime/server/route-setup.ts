import type { FastifyInstance } from 'fastify';
import type { OnRequestHook } from '../chaos/inject.js';
import { RuntimeErrorCodes } from '../error-codes.js';
import { RuntimeError } from '../errors.js';
import { ERROR_BODY_SCHEMA, ServerErrorCodes } from './error-body.js';
import { createLoadProtection } from './load-protection.js';
import type { LoadProtectionDeps } from './load-protection.js';
import { compilePathPattern } from './path-index.js';
import { isReady } from './readiness.js';
import { RequestRejection } from './request-rejection.js';
import { collectValidators } from './request-validation.js';
import { describeRoute } from './route.js';
import type { ServerRoute } from './route.js';
import type { PreparedRoute } from './route-handler.js';

/** A route of the table, checked and ready to register. */
export type PreparedServerRoute<H> = PreparedRoute<H>;

/**
 * Checks the route table and builds what each route needs once: its label, success status,
 * validators and load protection.
 *
 * @throws {@link RuntimeError} `RT_INVALID_SERVER_OPTIONS` for a handler method that is
 *   missing, a URL that is not static segments and `:name` parameters, a method and URL
 *   listed twice, or a success status outside 200–299; `RT_INVALID_POLICY` for a protection
 *   number it cannot use.
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
      failRoute(label, 'its URL must be static segments and :name parameters');
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
 * The one `onRequest` hook of a contract route: it answers 503 `shutting_down` (with
 * `Connection: close`) once `app` drains for shutdown, so a request that still arrives on an
 * open connection goes elsewhere, and otherwise hands the request to `next` (the chaos hook).
 * One callback hook instead of two async ones saves two promises and two turns per request.
 */
export function createRouteGate(app: FastifyInstance, next: OnRequestHook): OnRequestHook {
  return (request, reply, done) => {
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

function checkHandler(handlers: unknown, name: string, label: string): void {
  const method = (handlers as Record<string, unknown> | undefined)?.[name];
  if (typeof method !== 'function') {
    throw new RuntimeError(
      RuntimeErrorCodes.INVALID_SERVER_OPTIONS,
      `Route '${label}' cannot be served: expected the handlers to have a method '${name}', ` +
        `received ${typeof method}; implement it in the object passed as \`handlers\``,
    );
  }
}

function failRoute(label: string, problem: string): never {
  throw new RuntimeError(
    RuntimeErrorCodes.INVALID_SERVER_OPTIONS,
    `Route '${label}' cannot be served: ${problem}; fix the route table ` +
      '(regenerate it if it is generated)',
  );
}
