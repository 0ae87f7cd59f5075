import {
  CircuitBreaker,
  EventHub,
  FakeClock,
  HttpError,
  resolveRoutePolicy,
} from '../../runtime/index.js';
import type {
  CallOutcome,
  CircuitBreakerPolicy,
  ResilienceEvent,
  RoutePolicy,
} from '../../runtime/index.js';

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

/** An {@link HttpError} as the runtime builds it for an answer with `status`. */
export function makeHttpError(status: number, headers: Record<string, string> = {}): HttpError {
  const answer = { status, headers, contentType: undefined, bodyPreview: '', body: undefined };

  return new HttpError(answer, { route: 'GET /api/users/:id', profile: 'default' });
}

/** A breaker on a fake clock starting at `startMs`, with its events and a `record` shortcut. */
export function makeBreaker(circuitBreaker: CircuitBreakerPolicy, startMs = 0) {
  const clock = new FakeClock(startMs);
  const events: ResilienceEvent[] = [];
  const hub = new EventHub([(e) => events.push(e)]);
  const settings = resolveRoutePolicy(makePolicy({ circuitBreaker })).breaker;
  const breaker = new CircuitBreaker('default', 'default', settings, { clock, events: hub });
  /** Runs one call through the breaker that ends with `outcome` after `durationMs`. */
  const record = (outcome: CallOutcome, durationMs = 1): void =>
    breaker.record(breaker.tryAcquire(), outcome, durationMs);

  return { breaker, clock, events, record };
}
