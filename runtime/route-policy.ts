import type { BackoffKind } from './backoff/delay.js';
import type { JitterKind } from './backoff/jitter.js';

/** The HTTP methods a route may use. */
export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How a failed attempt is repeated. Defaults: `RUNTIME_DEFAULTS.retry`. */
export interface RetryPolicy {
  /** Every attempt counts, the first included: 1 means no retry. A whole number ≥ 1. */
  readonly maxAttempts: number;
  /** The curve of the waits; default `exponential`. */
  readonly backoff?: BackoffKind;
  /** The first wait (and the step of `linear`), in ms; default 1000. */
  readonly baseDelayMs?: number;
  /** The longest wait, jitter and `Retry-After` included, in ms; default 10000. */
  readonly maxDelayMs?: number;
  /** Randomises each wait; `true` means `full`, `false` means `none`; default `none`. */
  readonly jitter?: JitterKind | boolean;
}

/** What every circuit breaker kind shares. */
export interface BreakerPolicyBase {
  /** How long an open breaker rejects calls before it admits trials, in ms. */
  readonly recoveryTimeoutMs: number;
  /**
   * Concurrent trial calls a half-open breaker admits, and the successes that close it;
   * default 1.
   */
  readonly halfOpenMaxCalls?: number;
}

/** Opens after `failureThreshold` failures in a row (the default kind). */
export interface ConsecutiveBreakerPolicy extends BreakerPolicyBase {
  readonly type?: 'consecutive';
  /** Failures in a row that open the breaker; a whole number ≥ 1. */
  readonly failureThreshold: number;
}

/** The rate limits of the window kinds. */
export interface WindowBreakerLimits {
  /** Fewer calls in the window never open the breaker; default 10. */
  readonly minimumCalls?: number;
  /** The failure ratio (failures / calls) that opens the breaker, in `(0, 1]`; default 0.5. */
  readonly failureRateThreshold?: number;
  /** A call at least this long counts as slow, in ms; default: slow calls are not counted. */
  readonly slowCallDurationMs?: number;
  /** The slow-call ratio that opens the breaker, in `(0, 1]`; default 1. */
  readonly slowCallRateThreshold?: number;
}

/** Opens on the failure (or slow-call) rate of the last `windowSize` calls. */
export interface CountWindowBreakerPolicy extends BreakerPolicyBase, WindowBreakerLimits {
  readonly type: 'count-window';
  /** How many of the latest calls the rates cover; a whole number ≥ 1. */
  readonly windowSize: number;
}

/** Opens on the failure (or slow-call) rate of the last `windowMs` milliseconds. */
export interface TimeWindowBreakerPolicy extends BreakerPolicyBase, WindowBreakerLimits {
  readonly type: 'time-window';
  /** The span the rates cover, in ms. */
  readonly windowMs: number;
}

/** A circuit breaker, one of the kinds in `runtime/breaker/`. */
export type CircuitBreakerPolicy =
  ConsecutiveBreakerPolicy | CountWindowBreakerPolicy | TimeWindowBreakerPolicy;

/** Load protection: calls in flight and calls waiting. Defaults: `RUNTIME_DEFAULTS.bulkhead`. */
export interface BulkheadPolicy {
  /** Calls in flight at once; a whole number ≥ 1. */
  readonly maxConcurrent: number;
  /** Calls that may wait, first in first out; default 0. */
  readonly maxQueue?: number;
  /** The longest wait for a slot, in ms; default 5000. */
  readonly queueTimeoutMs?: number;
}

/** Time limits. Without them no timer is started. */
export interface TimeoutPolicy {
  /** The limit of one attempt, in ms; each retry gets it afresh. */
  readonly attemptMs?: number;
  /** The limit of the whole call, waits between attempts included, in ms. */
  readonly totalMs?: number;
}

/** The fallback source a route tries first (the seed's `fallback.strategy`). */
export type FallbackStrategy = 'cache' | 'alternative_service' | 'default';

/** What a failed read may serve instead. Only reads (GET, HEAD) fall back. */
export interface FallbackPolicy {
  readonly enabled: boolean;
  /** The source tried first; the others follow in the standard order; default `cache`. */
  readonly strategy?: FallbackStrategy;
}

/** Caching of a read's answers. */
export interface CachePolicy {
  /** How long an answer is served without a call, in ms. */
  readonly ttlMs: number;
  /** How long after `ttlMs` it may still be served when the call fails, in ms; default 0. */
  readonly staleTtlMs?: number;
}

/**
 * A cap on retries across all calls of a profile, so a failing upstream is not hit by a retry
 * storm. Defaults: `RUNTIME_DEFAULTS.retryBudget`.
 */
export interface RetryBudgetPolicy {
  /** Retries may add at most this share of first attempts, in `[0, 1]`; default 0.2. */
  readonly ratio?: number;
  /** Retries allowed per second on top of the ratio; default 1. */
  readonly minRetriesPerSecond?: number;
  /** The span attempts and retries are counted over, in ms; default 10000. */
  readonly windowMs?: number;
}

/**
 * Everything the runtime needs to know about one route, as plain data. Generated code writes
 * one as a literal constant per route, so a reviewer reads each route's numbers in the file.
 * The object is read by identity and must not change after its first call.
 */
export interface RoutePolicy {
  /** `METHOD /path/:param`, as the contract declares it. */
  readonly route: string;
  /** The config profile; every route of a profile shares one breaker, bulkhead and budget. */
  readonly profile: string;
  readonly method: HttpMethod;
  readonly retry: RetryPolicy;
  readonly circuitBreaker: CircuitBreakerPolicy;
  /** Absent: no bulkhead. */
  readonly bulkhead?: BulkheadPolicy;
  /** Absent: no time limit (and no timer). */
  readonly timeout?: TimeoutPolicy;
  readonly fallback: FallbackPolicy;
  /** Absent: answers are not cached. Only reads are cached. */
  readonly cache?: CachePolicy;
  /**
   * A POST or PATCH that is safe to repeat: the client sends an `Idempotency-Key`, the same on
   * every attempt, and retries it. GET, HEAD, OPTIONS, PUT and DELETE are repeatable anyway.
   */
  readonly idempotent: boolean;
  /** Absent: the default budget; `false`: no budget. */
  readonly retryBudget?: RetryBudgetPolicy | false;
}
