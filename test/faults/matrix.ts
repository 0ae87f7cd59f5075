/**
 * The fault matrix: what each of ten upstream faults does to one call of each of the
 * example's three profiles, made through the generated gateway and client. This file is the
 * one source of both the tests (`matrix.test.ts` runs every cell and compares) and the table
 * in docs/faults.md (`faults-doc.ts` renders it; `faults-doc.test.ts` fails when the committed
 * doc differs), so the two cannot drift apart.
 *
 * Every call runs on a fake clock with the jitter draw fixed at 0.5, so the example's full
 * jitter halves each backoff: `default` waits 500 then 1000 ms, `highAvailability` 250, 500,
 * 1000, 2000. No profile of the example sets a timeout, so the config's defaults apply:
 * 10 s per attempt, 60 s per call.
 */
import type { AnswerSource, BreakerState, RetryRefusal } from '../../runtime/index.js';
import type { FaultReply } from '../support/fault-upstream.js';

/** The config's default attempt timeout (docs/config.md, `timeout.attempt`), in ms. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

/** The seed of the flaky upstream's draws: its first eight are F S F S S F S F. */
export const FLAKY_SEED = 8;

/** The example's profiles, in the order of the table. */
export const PROFILES = ['default', 'highAvailability', 'fastFail'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** The call each profile's cells make through the gateway. */
export interface ProfileCall {
  readonly route: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  /**
   * The call was answered once while the upstream was healthy, and the fresh time of that
   * cached answer has passed: a stale entry exists for the `cache` fallback.
   */
  readonly primed: boolean;
}

/** A new user, as `createUser` sends it. */
export const NEW_USER = Object.freeze({ name: 'Ana', email: 'ana@example.com' });

export const PROFILE_CALLS: Readonly<Record<ProfileName, ProfileCall>> = {
  default: { route: 'GET /api/users/:id', method: 'GET', path: '/api/users/7', primed: true },
  highAvailability: { route: 'GET /api/users', method: 'GET', path: '/api/users', primed: false },
  fastFail: {
    route: 'POST /api/users',
    method: 'POST',
    path: '/api/users',
    body: NEW_USER,
    primed: false,
  },
};

/** What the upstream does while a fault is staged. */
export interface Fault {
  readonly name: string;
  /** What the upstream does, for the doc. */
  readonly behaviour: string;
  /** The upstream's port is closed: no request reaches it. */
  readonly refuses?: true;
  /** The upstream keeps a request past the attempt timeout, which the test lets run out. */
  readonly stalls?: true;
  /**
   * The reply to one request, given the healthy reply and the fault's seeded draws. Absent
   * when {@link Fault.refuses}.
   */
  readonly reply?: (healthy: FaultReply, random: () => number) => FaultReply;
}

/** The body of a user cut short: valid JSON up to the cut, never complete. */
const CUT_USER = '{"id": 7, "name": "Ana", "email": "ana@exa';

export const FAULTS: readonly Fault[] = [
  {
    name: 'connection refused',
    behaviour: 'refuses the connection: nothing listens on its port',
    refuses: true,
  },
  {
    name: 'never answers',
    behaviour: 'accepts the request and keeps the connection open without sending a byte',
    stalls: true,
    reply: () => ({ kind: 'hang' }),
  },
  {
    name: 'slower than the attempt timeout',
    behaviour: 'answers correctly, 11 s after the request (the attempt timeout is 10 s)',
    stalls: true,
    reply: (healthy) => ({ kind: 'late', afterMs: ATTEMPT_TIMEOUT_MS + 1000, reply: healthy }),
  },
  {
    name: 'fails 50% at random',
    behaviour: `answers 503 or correctly, half and half at random, seeded (seed ${FLAKY_SEED} draws F S F S …)`,
    reply: (healthy, random) =>
      random() < 0.5 ? { kind: 'answer', status: 503, body: { error: 'flaky' } } : healthy,
  },
  {
    name: '503 with Retry-After',
    behaviour: 'answers every request 503 with `Retry-After: 2`',
    reply: () => ({
      kind: 'answer',
      status: 503,
      headers: { 'retry-after': '2' },
      body: { error: 'maintenance' },
    }),
  },
  {
    name: '429 storm',
    behaviour: 'answers every request 429 with `Retry-After: 7`',
    reply: () => ({
      kind: 'answer',
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: 'slow down' },
    }),
  },
  {
    name: 'reset half-way through the body',
    behaviour:
      'sends a 200 head announcing 120 bytes and the first part of a JSON user, then resets the connection',
    reply: () => ({ kind: 'cut', text: CUT_USER, declaredBytes: 120 }),
  },
  {
    name: 'malformed JSON',
    behaviour: 'answers a complete 200 `application/json` whose JSON is cut short',
    reply: () => ({
      kind: 'answer',
      headers: { 'content-type': 'application/json' },
      body: CUT_USER,
    }),
  },
  {
    name: 'JSON that breaks the schema',
    behaviour:
      'answers a 200 with well-formed JSON of the wrong shape: `{"id": "seven", "name": 7}`',
    reply: () => ({ kind: 'answer', body: { id: 'seven', name: 7 } }),
  },
  {
    name: 'body far over the size limit',
    behaviour:
      'answers a 200 of 64 MiB, sent as fast as it is read (the client reads 10 MiB at most)',
    reply: () => ({ kind: 'flood', bytes: 64 * 1024 * 1024 }),
  },
];

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
function defaultRetried(timeouts = 0, delaysMs = [500, 1000]): Cell {
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
function availabilityRetried(timeouts = 0, delaysMs = [250, 500]): Cell {
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
function fastFailed(clientError: string, caller: CallerAnswer, timeouts = 0): Cell {
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
function readUnusable(profile: 'default' | 'highAvailability'): Cell {
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
    default: defaultRetried(),
    highAvailability: availabilityRetried(),
    fastFail: fastFailed('NetworkError ECONNREFUSED', UNREACHABLE),
  },
  'never answers': {
    default: defaultRetried(3),
    highAvailability: availabilityRetried(3),
    fastFail: fastFailed('TimeoutError attempt', { status: 504, error: 'timeout' }, 1),
  },
  'slower than the attempt timeout': {
    default: defaultRetried(3),
    highAvailability: availabilityRetried(3),
    fastFail: fastFailed('TimeoutError attempt', { status: 504, error: 'timeout' }, 1),
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
      ...fastFailed('HttpError 503', { status: 503, error: 'upstream_unavailable' }),
      untilOpen: undefined,
    },
  },
  '503 with Retry-After': {
    default: defaultRetried(0, [2000, 2000]),
    highAvailability: availabilityRetried(0, [2000, 2000]),
    fastFail: fastFailed('HttpError 503', {
      status: 503,
      error: 'upstream_unavailable',
      retryAfter: '2',
    }),
  },
  '429 storm': {
    default: defaultRetried(0, [7000, 7000]),
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
    fastFail: fastFailed('HttpError 429', {
      status: 429,
      error: 'too_many_requests',
      retryAfter: '7',
    }),
  },
  'reset half-way through the body': {
    default: defaultRetried(),
    highAvailability: availabilityRetried(),
    fastFail: fastFailed('NetworkError ERR_BAD_RESPONSE', UNREACHABLE),
  },
  'malformed JSON': {
    default: readUnusable('default'),
    highAvailability: readUnusable('highAvailability'),
    fastFail: fastFailed('ResponseValidationError decode', INVALID),
  },
  'JSON that breaks the schema': {
    default: readUnusable('default'),
    highAvailability: readUnusable('highAvailability'),
    fastFail: fastFailed('ResponseValidationError validate', INVALID),
  },
  'body far over the size limit': {
    default: defaultRetried(),
    highAvailability: availabilityRetried(),
    fastFail: fastFailed('NetworkError ERR_BAD_RESPONSE', UNREACHABLE),
  },
};
