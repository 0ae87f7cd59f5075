/**
 * The fault matrix: what each of ten upstream faults (`faults.ts`) does to one call of each of
 * the example's three profiles, made through the generated gateway and client. This file is
 * the one source of both the tests (`matrix.test.ts` runs every cell and compares) and the
 * tables of docs/faults.md (`faults-doc.ts` renders them; `faults-doc.test.ts` fails when the
 * committed doc differs), so the two cannot drift apart.
 *
 * Every call runs on a fake clock with the jitter draw fixed at 0.5, so the example's full
 * jitter halves each backoff: `default` waits 500 then 1000 ms, `highAvailability` 250, 500,
 * 1000, 2000. No profile of the example sets a timeout, so the config's defaults apply:
 * 10 s per attempt, 60 s per call.
 */
import type { AnswerSource, BreakerState, RetryRefusal } from '../../runtime/index.js';
import type { ProfileName } from './faults.js';

/** What the caller of the gateway gets. */
export interface CallerAnswer {
  readonly status: number;
  /** The `error` code of an error body. */
  readonly error?: string;
  /** `X-Resilience-Fallback`: the fallback that served the answer. */
  readonly fallback?: Exclude<AnswerSource, 'network' | 'cache'>;
  readonly retryAfter?: string;
}

/** The counters of `/metrics` a call moved, by name: only those that changed. */
export type MetricChanges = Readonly<Record<string, number>>;

/** What one call of a profile does against a fault. */
export interface Cell {
  /** Attempts the client made on the upstream. */
  readonly attempts: number;
  /** The waits between them, in ms. */
  readonly delaysMs: readonly number[];
  /** What the client threw to the gateway's handler, when no fallback served. */
  readonly clientError?: string;
  readonly caller: CallerAnswer;
  /** The breaker of the profile after the call: its state and the failures it counts now. */
  readonly breaker: { readonly state: BreakerState; readonly failures: number };
  readonly metrics: MetricChanges;
  /**
   * Repeating the same call: on which call (this one is the first) the breaker is open, and
   * what a call gets while it is open — without reaching the upstream. Absent when the fault
   * is random and the breaker's fate depends on the draws.
   */
  readonly untilOpen?: { readonly calls: number; readonly whileOpen: CallerAnswer };
}

/** The facts of one call that decide its counters. */
interface CallFacts {
  readonly failed: number;
  readonly succeeded?: number;
  readonly retries: number;
  readonly refusal?: RetryRefusal;
  readonly fallback?: 'stale-cache' | 'alternative';
  readonly timeouts?: number;
  /** The route is cached, so the call looked the cache up first (and missed). */
  readonly cached: boolean;
}

/** The counters one call moves, from what happened in it. */
function countCall(facts: CallFacts): MetricChanges {
  const attempts = facts.failed + (facts.succeeded ?? 0);
  const outcome = facts.succeeded ? 'success' : 'failure';
  const changes: Record<string, number> = {
    'attempts.failure': facts.failed,
    'attempts.success': facts.succeeded ?? 0,
    retries: facts.retries,
    [`calls.${outcome}`]: 1,
    [`retriedCalls.${outcome}`]: attempts > 1 ? 1 : 0,
    cacheMisses: facts.cached ? 1 : 0,
    'timeouts.attempt': facts.timeouts ?? 0,
  };
  if (facts.refusal !== undefined) {
    changes[`refusedRetries.${facts.refusal}`] = 1;
  }
  if (facts.fallback !== undefined) {
    changes[`fallbacks.${facts.fallback}`] = 1;
  }

  return Object.fromEntries(Object.entries(changes).filter(([, count]) => count !== 0));
}

const STALE: CallerAnswer = { status: 200, fallback: 'stale-cache' };
const ALTERNATIVE: CallerAnswer = { status: 200, fallback: 'alternative' };
const CIRCUIT_OPEN: CallerAnswer = { status: 503, error: 'circuit_open', retryAfter: '5' };

/**
 * `default` against a fault that fails each attempt and may be retried: three attempts, the
 * stale entry served, the breaker (5 in a row) open during the second call.
 */
function expectDefaultRetried(timeouts = 0, delaysMs = [500, 1000]): Cell {
  return {
    attempts: 3,
    delaysMs,
    caller: STALE,
    breaker: { state: 'closed', failures: 3 },
    metrics: countCall({
      failed: 3,
      retries: 2,
      refusal: 'attempts-exhausted',
      fallback: 'stale-cache',
      timeouts,
      cached: true,
    }),
    untilOpen: { calls: 2, whileOpen: STALE },
  };
}

/**
 * `highAvailability` against a retried fault: its breaker opens at the third failure, which
 * stops the retries (5 attempts are never reached), and the replica answers.
 */
function expectAvailabilityRetried(timeouts = 0, delaysMs = [250, 500]): Cell {
  return {
    attempts: 3,
    delaysMs,
    caller: ALTERNATIVE,
    breaker: { state: 'open', failures: 3 },
    metrics: countCall({
      failed: 3,
      retries: 2,
      refusal: 'circuit-open',
      fallback: 'alternative',
      timeouts,
      cached: true,
    }),
    untilOpen: { calls: 1, whileOpen: ALTERNATIVE },
  };
}

