/**
 * Every default of the runtime, in one frozen constant. `resolveRoutePolicy` merges a route's
 * policy over it in one place; docs/runtime.md lists the same numbers. Durations are in
 * milliseconds, ratios in `(0, 1]`.
 */
export const RUNTIME_DEFAULTS = deepFreeze({
  retry: {
    /** The curve of the waits between attempts. */
    backoff: 'exponential',
    /** The first wait, in ms (the seed's `baseDelay`). */
    baseDelayMs: 1000,
    /** The longest wait, jitter and `Retry-After` included, in ms. */
    maxDelayMs: 10_000,
    /** No jitter unless the policy asks for it. */
    jitter: 'none',
  },
  circuitBreaker: {
    type: 'consecutive',
    /** Concurrent trial calls a half-open breaker admits, and successes that close it. */
    halfOpenMaxCalls: 1,
    /** Window strategies: fewer calls in the window never open the breaker. */
    minimumCalls: 10,
    /** Window strategies: the failure ratio that opens the breaker. */
    failureRateThreshold: 0.5,
    /** Window strategies: the slow-call ratio that opens the breaker (if slow calls count). */
    slowCallRateThreshold: 1,
  },
  bulkhead: {
    /** Calls that may wait for a slot; 0 rejects at once when every slot is taken. */
    maxQueue: 0,
    /** The longest wait for a slot, in ms. */
    queueTimeoutMs: 5_000,
  },
  fallback: {
    /** The fallback source tried first; the others follow in the standard order. */
    strategy: 'cache',
  },
  cache: {
    /** How long after `ttlMs` an answer may still be served as a fallback, in ms. */
    staleTtlMs: 0,
    /** The most answers one registry's cache holds; the least recently used go first. */
    maxEntries: 1000,
  },
  http: {
    /**
     * The largest answer body the HTTP client reads, in bytes (10 MiB); a longer one fails the
     * attempt instead of filling the memory.
     */
    maxResponseBytes: 10 * 1024 * 1024,
  },
  retryBudget: {
    /** Retries may add at most this share of first attempts. */
    ratio: 0.2,
    /** Retries allowed per second on top of the ratio, so a quiet route can still retry. */
    minRetriesPerSecond: 1,
    /** The span over which attempts and retries are counted, in ms. */
    windowMs: 10_000,
  },
} as const);

/** Freezes `value` and every object inside it; returns `value`. */
export function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (typeof inner === 'object' && inner !== null) {
      deepFreeze(inner);
    }
  }

  return Object.freeze(value);
}
