import type { Clock } from './clock.js';
import type { BreakerState } from './events.js';
import type { CallOutcome, Counts } from './metrics-labels.js';
import type { MetricsRegistry } from './metrics.js';
import type { BreakerSnapshot, ResilienceSource } from './snapshot.js';
import { sumCounts } from './metrics-labels.js';
import { formatInstant, pickWorstState, readBreakers } from './monitoring-sources.js';

/** The body of `GET /metrics` as JSON, in the seed's shape. See docs/monitoring.md. */
export interface MetricsBody {
  /** When the body was built (ISO 8601). */
  readonly timestamp: string;
  readonly resilience: {
    readonly retry: RetryFigures;
    readonly circuit_breaker: BreakerAggregate;
    readonly fallback: {
      /** Cache lookups that found a fresh answer. */
      readonly cache_hits: number;
      readonly cache_misses: number;
      /** Calls a fallback (stale cache, alternative, default) answered. */
      readonly fallback_executions: number;
    };
  };
  readonly performance: {
    /** Over the most recent calls (see `latencySamples`), in ms; `null` before any call. */
    readonly avg_response_time: number | null;
    readonly p95_response_time: number | null;
    readonly p99_response_time: number | null;
    /** Finished calls per second over the rate window. */
    readonly requests_per_second: number;
  };
}

/** Retry figures over every profile and route. */
export interface RetryFigures {
  /** Every HTTP attempt made, first attempts included. */
  readonly total_attempts: number;
  /** Calls that succeeded after at least one retry. */
  readonly successful_retries: number;
  /** Calls that failed after at least one retry. */
  readonly failed_retries: number;
  /** Successful calls / (successful + failed calls); `null` when none finished. */
  readonly success_rate: number | null;
}

/** Every breaker folded into one: the worst state, summed counts, extreme times. */
export interface BreakerAggregate {
  readonly state: BreakerState;
  readonly failure_count: number;
  readonly success_count: number;
  /** The latest failure any breaker saw (ISO 8601), or `null`. */
  readonly last_failure: string | null;
  /** The earliest time an open breaker admits a trial call (ISO 8601), or `null`. */
  readonly next_attempt: string | null;
}

/**
 * Builds the JSON body of the metrics endpoint from the registry's counters and the sources'
 * breakers, stamped with `clock`'s time.
 */
export function buildMetricsBody(
  metrics: MetricsRegistry,
  sources: readonly ResilienceSource[],
  clock: Pick<Clock, 'now'>,
): MetricsBody {
  const totals = metrics.readTotals();
  const latency = metrics.readLatency();

  return {
    timestamp: new Date(clock.now()).toISOString(),
    resilience: {
      retry: {
        total_attempts: sumCounts(totals.attempts),
        successful_retries: totals.retriedCalls.success,
        failed_retries: totals.retriedCalls.failure,
        success_rate: computeSuccessRate(totals.calls),
      },
      circuit_breaker: aggregateBreakers(readBreakers(sources)),
      fallback: {
        cache_hits: totals.cacheHits,
        cache_misses: totals.cacheMisses,
        fallback_executions: sumCounts(totals.fallbacks),
      },
    },
    performance: {
      avg_response_time: roundTo(latency.avgMs, 2),
      p95_response_time: roundTo(latency.p95Ms, 2),
      p99_response_time: roundTo(latency.p99Ms, 2),
      requests_per_second: roundTo(metrics.readRequestsPerSecond(), 2),
    },
  };
}

/**
 * The share of finished calls that succeeded, rounded to 4 decimals. Passthrough answers (a
 * 4xx that is the caller's problem) count neither way. `null` when no call succeeded or failed.
 */
export function computeSuccessRate(calls: Readonly<Counts<CallOutcome>>): number | null {
  const decided = calls.success + calls.failure;

  return decided === 0 ? null : roundTo(calls.success / decided, 4);
}

/** Folds every breaker into the seed's single `circuit_breaker` object. */
export function aggregateBreakers(breakers: readonly BreakerSnapshot[]): BreakerAggregate {
  const lastFailures = breakers.flatMap((breaker) => breaker.lastFailureAt ?? []);
  const nextAttempts = breakers.flatMap((breaker) => breaker.nextAttemptAt ?? []);

  return {
    state: pickWorstState(breakers.map((breaker) => breaker.state)),
    failure_count: breakers.reduce((sum, breaker) => sum + breaker.failureCount, 0),
    success_count: breakers.reduce((sum, breaker) => sum + breaker.successCount, 0),
    last_failure: lastFailures.length === 0 ? null : formatInstant(Math.max(...lastFailures)),
    next_attempt: nextAttempts.length === 0 ? null : formatInstant(Math.min(...nextAttempts)),
  };
}

function roundTo<T extends number | null>(value: T, decimals: number): T {
  if (value === null) {
    return value;
  }

  const scale = 10 ** decimals;

  return (Math.round(value * scale) / scale) as T;
}
