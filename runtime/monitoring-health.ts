import type { Clock } from './clock.js';
import type { BreakerState } from './events.js';
import type { ResilienceSource } from './snapshot.js';
import { readBreakers } from './monitoring-sources.js';

/** What `GET /health` reports. */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/** The body of `GET /health`. */
export interface HealthBody {
  readonly status: HealthStatus;
  /** When the body was built (ISO 8601). */
  readonly timestamp: string;
  /** Each breaker (one per dependency a profile calls), by name. */
  readonly dependencies: Readonly<Record<string, DependencyHealth>>;
}

/** One dependency as its breaker sees it. */
export interface DependencyHealth {
  readonly state: BreakerState;
  readonly profile: string;
}

/**
 * The health rule: `healthy` when every breaker is closed (or there is none); `unhealthy` when
 * every breaker is open or isolated, so no dependency can be called at all; `degraded`
 * otherwise (some breaker open, isolated or half-open, yet some calls can go through).
 */
export function decideHealth(states: readonly BreakerState[]): HealthStatus {
  if (states.every((state) => state === 'closed')) {
    return 'healthy';
  }

  const blocked = states.every((state) => state === 'open' || state === 'isolated');

  return blocked ? 'unhealthy' : 'degraded';
}

/** The HTTP status for a health status: 503 for `unhealthy`, 200 otherwise. */
export function readHealthStatusCode(status: HealthStatus): 200 | 503 {
  return status === 'unhealthy' ? 503 : 200;
}

/** Builds the JSON body of the health endpoint from the sources' breakers. */
export function buildHealthBody(
  sources: readonly ResilienceSource[],
  clock: Pick<Clock, 'now'>,
): HealthBody {
  const breakers = readBreakers(sources);

  return {
    status: decideHealth(breakers.map((breaker) => breaker.state)),
    timestamp: new Date(clock.now()).toISOString(),
    dependencies: Object.fromEntries(
      breakers.map((breaker) => [breaker.name, { state: breaker.state, profile: breaker.profile }]),
    ),
  };
}
