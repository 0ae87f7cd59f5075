/**
 * The two axes of the fault matrix: the ten faults the upstream can be made to show, and the
 * call through which each of the example's three profiles meets them. `matrix.ts` says what
 * each pair must do.
 */
import type { FaultReply } from '../support/fault-upstream.js';

/** The config's default attempt timeout (docs/config.md, `timeout.attempt`), in ms. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

/** The seed of the flaky upstream's draws: its first eight are F S F S S F S F. */
export const FLAKY_SEED = 8;

/** The example's profiles, in the order of the table. */
export const PROFILES = ['default', 'highAvailability', 'fastFail'] as const;

/** One of {@link PROFILES}. */
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

/** The route each profile is exercised by: `getUser`, `listUsers` and `createUser`. */
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

/** The faults, in the order of the doc. */
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
