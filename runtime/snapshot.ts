import type { BreakerState } from './events.js';

/**
 * What the monitoring endpoints read from the live policies, as plain data. Times are the
 * clock's milliseconds since the epoch, `null` when the thing never happened.
 */
export interface BreakerSnapshot {
  readonly name: string;
  readonly profile: string;
  readonly state: BreakerState;
  /** The breaker's kind, as the config's `circuitBreaker.type` names it. */
  readonly type: string;
  readonly failureThreshold: number;
  /** Consecutive failures (or failures in the window) counted now. */
  readonly currentFailures: number;
  readonly recoveryTimeoutMs: number;
  readonly halfOpenMaxCalls: number;
  readonly lastStateChangeAt: number | null;
  readonly lastFailureAt: number | null;
  /** When an open breaker will admit a trial call. */
  readonly nextAttemptAt: number | null;
  /** Totals since the process started. */
  readonly successCount: number;
  readonly failureCount: number;
}

/** A bulkhead's live figures. */
export interface BulkheadSnapshot {
  readonly name: string;
  readonly profile: string;
  readonly maxConcurrent: number;
  readonly maxQueue: number;
  readonly inFlight: number;
  readonly queued: number;
  readonly rejected: number;
}

/** One profile's settings that monitoring reports next to the counters. */
export interface ProfileSnapshot {
  readonly name: string;
  /** Attempts a call may make; `undefined` from a source that never retries (a server). */
  readonly maxAttempts: number | undefined;
  readonly breakers: readonly BreakerSnapshot[];
  readonly bulkheads: readonly BulkheadSnapshot[];
}

/**
 * Whatever holds live policies (a generated client, a server's load protection) and can
 * describe them, and, where allowed, isolate or reset a breaker.
 */
export interface ResilienceSource {
  snapshot(): readonly ProfileSnapshot[];
}

/** Manual control over named breakers, for `/resilience` when the config allows it. */
export interface BreakerControl {
  /**
   * Forces the breaker open until {@link BreakerControl.reset}; returns false when no breaker
   * has that name.
   */
  isolate(name: string): boolean;
  /** Closes the breaker and clears its counts; returns false when no breaker has that name. */
  reset(name: string): boolean;
}
