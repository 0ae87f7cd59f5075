import { CallRun } from './call-run.js';
import type { RouteRuntime } from './call-run.js';
import { REJECTED } from './circuit-breaker.js';
import type { CallOutcome } from './circuit-breaker.js';
import { classifyFailure } from './classify.js';
import type { AnswerSource } from './events.js';
import { retryAfterFirstFailure, runAttempts } from './retry.js';
import type { AttemptContext, AttemptFn } from './retry.js';

/** Per-call options of a plain function run through a route's policies. */
export interface ExecuteOptions<T = unknown> {
  /** Aborts the call: the attempt in progress, a backoff wait, a queue wait. */
  readonly signal?: AbortSignal;
  /**
   * Makes a non-repeatable route (POST, PATCH) retryable for this call, as an idempotency key
   * does for HTTP. Routes with `idempotent: true` are retryable anyway.
   */
  readonly idempotencyKey?: string;
  /**
   * Answers the call when it fails and the policy's `fallback.enabled` is true: after the
   * last attempt, an open breaker, a full bulkhead or a time limit, but never for what the
   * classifier passes through (an `HttpError` 4xx other than 408 and 429) nor for the
   * caller's abort. Its answer is reported with source `default` and a `fallback` event. A
   * fallback that throws has nothing to serve: the call rejects with its own error. Build it
   * once, like the options object, rather than per call. Default: none.
   */
  readonly fallback?: (error: unknown) => T | Promise<T>;
}

const NO_OPTIONS: ExecuteOptions<never> = Object.freeze({});

/** What the first attempt of a fast-path call is given: nothing can abort it. */
const FIRST_ATTEMPT: AttemptContext = Object.freeze({ signal: undefined, attempt: 1 });

/**
 * Runs a plain async function through a route's policies, outermost first: fallback →
 * bulkhead → total timeout → retry → circuit breaker → attempt timeout → `fn`. (The HTTP
 * client adds the cache and its own fallback sources; see `http-client.ts`.)
 *
 * A call that can start at once — a free bulkhead slot, a breaker letting it through, no time
 * limit and no caller signal — takes a fast path: its first attempt is chained to directly,
 * without an async frame, and the retry state is built only if that attempt fails. The
 * decisions are the same.
 */
export function executeRoute<T>(
  route: RouteRuntime,
  fn: AttemptFn<T>,
  options: ExecuteOptions<T> = NO_OPTIONS,
): Promise<T> {
  const { settings, bulkhead } = route;
  if (
    options.signal === undefined &&
    settings.totalTimeoutMs === undefined &&
    settings.attemptTimeoutMs === undefined &&
    (bulkhead === undefined || bulkhead.tryEnter())
  ) {
    const now = route.clock.now();
    const ticket = route.breaker.tryAcquire(now);
    if (ticket !== REJECTED) {
      return runFast(route, fn, options, ticket, now);
    }
    // The general path rejects it, with the event and the error a rejection has.
    bulkhead?.release();
  }

  return runGeneral(route, fn, options);
}

/**
 * The fast path of {@link executeRoute}: the bulkhead slot (if any) and the breaker ticket are
 * held; chains to the first attempt, and hands a failure to the retry loop.
 */
function runFast<T>(
  route: RouteRuntime,
  fn: AttemptFn<T>,
  options: ExecuteOptions<T>,
  ticket: number,
  startedAt: number,
): Promise<T> {
  route.budget?.recordFirstAttempt(startedAt);
  let attempt: Promise<T>;
  try {
    attempt = fn(FIRST_ATTEMPT);
  } catch (thrown) {
    // A function that throws before it returns a promise failed its attempt all the same.
    return continueAfterFirstFailure(route, fn, options, ticket, startedAt, thrown);
  }
  // Plain JavaScript may hand back a value or a foreign thenable instead of a promise.
  const settled = attempt instanceof Promise ? attempt : Promise.resolve(attempt);

  return settled.then(
    (value) => {
      concludeFastSuccess(route, ticket, startedAt);

      return value;
    },
    (thrown: unknown) => continueAfterFirstFailure(route, fn, options, ticket, startedAt, thrown),
  );
}

/** A fast-path call's first attempt succeeded: tells the breaker, frees the slot, reports. */
function concludeFastSuccess(route: RouteRuntime, ticket: number, startedAt: number): void {
  const { events, breaker } = route;
  if (!events.active) {
    // Nobody times the call: read the clock again only when the breaker needs it.
    const endedAt = breaker.needsSuccessTime() ? route.clock.now() : startedAt;
    breaker.record(ticket, 'success', endedAt - startedAt, endedAt);
    route.bulkhead?.release();

    return;
  }
  const endedAt = route.clock.now();
  const durationMs = endedAt - startedAt;
  breaker.record(ticket, 'success', durationMs, endedAt);
  route.bulkhead?.release();
  if (!route.firstTrySink.record(durationMs, endedAt)) {
    const { identity } = route.settings;
    events.emit({
      type: 'attempt',
      route: identity.route,
      profile: identity.profile,
      at: endedAt,
      attempt: 1,
      outcome: 'success',
      durationMs,
    });
    reportCall(route, { attempts: 1, startedAt }, 'network', 'success', endedAt);
  }
}

