import type { Clock } from './clock.js';
import type { MetricsRegistry } from './metrics.js';
import type { BreakerControl, ResilienceSource } from './snapshot.js';
import { RuntimeErrorCodes } from './error-codes.js';
import { RuntimeError } from './errors.js';
import { mergeDefined } from './metrics-options.js';
import { isBreakerControl } from './monitoring-sources.js';
import { ENDPOINT_RULE, isEndpointPath, listEndpointPaths } from './server/path-syntax.js';

/** One endpoint's entry of the config's `monitoring` object (the seed's keys). */
export interface EndpointConfig {
  /** Whether the endpoint is served; a disabled one answers 404. Default `true`. */
  readonly enabled?: boolean;
  /** The path, starting with `/`. Defaults: `/metrics`, `/health`, `/resilience`. */
  readonly endpoint?: string;
}

/** The `/resilience` entry, which may also allow breaker control. */
export interface ResilienceEndpointConfig extends EndpointConfig {
  /**
   * Serve `POST <endpoint>/breakers/:name/isolate` and `/reset`. Default `false`: the routes
   * do not exist (404).
   */
  readonly allowControl?: boolean;
  /**
   * The bearer token the control routes require (`Authorization: Bearer <token>`). Default:
   * none, so anyone who reaches the routes may use them; set one whenever the port is
   * reachable from outside. No env var is read here: pass `process.env.X` yourself.
   */
  readonly token?: string | undefined;
}

/** The config's `monitoring` object, as `config.json` holds it. */
export interface MonitoringConfig {
  readonly metrics?: EndpointConfig;
  readonly health?: EndpointConfig;
  readonly resilience?: ResilienceEndpointConfig;
}

/** Options of the monitoring plugin. */
export interface MonitoringOptions {
  /** The registry the runtime's events feed; required. */
  readonly metrics: MetricsRegistry;
  /** The live policies to describe (generated clients, a server's load protection). */
  readonly sources?: readonly ResilienceSource[];
  /**
   * Who can isolate and reset breakers by name. Default: those of `sources` that offer
   * `isolate` and `reset`.
   */
  readonly controls?: readonly BreakerControl[];
  /** Which endpoints to serve, and where. Default: all three, on the seed's paths. */
  readonly config?: MonitoringConfig;
  /** Where timestamps come from. Default: the registry's clock. */
  readonly clock?: Pick<Clock, 'now'>;
  /**
   * Whether the process can take traffic, for `<health>/ready`: return false while starting
   * or draining. A throw counts as not ready. Default: always ready.
   */
  readonly isReady?: () => boolean | Promise<boolean>;
}

/** Every endpoint setting with its default filled in. */
export interface MonitoringSettings {
  readonly metrics: MetricsRegistry;
  readonly sources: readonly ResilienceSource[];
  readonly controls: readonly BreakerControl[];
  readonly clock: Pick<Clock, 'now'>;
  readonly isReady: () => boolean | Promise<boolean>;
  readonly endpoints: {
    readonly metrics: Required<EndpointConfig>;
    readonly health: Required<EndpointConfig>;
    readonly resilience: Required<Omit<ResilienceEndpointConfig, 'token'>> & {
      readonly token: string | undefined;
    };
  };
}

/** The defaults of {@link MonitoringConfig}: every endpoint on, on the seed's paths. */
export const MONITORING_DEFAULTS = Object.freeze({
  metrics: Object.freeze({ enabled: true, endpoint: '/metrics' }),
  health: Object.freeze({ enabled: true, endpoint: '/health' }),
  resilience: Object.freeze({ enabled: true, endpoint: '/resilience', allowControl: false }),
  isReady: (): boolean => true,
});

/**
 * Merges `options` over {@link MONITORING_DEFAULTS} and checks them.
 *
 * @throws {@link RuntimeError} `RT_INVALID_MONITORING_OPTIONS` naming the first bad option.
 */
export function resolveMonitoringOptions(options: MonitoringOptions): MonitoringSettings {
  if (typeof options.metrics?.readTotals !== 'function') {
    fail('metrics', options.metrics, 'a MetricsRegistry');
  }

  const config = options.config ?? {};
  const sources = options.sources ?? [];
  const endpoints = {
    metrics: mergeDefined<Required<EndpointConfig>>(MONITORING_DEFAULTS.metrics, config.metrics),
    health: mergeDefined<Required<EndpointConfig>>(MONITORING_DEFAULTS.health, config.health),
    resilience: mergeDefined<MonitoringSettings['endpoints']['resilience']>(
      { ...MONITORING_DEFAULTS.resilience, token: undefined },
      config.resilience,
    ),
  };
  checkEndpoints(endpoints);

  return {
    metrics: options.metrics,
    sources,
    controls:
      options.controls ?? sources.flatMap((source) => (isBreakerControl(source) ? [source] : [])),
    clock: options.clock ?? options.metrics.clock,
    isReady: options.isReady ?? MONITORING_DEFAULTS.isReady,
    endpoints,
  };
}

export { joinPath } from './server/path-syntax.js';

function checkEndpoints(endpoints: MonitoringSettings['endpoints']): void {
  const seen = new Map<string, { name: string; endpoint: string }>();
  for (const [name, entry] of Object.entries(endpoints)) {
    if (typeof entry.enabled !== 'boolean') {
      fail(`config.${name}.enabled`, entry.enabled, 'true or false');
    }
    if (typeof entry.endpoint !== 'string' || !isEndpointPath(entry.endpoint)) {
      fail(`config.${name}.endpoint`, entry.endpoint, ENDPOINT_RULE);
    }
    if (!entry.enabled) {
      continue;
    }
    const paths = listEndpointPaths(name, entry.endpoint);
    for (const path of paths) {
      const other = seen.get(path);
      if (other === undefined) continue;
      // Blame the endpoint that is this path itself, not the one it is a probe of.
      const [at, by] =
        path === entry.endpoint || other.endpoint !== path
          ? [name, other.name]
          : [other.name, name];
      const atEndpoint = at === name ? entry.endpoint : other.endpoint;
      fail(
        `config.${at}.endpoint`,
        atEndpoint,
        `a path that the ${by} endpoint does not serve too (${path})`,
      );
    }
    for (const path of paths) seen.set(path, { name, endpoint: entry.endpoint });
  }

  const { token } = endpoints.resilience;
  if (token !== undefined && (typeof token !== 'string' || token === '')) {
    fail('config.resilience.token', '(hidden)', 'a non-empty string, or left out');
  }
}

function fail(option: string, received: unknown, expected: string): never {
  throw new RuntimeError(
    RuntimeErrorCodes.INVALID_MONITORING_OPTIONS,
    `Monitoring option '${option}' must be ${expected}, received ${describe(received)}`,
  );
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
