import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ChaosController } from '../chaos/controller.js';
import { resolveChaosOptions } from '../chaos/options.js';
import { createSeededRandom } from '../chaos/random.js';
import { systemClock } from '../clock.js';
import { EventHub } from '../emitter.js';
import { mergeDefined } from '../metrics-options.js';
import { monitoringPlugin } from '../monitoring.js';
import { resolveMonitoringOptions } from '../monitoring-options.js';
import { checkServedPaths } from './served-paths.js';
import { closeIfDraining, createTaggingHook, tagAnswer } from './answer-tags.js';
import { answerRoutingError, handleClientError } from './client-errors.js';
import { sendErrorAnswer, ServerErrorCodes } from './error-body.js';
import { answerFrameworkError } from './framework-errors.js';
import { answerHandlerError } from './handler-errors.js';
import { IdempotencyStore } from './idempotency.js';
import { installJsonBodyParser } from './json-body.js';
import { PathIndex } from './path-index.js';
import { isReady } from './readiness.js';
import { resolveRequestId } from './request-id.js';
import { isRequestRejection } from './request-rejection.js';
import type { ServerRoute } from './route.js';
import type { RouteHandlerDeps } from './route-handler.js';
import { prepareRoutes, registerContractRoutes } from './route-setup.js';
import type { PreparedServerRoute } from './route-setup.js';
import { SERVER_DEFAULTS } from './server-options.js';
import type { ResilientServerOptions, ServerSettings } from './server-options.js';

/**
 * Builds a fastify 5 server for a contract's routes: requests validated and coerced, bodies
 * JSON only and bounded, each route's handler under its load protection (bulkhead, timeout),
 * idempotent routes run once per `Idempotency-Key`, every error answered in one JSON shape
 * (docs/server.md), and, when asked, the monitoring endpoints and chaos. Call `listen()` on
 * the result as usual, and `installGracefulShutdown` for SIGTERM.
 *
 * @example
 * ```ts
 * export function createUsersServer(options: UsersServerOptions): FastifyInstance {
 *   return createResilientServer(ROUTES, options);
 * }
 * ```
 * @throws {@link RuntimeError} `RT_INVALID_SERVER_OPTIONS` for a route URL or an option it
 *   cannot use, `RT_INVALID_POLICY` for a route's protection numbers.
 */
export function createResilientServer<H>(
  routes: readonly ServerRoute<H>[],
  options: ResilientServerOptions<H>,
): FastifyInstance {
  const settings = mergeDefined<ServerSettings<H>>(
    { ...SERVER_DEFAULTS, handlers: options.handlers },
    options,
  );
  const clock = settings.clock ?? systemClock;
  const monitoring = settings.monitoring;
  const events = new EventHub([
    ...(settings.listeners ?? []),
    ...(monitoring === undefined ? [] : [monitoring.metrics.listener]),
  ]);
  const app = Fastify({
    logger: settings.logger,
    bodyLimit: settings.bodyLimit,
    requestTimeout: settings.requestTimeoutMs,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Draining is answered by our own hook in the error shape, not by fastify's 503 body.
    return503OnClosing: false,
    requestIdHeader: false,
    genReqId: resolveRequestId,
    // Requests refused before routing get the one error shape too, not fastify's own body.
    frameworkErrors: (error, request, reply) => {
      closeIfDraining(app, reply);

      return answerRoutingError(error, request, reply);
    },
    clientErrorHandler: handleClientError,
  });
  const prepared = prepareRoutes(routes, options.handlers, { clock, events });
  const labels = prepared.map((route) => route.label);
  const chaos = resolveChaosOptions(settings.chaos, labels);
  const endpoints = monitoring === undefined ? undefined : resolveMonitoringOptions(monitoring);
  checkServedPaths(
    prepared.map(({ route }) => route),
    endpoints?.endpoints,
    chaos,
  );
  const deps: RouteHandlerDeps = {
    clock,
    idempotency: new IdempotencyStore(settings.idempotency, clock),
    overloadRetryAfterSeconds: settings.overloadRetryAfterSeconds,
    isReady: () => isReady(app),
  };
  const ownHandlers = new WeakSet<object>();
  installBasics(app, deps, ownHandlers);
  const controller = new ChaosController(
    chaos,
    settings.random ?? (chaos.seed === undefined ? Math.random : createSeededRandom(chaos.seed)),
  );
  registerContractRoutes(app, prepared, options.handlers, {
    deps,
    controller,
    chaos,
    ownHandlers,
  });
  app.addHook('onClose', (_instance, done) => {
    prepared.forEach((route) => route.protection.dispose());
    done();
  });
  if (monitoring !== undefined) {
    const source = { snapshot: () => describeProtection(prepared) };
    void app.register(monitoringPlugin, {
      ...monitoring,
      sources: [...(monitoring.sources ?? []), source],
      isReady: monitoring.isReady ?? (() => isReady(app)),
    });
  }

  return app;
}

function installBasics(
  app: FastifyInstance,
  deps: RouteHandlerDeps,
  ownHandlers: WeakSet<object>,
): void {
  const paths = new PathIndex();
  const tagOtherRoutes = createTaggingHook(app, (route) => ownHandlers.has(route.handler));
  app.addHook('onRoute', (route) => {
    paths.add(route.method, route.url);
    tagOtherRoutes(route);
  });
  installJsonBodyParser(app);
  app.setErrorHandler((error, request, reply) => {
    const answer = isRequestRejection(error)
      ? error.answer
      : (answerFrameworkError(error) ??
        answerHandlerError(error, { ...deps, nowMs: deps.clock.now() }));
    if (answer.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    }
    tagAnswer(app, request, reply);

    return sendErrorAnswer(reply, answer);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    tagAnswer(app, request, reply);
    const allowed = paths.listMethods(request.url);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return sendErrorAnswer(reply, {
        status: 405,
        error: ServerErrorCodes.METHOD_NOT_ALLOWED,
        message: `This path answers ${allowed.join(', ')} only.`,
        headers: { allow: allowed.join(', ') },
      });
    }

    return sendErrorAnswer(reply, {
      status: 404,
      error: ServerErrorCodes.NOT_FOUND,
      message: 'No route has this path.',
    });
  });
}

function describeProtection<H>(prepared: readonly PreparedServerRoute<H>[]) {
  const profiles = new Map<string, PreparedServerRoute<H>[]>();
  for (const route of prepared) {
    profiles.set(route.route.profile, [...(profiles.get(route.route.profile) ?? []), route]);
  }

  // A server never retries: retries belong to the client, whose figures are reported.
  return [...profiles].map(([name, routes]) => ({
    name,
    maxAttempts: undefined,
    breakers: [],
    bulkheads: routes.flatMap(({ protection }) =>
      protection.bulkhead === undefined ? [] : [protection.bulkhead.snapshot()],
    ),
  }));
}