/** `fastFail` against any failing fault: one attempt, no fallback, open on the second call. */
function expectFastFailed(clientError: string, caller: CallerAnswer, timeouts = 0): Cell {
  return {
    attempts: 1,
    delaysMs: [],
    clientError,
    caller,
    breaker: { state: 'closed', failures: 1 },
    metrics: countCall({ failed: 1, retries: 0, timeouts, cached: false }),
    untilOpen: { calls: 2, whileOpen: CIRCUIT_OPEN },
  };
}

/** A read against an answer that is never retried (it does not decode or validate). */
function expectReadUnusable(profile: 'default' | 'highAvailability'): Cell {
  const isDefault = profile === 'default';
  const fallback = isDefault ? 'stale-cache' : 'alternative';

  return {
    attempts: 1,
    delaysMs: [],
    caller: isDefault ? STALE : ALTERNATIVE,
    breaker: { state: 'closed', failures: 1 },
    metrics: countCall({ failed: 1, retries: 0, fallback, cached: true }),
    untilOpen: { calls: isDefault ? 5 : 3, whileOpen: isDefault ? STALE : ALTERNATIVE },
  };
}

const UNREACHABLE: CallerAnswer = { status: 503, error: 'upstream_unreachable' };
const INVALID: CallerAnswer = { status: 502, error: 'upstream_invalid_answer' };

/** The expected cells, by fault name and profile, in the order of {@link FAULTS}. */
export const MATRIX: Readonly<Record<string, Readonly<Record<ProfileName, Cell>>>> = {
  'connection refused': {
    default: expectDefaultRetried(),
    highAvailability: expectAvailabilityRetried(),
    fastFail: expectFastFailed('NetworkError ECONNREFUSED', UNREACHABLE),
  },
  'never answers': {
    default: expectDefaultRetried(3),
    highAvailability: expectAvailabilityRetried(3),
    fastFail: expectFastFailed('TimeoutError attempt', { status: 504, error: 'timeout' }, 1),
  },
  'slower than the attempt timeout': {
    default: expectDefaultRetried(3),
    highAvailability: expectAvailabilityRetried(3),
    fastFail: expectFastFailed('TimeoutError attempt', { status: 504, error: 'timeout' }, 1),
  },
  'fails 50% at random': {
    default: {
      attempts: 2,
      delaysMs: [500],
      caller: { status: 200 },
      breaker: { state: 'closed', failures: 0 },
      metrics: countCall({ failed: 1, succeeded: 1, retries: 1, cached: true }),
    },
    highAvailability: {
      attempts: 2,
      delaysMs: [250],
      caller: { status: 200 },
      breaker: { state: 'closed', failures: 0 },
      metrics: countCall({ failed: 1, succeeded: 1, retries: 1, cached: true }),
    },
    fastFail: {
      ...expectFastFailed('HttpError 503', { status: 503, error: 'upstream_unavailable' }),
      untilOpen: undefined,
    },
  },
  '503 with Retry-After': {
    default: expectDefaultRetried(0, [2000, 2000]),
    highAvailability: expectAvailabilityRetried(0, [2000, 2000]),
    fastFail: expectFastFailed('HttpError 503', {
      status: 503,
      error: 'upstream_unavailable',
      retryAfter: '2',
    }),
  },
  '429 storm': {
    default: expectDefaultRetried(0, [7000, 7000]),
    highAvailability: {
      attempts: 1,
      delaysMs: [],
      caller: ALTERNATIVE,
      breaker: { state: 'closed', failures: 1 },
      metrics: countCall({
        failed: 1,
        retries: 0,
        refusal: 'retry-after-beyond-budget',
        fallback: 'alternative',
        cached: true,
      }),
      untilOpen: { calls: 3, whileOpen: ALTERNATIVE },
    },
    fastFail: expectFastFailed('HttpError 429', {
      status: 429,
      error: 'too_many_requests',
      retryAfter: '7',
    }),
  },
  'reset half-way through the body': {
    default: expectDefaultRetried(),
    highAvailability: expectAvailabilityRetried(),
    fastFail: expectFastFailed('NetworkError ERR_BAD_RESPONSE', UNREACHABLE),
  },
  'malformed JSON': {
    default: expectReadUnusable('default'),
    highAvailability: expectReadUnusable('highAvailability'),
    fastFail: expectFastFailed('ResponseValidationError decode', INVALID),
  },
  'JSON that breaks the schema': {
    default: expectReadUnusable('default'),
    highAvailability: expectReadUnusable('highAvailability'),
    fastFail: expectFastFailed('ResponseValidationError validate', INVALID),
  },
  'body far over the size limit': {
    default: expectReadUnusable('default'),
    highAvailability: expectReadUnusable('highAvailability'),
    fastFail: expectFastFailed(`ResponseTooLargeError ${10 * 1024 * 1024}`, INVALID),
  },
};
