import { CallRun } from './call-run.js';
import type { RouteRuntime } from './call-run.js';
import { REJECTED } from './circuit-breaker.js';
import type { CallOutcome } from './circuit-breaker.js';
import { classifyFailure } from './classify.js';
import type { AnswerSource } from './events.js';
import { retryAfterFirstFailure, runAttempts } from './retry.js';
import type { AttemptContext, AttemptFn } from './retry.js';

/** Per-call options of a plain function run through a route's policies. */
export interface ExecuteOptions {
  /** Aborts the call: the attempt in progress, a backoff wait, a queue wait. */
  readonly signal?: AbortSignal;
  /**
   * Makes a non-repeatable route (POST, PATCH) retryable for this call, as an idempotency key
   * does for HTTP. Routes with `idempotent: true` are retryable anyway.
   */
  readonly idempotencyKey?: string;
}

const NO_OPTIONS: ExecuteOptions = Object.freeze({});

/** What the first attempt of a fast-path call is given: nothing can abort it. */
const FIRST_ATTEMPT: AttemptContext = Object.freeze({ signal: undefined, attempt: 1 });

/**
 * Runs a plain async function through a route's policies, outermost first: bulkhead → total
 * timeout → retry → circuit breaker → attempt timeout → `fn`. (Fallback and cache serve HTTP
 * reads only; see `http-client.ts`.)
 *
 * A call that can start at once — a free bulkhead slot, a breaker letting it through, no time
 * limit and no caller signal — takes a fast path: one async frame that awaits `fn` once and
 * builds the retry state only if that first attempt fails. The decisions are the same.
 */
export function executeRoute<T>(
  route: RouteRuntime,
  fn: AttemptFn<T>,
  options: ExecuteOptions = NO_OPTIONS,
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
 * held; runs the first attempt, and hands a failure to the retry loop.
 */
async function runFast<T>(
  route: RouteRuntime,
  fn: AttemptFn<T>,
  options: ExecuteOptions,
  ticket: number,
  startedAt: number,
): Promise<T> {
  route.budget?.recordFirstAttempt(startedAt);
  let value: T;
  try {
    value = await fn(FIRST_ATTEMPT);
  } catch (thrown) {
    return continueAfterFirstFailure(route, fn, options, ticket, startedAt, thrown);
  }
  const { events, breaker } = route;
  if (!events.active) {
    // Nobody times the call: read the clock again only when the breaker needs it.
    const endedAt = breaker.needsSuccessTime() ? route.clock.now() : startedAt;
    breaker.record(ticket, 'success', endedAt - startedAt, endedAt);
    route.bulkhead?.release();

    return value;
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

  return value;
}

/** The fast path's first attempt failed: the retry loop takes over the call and its slot. */
async function continueAfterFirstFailure<T>(
  route: RouteRuntime,
  fn: AttemptFn<T>,
  options: ExecuteOptions,
  ticket: number,
  startedAt: number,
  thrown: unknown,
): Promise<T> {
  const run = new CallRun(route, undefined, canRepeat(route, options), startedAt);
  run.adoptFirstAttempt(ticket);
  try {
    const value = await retryAfterFirstFailure(run, fn, thrown);
    route.bulkhead?.release();
    reportCall(route, run, 'network', 'success', run.attemptEndedAt);

    return value;
  } catch (error) {
    route.bulkhead?.release();
    reportCall(route, run, 'network', classifyFailure(error));
    throw error;
  } finally {
    run.dispose();
  }
}

/** The general path of {@link executeRoute}: queueing, time limits, a caller's signal. */
async function runGeneral<T>(
  route: RouteRuntime,
  fn: AttemptFn<T>,
  options: ExecuteOptions,
): Promise<T> {
  const run = new CallRun(route, options.signal, canRepeat(route, options));
  // A free bulkhead slot is taken here, saving runGuarded's closures and frames; a call that
  // has to queue goes through the bulkhead.
  const { bulkhead } = route;
  const entered = bulkhead?.tryEnter();
  try {
    let value: T;
    if (entered === false) {
      value = await runGuarded(run, () => runAttempts(run, fn));
    } else {
      try {
        run.start(run.startedAt);
        value = await runAttempts(run, fn);
      } finally {
        if (entered === true) {
          bulkhead?.release();
        }
      }
    }
    // The call ended when its last attempt did: that reading serves.
    reportCall(route, run, 'network', 'success', run.attemptEndedAt);

    return value;
  } catch (error) {
    reportCall(route, run, 'network', classifyFailure(error));
    throw error;
  } finally {
    run.dispose();
  }
}

/** True when the call may be sent again: a repeatable or idempotent route, or a key. */
function canRepeat(route: RouteRuntime, options: ExecuteOptions): boolean {
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
