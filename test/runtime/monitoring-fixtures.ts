import type { BreakerState, ResilienceEvent } from '../../runtime/events.js';
import type {
  BreakerControl,
  BreakerSnapshot,
  BulkheadSnapshot,
  ProfileSnapshot,
  ResilienceSource,
} from '../../runtime/snapshot.js';

/** 2024-01-15T10:30:45.000Z, the seed's example instant, as clock milliseconds. */
export const T0 = Date.UTC(2024, 0, 15, 10, 30, 45);

/** The top-level keys of the `/resilience` body, sorted. */
export const RESILIENCE_BODY_KEYS = [
  'breakers',
  'bulkheads',
  'profiles',
  'recent_events',
  'timestamp',
];

/** The route most tests use. */
export const USER_ROUTE = 'GET /api/users/:id';

/** A closed breaker named after its profile, with `overrides` laid over it. */
export function makeBreaker(profile: string, overrides: Partial<BreakerSnapshot> = {}) {
  const breaker: BreakerSnapshot = {
    name: profile,
    profile,
    state: 'closed',
    type: 'consecutive',
    failureThreshold: 5,
    currentFailures: 0,
    recoveryTimeoutMs: 30_000,
    halfOpenMaxCalls: 3,
    lastStateChangeAt: null,
    lastFailureAt: null,
    nextAttemptAt: null,
    successCount: 0,
    failureCount: 0,
    ...overrides,
  };

  return breaker;
}

/** An idle bulkhead of `profile`, with `overrides` laid over it. */
export function makeBulkhead(profile: string, overrides: Partial<BulkheadSnapshot> = {}) {
  const bulkhead: BulkheadSnapshot = {
    name: profile,
    profile,
    maxConcurrent: 10,
    maxQueue: 5,
    inFlight: 0,
    queued: 0,
    rejected: 0,
    ...overrides,
  };

  return bulkhead;
}

/**
 * A source that describes the profiles it is given and lets tests flip breaker states; its
 * `isolate` and `reset` work on those breakers by name.
 */
export class FakeSource implements ResilienceSource, BreakerControl {
  profiles: ProfileSnapshot[];

  constructor(profiles: ProfileSnapshot[]) {
    this.profiles = profiles;
  }

  snapshot(): readonly ProfileSnapshot[] {
    return this.profiles;
  }

  isolate(name: string): boolean {
    return this.setState(name, 'isolated');
  }

  reset(name: string): boolean {
    return this.setState(name, 'closed');
  }

  /** Sets the state of the breaker `name`; false when there is none. */
  setState(name: string, state: BreakerState): boolean {
    let found = false;
    this.profiles = this.profiles.map((profile) => ({
      ...profile,
      breakers: profile.breakers.map((breaker) => {
        if (breaker.name !== name) {
          return breaker;
        }

        found = true;

        return { ...breaker, state };
      }),
    }));

    return found;
  }
}

/** A source with one profile per breaker state given, each with a breaker of that state. */
export function makeSourceWithStates(states: readonly BreakerState[]): FakeSource {
  return new FakeSource(
    states.map((state, index) => ({
      name: `p${index}`,
      maxAttempts: 3,
      breakers: [makeBreaker(`p${index}`, { state })],
      bulkheads: [],
    })),
  );
}

/** Builders of the events of one route, stamped with `now()`. */
export function makeEvents(profile: string, route: string, now: () => number) {
  const base = () => ({ profile, route, at: now() });

  return {
    attempt: (attempt: number, outcome: 'success' | 'failure' | 'passthrough', ms: number) =>
      ({ ...base(), type: 'attempt', attempt, outcome, durationMs: ms }) as const,
    retry: (attempt: number, delayMs: number) =>
      ({ ...base(), type: 'retry', attempt, delayMs }) as const,
    call: (outcome: 'success' | 'failure' | 'passthrough', attempts: number, ms: number) =>
      ({ ...base(), type: 'call', outcome, attempts, durationMs: ms, source: 'network' }) as const,
  };
}

/**
 * The scripted traffic most tests check against, on {@link USER_ROUTE} of `default` unless
 * said otherwise:
 * - a call that fails once, retries and succeeds (1 200 ms);
 * - a call that succeeds at once (20 ms);
 * - a call that fails twice, is refused a third attempt and fails (1 100 ms);
 * - a fresh cache hit (1 ms), then a cache miss, an attempt timeout and a default fallback;
 * - a rejection by the open breaker of `highAvailability` on `GET /api/users`;
 * - the `default` breaker's transition from closed to open.
 */
export function makeScriptedEvents(now: () => number): ResilienceEvent[] {
  const user = makeEvents('default', USER_ROUTE, now);
  const base = () => ({ profile: 'default', route: USER_ROUTE, at: now() });

  return [
    user.attempt(1, 'failure', 100),
    user.retry(2, 1000),
    user.attempt(2, 'success', 50),
    user.call('success', 2, 1200),
    user.attempt(1, 'success', 20),
    user.call('success', 1, 20),
    user.attempt(1, 'failure', 30),
    user.retry(2, 1000),
    user.attempt(2, 'failure', 30),
    { ...base(), type: 'retry-refused', reason: 'attempts-exhausted' },
    user.call('failure', 2, 1100),
    { ...base(), type: 'cache', result: 'hit' },
    { ...base(), type: 'call', outcome: 'success', attempts: 0, durationMs: 1, source: 'cache' },
    { ...base(), type: 'cache', result: 'miss' },
    { ...base(), type: 'timeout', scope: 'attempt' },
    { ...base(), type: 'fallback', source: 'default' },
    {
      type: 'reject',
      kind: 'circuit-open',
      profile: 'highAvailability',
      route: 'GET /api/users',
      at: now(),
    },
    {
      type: 'breaker',
      breaker: 'default',
      profile: 'default',
      from: 'closed',
      to: 'open',
      at: now(),
    },
  ];
}
