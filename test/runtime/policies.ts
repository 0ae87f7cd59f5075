import type { RoutePolicy } from '../../runtime/index.js';

/**
 * A route policy for tests: GET, 3 attempts, exponential 100 ms → 1000 ms without jitter,
 * consecutive breaker of 5, no fallback, no budget. `overrides` replace whole sections.
 */
export function makePolicy(overrides: Partial<RoutePolicy> = {}): RoutePolicy {
  return {
    route: 'GET /api/users/:id',
    profile: 'default',
    method: 'GET',
    retry: {
      maxAttempts: 3,
      backoff: 'exponential',
      baseDelayMs: 100,
      maxDelayMs: 1000,
      jitter: 'none',
    },
    circuitBreaker: { failureThreshold: 5, recoveryTimeoutMs: 30_000, halfOpenMaxCalls: 1 },
    fallback: { enabled: false },
    idempotent: false,
    retryBudget: false,
    ...overrides,
  };
}
