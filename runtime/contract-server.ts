import type { FastifyInstance } from 'fastify';
import type { ChaosOptions } from './chaos/options.js';
import { MetricsRegistry } from './metrics.js';
import type { MonitoringConfig, MonitoringOptions } from './monitoring-options.js';
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
   * Pass `false` to serve none, or some options (your own `metrics`, `isReady`) to merge in.
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
    chaos: options.chaos ?? defaults.chaos,
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
    config: given.config ?? defaults.monitoring,
    sources: [...clients.map((client) => client.registry), ...(given.sources ?? [])],
  };
}
