import type { FastifyServerOptions } from 'fastify';
import type { ChaosOptions } from '../chaos/options.js';
import type { RandomSource } from '../chaos/random.js';
import type { Clock } from '../clock.js';
import type { ResilienceListener } from '../events.js';
import type { MonitoringOptions } from '../monitoring-options.js';
import type { IdempotencyOptions } from './idempotency.js';

/** Options of {@link createResilientServer}; a generated `UsersServerOptions` is this type. */
export interface ResilientServerOptions<H> {
  /** The implementation of every route: an object with one method per route name. */
  readonly handlers: H;
  /** The largest request body accepted, in bytes; a larger one gets 413. Default: 1 MiB. */
  readonly bodyLimit?: number;
  /**
   * How long a client may take to send a whole request (headers and body), in milliseconds,
   * so a slow client cannot hold a connection forever; 0 means no limit. Default: 30 000.
   */
  readonly requestTimeoutMs?: number;
  /**
   * Fastify's logger options. Default: `false` (silent): the runtime never logs on its own.
   * When on, each 5xx is logged at `error` with the request id.
   */
  readonly logger?: FastifyServerOptions['logger'];
  /** The store of the routes marked `idempotent`. Defaults: `IDEMPOTENCY_DEFAULTS`. */
  readonly idempotency?: IdempotencyOptions;
  /** Fault injection for chaos experiments. Default: off, and no `/chaos` routes. */
  readonly chaos?: ChaosOptions;
  /**
   * Serve `/metrics`, `/health` (with `/live` and `/ready`) and `/resilience` with these
   * options. The server adds its own load protection to `sources`, answers `/health/ready`
   * with {@link isReady} unless `isReady` is given, and subscribes `metrics.listener` to its
   * events (do not add it to `listeners` too). Default: no monitoring endpoints.
   */
  readonly monitoring?: MonitoringOptions;
  /** Subscribers to the server's events (`reject` from a bulkhead, `timeout`). Default: none. */
  readonly listeners?: readonly ResilienceListener[];
  /** `Retry-After` of a 503 from a full bulkhead, in seconds. Default: 1. */
  readonly overloadRetryAfterSeconds?: number;
  /** Time for timeouts, queue waits and chaos latency. Default: the system clock. */
  readonly clock?: Clock;
  /** The random draws of chaos; takes precedence over `chaos.seed`. Default: `Math.random`. */
  readonly random?: RandomSource;
}

/** The defaults of {@link ResilientServerOptions}, merged over by {@link createResilientServer}. */
export const SERVER_DEFAULTS = Object.freeze({
  bodyLimit: 1_048_576,
  requestTimeoutMs: 30_000,
  logger: false,
  overloadRetryAfterSeconds: 1,
});

/** {@link ResilientServerOptions} with the defaults of {@link SERVER_DEFAULTS} filled in. */
export type ServerSettings<H> = ResilientServerOptions<H> &
  Required<Pick<ResilientServerOptions<H>, keyof typeof SERVER_DEFAULTS>>;
