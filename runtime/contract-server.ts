import type { FastifyInstance } from 'fastify';
import type { ChaosOptions } from './chaos/options.js';
import { MetricsRegistry } from './metrics.js';
import { mergeDefined } from './metrics-options.js';
import type {
  EndpointConfig,
  MonitoringConfig,
  MonitoringOptions,
  ResilienceEndpointConfig,
} from './monitoring-options.js';
import type { ResilienceRegistry } from './registry.js';
import { createResilientServer } from './server/create-server.js';
import type { ResilientServerOptions } from './server/server-options.js';
import type { ServerRoute } from './server/route.js';

/** Anything with live policies whose calls monitoring should report: a generated client. */
export interface MonitoredClient {
  readonly registry: ResilienceRegistry;
}

/** Options of a generated `createXServer`: the server's options, with monitoring on by default. */
export interface ContractServerOptions<H> extends Omit<ResilientServerOptions<H>, 'monitoring'> {
  /**
   * The monitoring endpoints. Default: the config's endpoints, fed by a new metrics registry.
   * Pass `false` to serve none, or some options (your own `metrics`, `isReady`, a `token` in
   * `config.resilience`) to merge in: each key given wins over the config's.
   */
  readonly monitoring?: Partial<MonitoringOptions> | false;
  /**
   * Clients whose calls the monitoring endpoints report: their breakers and bulkheads appear
   * in `/health` and `/resilience`, their events in `/metrics`. A gateway passes the client its
   * handlers call. Default: none.
   */
  readonly clients?: readonly MonitoredClient[];
}

/** What the config says, written into generated code as the server's defaults. */
export interface ContractServerDefaults {
  readonly monitoring: MonitoringConfig;
  /** The config's `chaos` block; absent when the config leaves chaos off. */
  readonly chaos?: ChaosOptions;
}

/**
 * Creates the server of a contract, as a generated `createXServer` does: the routes, the
 * monitoring endpoints on the config's paths, and the calls of `clients` counted in them. The
 * subscriptions to the clients end when the server closes.
 */
export function createContractServer<H>(
  routes: readonly ServerRoute<H>[],
  options: ContractServerOptions<H>,
  defaults: ContractServerDefaults,
): FastifyInstance {
  const clients = options.clients ?? [];
  const monitoring = resolveMonitoring(options, defaults, clients);
  const app = createResilientServer(routes, {
    ...options,
    monitoring,
    chaos:
      options.chaos === undefined || defaults.chaos === undefined
        ? (options.chaos ?? defaults.chaos)
        : mergeDefined<ChaosOptions>(defaults.chaos, options.chaos),
  });
  if (monitoring !== undefined) {
    const unsubscribes = clients.map((client) => client.registry.on(monitoring.metrics.listener));
    app.addHook('onClose', async () => {
      unsubscribes.forEach((unsubscribe) => unsubscribe());
    });
  }

  return app;
}

function resolveMonitoring<H>(
  options: ContractServerOptions<H>,
  defaults: ContractServerDefaults,
  clients: readonly MonitoredClient[],
): MonitoringOptions | undefined {
  if (options.monitoring === false) {
    return undefined;
  }
  const given = options.monitoring ?? {};

  return {
    ...given,
    metrics: given.metrics ?? new MetricsRegistry({ clock: options.clock }),
    config: mergeMonitoringConfig(defaults.monitoring, given.config),
    sources: [...clients.map((client) => client.registry), ...(given.sources ?? [])],
  };
}

/** The config's endpoints with what the options say of each over them, key by key. */
function mergeMonitoringConfig(
  config: MonitoringConfig,
  given: MonitoringConfig | undefined,
): MonitoringConfig {
  if (given === undefined) {
    return config;
  }

  return {
    metrics: mergeDefined<EndpointConfig>(config.metrics ?? {}, given.metrics),
    health: mergeDefined<EndpointConfig>(config.health ?? {}, given.health),
    resilience: mergeDefined<ResilienceEndpointConfig>(config.resilience ?? {}, given.resilience),
  };
}
