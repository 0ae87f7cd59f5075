import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { MetricsFormat } from './monitoring-accept.js';
import type { MonitoringOptions, MonitoringSettings } from './monitoring-options.js';
import { PrometheusExporter } from './metrics-prometheus.js';
import { chooseMetricsFormat } from './monitoring-accept.js';
import { registerControlRoutes } from './monitoring-control.js';
import { buildHealthBody, readHealthStatusCode } from './monitoring-health.js';
import { buildMetricsBody } from './monitoring-metrics-body.js';
import { joinPath, resolveMonitoringOptions } from './monitoring-options.js';
import { buildResilienceBody } from './monitoring-resilience-body.js';
import { ServerErrorCodes, sendErrorAnswer } from './server/error-body.js';

/**
 * The monitoring endpoints as a fastify plugin: `GET /metrics` (JSON, or Prometheus text on
 * request), `GET /health` with `/health/live` and `/health/ready`, `GET /resilience` and, when
 * the config allows it, breaker control under `/resilience/breakers/:name`. docs/monitoring.md
 * describes every field.
 *
 * @example
 * ```ts
 * const metrics = new MetricsRegistry();
 * // ...subscribe metrics.listener to the clients' and servers' events, then:
 * await app.register(monitoringPlugin, { metrics, sources: [client], config: config.monitoring });
 * ```
 * @throws {@link RuntimeError} `RT_INVALID_MONITORING_OPTIONS` at registration, for options
 *   it cannot use.
 */
export const monitoringPlugin: FastifyPluginAsync<MonitoringOptions> = async (app, options) => {
  const settings = resolveMonitoringOptions(options);
  const { metrics, health, resilience } = settings.endpoints;
  app.setErrorHandler(replyWithError);
  app.addHook('onRequest', async (_request, reply) => {
    // Monitoring answers describe this instant; a cache must never serve an old one.
    reply.header('cache-control', 'no-store');
  });
  if (metrics.enabled) {
    registerMetricsRoute(app, settings);
  }

  if (health.enabled) {
    registerHealthRoutes(app, settings);
  }

  if (resilience.enabled) {
    app.get(resilience.endpoint, async () =>
      buildResilienceBody(settings.metrics, settings.sources, settings.clock),
    );
  }

  if (resilience.enabled && resilience.allowControl) {
    registerControlRoutes(app, settings);
  }
};

function registerMetricsRoute(app: FastifyInstance, settings: MonitoringSettings): void {
  const exporters = {
    prometheus: new PrometheusExporter(settings.metrics, settings.sources, 'prometheus'),
    openmetrics: new PrometheusExporter(settings.metrics, settings.sources, 'openmetrics'),
  };
  app.get(settings.endpoints.metrics.endpoint, async (request, reply) => {
    const { format: raw } = request.query as { format?: string | string[] };
    const format = chooseMetricsFormat(
      Array.isArray(raw) ? raw.join(',') : raw,
      request.headers.accept,
    );
    reply.header('vary', 'accept');
    if (format === undefined) {
      return replyWithBadFormat(reply);
    }

    if (format === 'json') {
      return buildMetricsBody(settings.metrics, settings.sources, settings.clock);
    }

    const exporter = exporters[format];

    return reply.type(exporter.contentType).send(await exporter.render());
  });
}

function registerHealthRoutes(app: FastifyInstance, settings: MonitoringSettings): void {
  const { endpoint } = settings.endpoints.health;
  app.get(endpoint, async (_request, reply) => {
    const body = buildHealthBody(settings.sources, settings.clock);

    return reply.code(readHealthStatusCode(body.status)).send(body);
  });
  app.get(joinPath(endpoint, 'live'), async () => ({
    status: 'alive',
    timestamp: new Date(settings.clock.now()).toISOString(),
  }));
  app.get(joinPath(endpoint, 'ready'), async (_request, reply) => {
    const ready = await readReadiness(settings.isReady);

    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not-ready',
      timestamp: new Date(settings.clock.now()).toISOString(),
    });
  });
}

async function readReadiness(isReady: MonitoringSettings['isReady']): Promise<boolean> {
  try {
    return (await isReady()) === true;
  } catch {
    // A readiness check that fails says the process cannot take traffic; that is its answer.
    return false;
  }
}

function replyWithBadFormat(reply: FastifyReply): FastifyReply {
  const formats: readonly MetricsFormat[] = ['json', 'prometheus', 'openmetrics'];

  return sendErrorAnswer(reply, {
    status: 400,
    error: ServerErrorCodes.VALIDATION_FAILED,
    message: `The format query parameter must be one of ${formats.join(', ')}`,
    details: [{ location: 'query', path: '/format', message: `must be one of ${formats}` }],
  });
}

/** Error codes for the statuses fastify gives requests it cannot read. */
const READ_ERRORS: Readonly<Record<number, string>> = Object.freeze({
  413: ServerErrorCodes.PAYLOAD_TOO_LARGE,
  415: ServerErrorCodes.UNSUPPORTED_MEDIA_TYPE,
});

/**
 * Answers a failure inside the monitoring routes in the error body shape: a 4xx that fastify
 * raised (an unreadable request) keeps its status; anything else is a 500 whose message says
 * nothing of the cause, which goes to the app's logger with the request id.
 */
function replyWithError(error: FastifyError, _request: unknown, reply: FastifyReply): FastifyReply {
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return sendErrorAnswer(reply, {
      status,
      error: READ_ERRORS[status] ?? ServerErrorCodes.BAD_REQUEST,
      message: 'The request could not be read; check its headers and body',
    });
  }

  reply.log.error({ err: error }, 'monitoring endpoint failed');

  return sendErrorAnswer(reply, {
    status: 500,
    error: ServerErrorCodes.INTERNAL_ERROR,
    message: 'The monitoring endpoint failed; quote the request id to find the log entry',
  });
}
