import type { Clock } from './clock.js';
import type { BreakerState } from './events.js';
import type { MetricsRegistry, RecentEvent } from './metrics.js';
import type { MergedProfile } from './monitoring-sources.js';
import type { BreakerSnapshot, BulkheadSnapshot, ResilienceSource } from './snapshot.js';
import { sumCounts } from './metrics-labels.js';
import { computeSuccessRate } from './monitoring-metrics-body.js';
import { formatInstant, pickWorstBreaker, readProfiles } from './monitoring-sources.js';

/** The body of `GET /resilience`: the seed's `profiles`, then what the seed lacks. */
export interface ResilienceBody {
  /** When the body was built (ISO 8601). */
  readonly timestamp: string;
  readonly profiles: Readonly<Record<string, ProfileFigures>>;
  /** Every breaker by name, beyond the seed. */
  readonly breakers: Readonly<Record<string, BreakerFigures>>;
  /** Every bulkhead by name, beyond the seed. */
  readonly bulkheads: Readonly<Record<string, BulkheadFigures>>;
  /** The latest breaker transitions and rejections, newest first, at most `recentEvents`. */
  readonly recent_events: readonly RecentEventFigures[];
}

/** One profile: its (worst) breaker and its retry figures. */
export interface ProfileFigures {
  /** The profile's breaker in the worst state; `null` when no source reports one. */
  readonly circuit_breaker: ProfileBreakerFigures | null;
  readonly retry: {
    /** From the profile's settings; `null` when no source describes the profile. */
    readonly max_attempts: number | null;
    /** Finished calls. */
    readonly total_executions: number;
    /** Finished calls that needed at least one retry. */
    readonly retry_executions: number;
    readonly success_rate: number | null;
  };
}

/** A breaker as the seed's profile entry shows it. Times are ISO 8601, durations ms. */
export interface ProfileBreakerFigures {
  readonly state: BreakerState;
  readonly failure_threshold: number;
  readonly current_failures: number;
  readonly recovery_timeout: number;
  readonly last_state_change: string | null;
}

/** A breaker in the `breakers` map: the profile entry's fields and more. */
export interface BreakerFigures extends ProfileBreakerFigures {
  readonly profile: string;
  readonly next_attempt: string | null;
}

/** A bulkhead's limits and live figures. */
export interface BulkheadFigures {
  readonly profile: string;
  readonly max_concurrent: number;
  readonly max_queue: number;
  readonly in_flight: number;
  readonly queued: number;
  /** Calls rejected since the process started. */
  readonly rejected: number;
}

/** A recent event with its time as ISO 8601 (`null` only for a time that is not a number). */
export type RecentEventFigures = WithIsoTime<RecentEvent>;

/** `T` (each member of a union apart) with `at` as ISO 8601 instead of clock ms. */
type WithIsoTime<T> = T extends unknown ? Omit<T, 'at'> & { readonly at: string | null } : never;

/**
 * Builds the JSON body of the resilience endpoint: every profile the sources describe or the
 * registry has counted, the sources' breakers and bulkheads, and the registry's recent events.
 */
export function buildResilienceBody(
  metrics: MetricsRegistry,
  sources: readonly ResilienceSource[],
  clock: Pick<Clock, 'now'>,
): ResilienceBody {
  const described = readProfiles(sources);
  const names = new Set([
    ...described.map((profile) => profile.name),
    ...metrics.readSeries().map((series) => series.profile),
  ]);
  const byName = new Map(described.map((profile) => [profile.name, profile]));
  const breakers = described.flatMap((profile) => profile.breakers);
  const bulkheads = described.flatMap((profile) => profile.bulkheads);

  return {
    timestamp: new Date(clock.now()).toISOString(),
    profiles: Object.fromEntries(
      [...names].map((name) => [name, describeProfile(metrics, name, byName.get(name))]),
    ),
    breakers: Object.fromEntries(
      breakers.map((breaker) => [breaker.name, describeBreaker(breaker)]),
    ),
    bulkheads: Object.fromEntries(
      bulkheads.map((bulkhead) => [bulkhead.name, describeBulkhead(bulkhead)]),
    ),
    recent_events: metrics.readRecentEvents().reverse().map(formatRecentEvent),
  };
}

function describeProfile(
  metrics: MetricsRegistry,
  name: string,
  profile: MergedProfile | undefined,
): ProfileFigures {
  const totals = metrics.readTotals(name);
  const worst = pickWorstBreaker(profile?.breakers ?? []);

  return {
    circuit_breaker: worst === undefined ? null : describeForProfile(worst),
    retry: {
      max_attempts: profile?.maxAttempts ?? null,
      total_executions: sumCounts(totals.calls),
      retry_executions: sumCounts(totals.retriedCalls),
      success_rate: computeSuccessRate(totals.calls),
    },
  };
}

function describeForProfile(breaker: BreakerSnapshot): ProfileBreakerFigures {
  return {
    state: breaker.state,
    failure_threshold: breaker.failureThreshold,
    current_failures: breaker.currentFailures,
    recovery_timeout: breaker.recoveryTimeoutMs,
    last_state_change: formatInstant(breaker.lastStateChangeAt),
  };
}

function describeBreaker(breaker: BreakerSnapshot): BreakerFigures {
  return {
    profile: breaker.profile,
    ...describeForProfile(breaker),
    next_attempt: formatInstant(breaker.nextAttemptAt),
  };
}

function describeBulkhead(bulkhead: BulkheadSnapshot): BulkheadFigures {
  return {
    profile: bulkhead.profile,
    max_concurrent: bulkhead.maxConcurrent,
    max_queue: bulkhead.maxQueue,
    in_flight: bulkhead.inFlight,
    queued: bulkhead.queued,
    rejected: bulkhead.rejected,
  };
}

function formatRecentEvent(event: RecentEvent): RecentEventFigures {
  return { ...event, at: formatInstant(event.at) };
}
