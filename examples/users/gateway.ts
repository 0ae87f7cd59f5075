/**
 * The resilient gateway: the generated server, whose handlers call the origin users service
 * through the generated client, so every route runs its profile (retry, circuit breaker,
 * cache and fallbacks) once, on the way to the origin. The monitoring endpoints (`/metrics`,
 * `/health`, `/resilience`) report the client's calls.
 */
import type { FastifyInstance } from 'fastify';
import type { ResilienceRegistry } from 'resilgen/runtime';
import { createUsersGateway, createUsersServer, UsersClient } from '../../generated/users/index.js';
import type { UsersServerOptions } from '../../generated/users/index.js';

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /** The origin users service, such as `http://127.0.0.1:8081`. */
  readonly originUrl: string;
  /** The read-only replica the `alternative_service` fallback reads from. */
  readonly replicaUrl: string;
  /**
   * The client's live policies (breakers, cache, retry budgets). Tests pass one with a
   * `FakeClock`. Default: a new one on the system clock.
   */
  readonly registry?: ResilienceRegistry;
  /** The gateway server's own options (clock, logger, monitoring). Default: none. */
  readonly server?: Omit<UsersServerOptions, 'handlers' | 'clients'>;
}

/** The gateway's server and the client its handlers call. */
export interface Gateway {
  /** Call `listen()` on it. */
  readonly app: FastifyInstance;
  readonly client: UsersClient;
}

/** Builds the gateway in front of the origin (and its replica). */
export function createGateway(options: GatewayOptions): Gateway {
  const client = new UsersClient({
    baseURL: options.originUrl,
    alternativeBaseURL: options.replicaUrl,
    registry: options.registry,
  });
  const app = createUsersServer({
    ...options.server,
    handlers: createUsersGateway(client),
    clients: [client],
  });

  return { app, client };
}