/** The fast path's first attempt failed: the retry loop takes over the call and its slot. */
async function continueAfterFirstFailure<T>(
  route: RouteRuntime,
  fn: AttemptFn<T>,
  options: ExecuteOptions<T>,
  ticket: number,
  startedAt: number,
  thrown: unknown,
): Promise<T> {
  const run = new CallRun(route, undefined, canRepeat(route, options), startedAt);
  run.adoptFirstAttempt(ticket);
  let value: T;
  try {
    value = await retryAfterFirstFailure(run, fn, thrown);
  } catch (error) {
    route.bulkhead?.release();
    run.dispose();

    return fallBack(route, run, options, error);
  }
  route.bulkhead?.release();
  run.dispose();
  reportCall(route, run, 'network', 'success', run.attemptEndedAt);

  return value;
}

/** The general path of {@link executeRoute}: queueing, time limits, a caller's signal. */
async function runGeneral<T>(
  route: RouteRuntime,
  fn: AttemptFn<T>,
  options: ExecuteOptions<T>,
): Promise<T> {
  const run = new CallRun(route, options.signal, canRepeat(route, options));
  let value: T;
  try {
    value = await runInBulkhead(run, fn);
  } catch (error) {
    // The time limits end with the attempts: the fallback is not part of the call's time.
    run.dispose();

    return fallBack(route, run, options, error);
  }
  run.dispose();
  // The call ended when its last attempt did: that reading serves.
  reportCall(route, run, 'network', 'success', run.attemptEndedAt);

  return value;
}

/**
 * Runs the call's attempts inside the route's bulkhead. A free slot is taken at once, saving
 * {@link runGuarded}'s closures and frames; a call that has to queue goes through the
 * bulkhead.
 */
async function runInBulkhead<T>(run: CallRun, fn: AttemptFn<T>): Promise<T> {
  const { bulkhead } = run.route;
  const entered = bulkhead?.tryEnter();
  if (entered === false) {
    return runGuarded(run, () => runAttempts(run, fn));
  }
  try {
    run.start(run.startedAt);

    return await runAttempts(run, fn);
  } finally {
    if (entered === true) {
      bulkhead?.release();
    }
  }
}

/**
 * Ends a failed call: serves the caller's fallback when the error is a failure and the
 * policy's fallback is enabled, and reports the call either way.
 *
 * @throws `error` when nothing serves the call.
 */
async function fallBack<T>(
  route: RouteRuntime,
  run: CallProgress,
  options: ExecuteOptions<T>,
  error: unknown,
): Promise<T> {
  const verdict = classifyFailure(error);
  const { fallback } = options;
  if (verdict !== 'failure' || fallback === undefined || !route.settings.fallbackEnabled) {
    reportCall(route, run, 'network', verdict);
    throw error;
  }
  let value: T;
  try {
    value = await fallback(error);
  } catch {
    // A fallback that fails has nothing to serve; the caller sees what went wrong first.
    reportCall(route, run, 'network', verdict);
    throw error;
  }
  const { events, clock, settings } = route;
  if (events.active) {
    events.emit({ type: 'fallback', source: 'default', ...settings.identity, at: clock.now() });
  }
  reportCall(route, run, 'default', verdict);

  return value;
}

/** True when the call may be sent again: a repeatable or idempotent route, or a key. */
function canRepeat(route: RouteRuntime, options: ExecuteOptions<unknown>): boolean {
  const { settings } = route;

  return settings.repeatable || settings.idempotent || options.idempotencyKey !== undefined;
}

/**
 * Runs `body` inside the route's bulkhead (when it has one), with the call's total time limit
 * started once the slot is held: the outer layers every call shares.
 */
export function runGuarded<T>(run: CallRun, body: () => Promise<T>): Promise<T> {
  const { bulkhead, settings } = run.route;
  if (!bulkhead) {
    run.start();

    return body();
  }
  const inSlot = (): Promise<T> => {
    run.start();

    return body();
  };

  return bulkhead.execute(inSlot, run.callerSignal, settings.identity);
}

/** How far a call got, for its `call` event. */
export interface CallProgress {
  /** Attempts made on the network. */
  readonly attempts: number;
  /** When the call started, in clock ms. */
  readonly startedAt: number;
}

/**
 * Emits the `call` event of a finished call, when anyone listens. A call the caller
 * cancelled reports `passthrough`, as it is not the dependency's failure.
 *
 * @param now - when the call ended, in clock ms, when the caller has that reading; default:
 *   read the clock.
 */
export function reportCall(
  route: RouteRuntime,
  progress: CallProgress,
  source: AnswerSource,
  verdict: CallOutcome,
  now?: number,
): void {
  const { events, clock, settings } = route;
  if (!events.active) {
    return;
  }
  now ??= clock.now();
  events.emit({
    type: 'call',
    ...settings.identity,
    at: now,
    outcome: verdict === 'cancelled' ? 'passthrough' : verdict,
    attempts: progress.attempts,
    durationMs: now - progress.startedAt,
    source,
  });
}
