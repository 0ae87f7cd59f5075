import { STOP } from './call-run.js';
import type { CallRun } from './call-run.js';
import { raceAbort, raceScope } from './timeout.js';
import type { TimeScope } from './timeout.js';

/** What one attempt of a plain function is given. */
export interface AttemptContext {
  /**
   * Aborts when the attempt's or the call's time runs out or the caller aborts; `undefined`
   * when the route has no timeout and the caller passed no signal (nothing can abort it).
   */
  readonly signal: AbortSignal | undefined;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/** A plain async function the policies wrap; it should stop when `signal` aborts. */
export type AttemptFn<T> = (context: AttemptContext) => Promise<T>;

/**
 * What an attempt is given when it has a time limit or a caller's signal: the signal is made
 * when the function reads it, so a function that never does costs no `AbortSignal`.
 */
class LazyAttemptContext implements AttemptContext {
  readonly attempt: number;
  readonly #scope: TimeScope | undefined;
  readonly #callerSignal: AbortSignal | undefined;

  constructor(attempt: number, scope: TimeScope | undefined, callerSignal?: AbortSignal) {
    this.attempt = attempt;
    this.#scope = scope;
    this.#callerSignal = callerSignal;
  }

  get signal(): AbortSignal | undefined {
    return this.#scope?.signal ?? this.#callerSignal;
  }
}

/**
 * The retry policy for plain functions: runs attempts of `fn` until one succeeds or the run
 * says to stop, waiting the run's backoff in between. HTTP calls are retried by axios-retry
 * instead (`http-send.ts`); both ask the same {@link CallRun} what to do, so they share the
 * classifier, the backoff, `Retry-After`, the budget and the breaker checks.
 *
 * An attempt that ignores its signal is abandoned when the signal aborts: the call goes on
 * (or ends) at once and the attempt's late result is dropped.
 *
 * @throws the last attempt's error, a {@link RetriesExhaustedError} wrapping it when every
 *   attempt failed, or what the policies throw (breaker, timeout, abort).
 */
export async function runAttempts<T>(run: CallRun, fn: AttemptFn<T>): Promise<T> {
  for (;;) {
    run.beginAttempt();
    const scope = run.attemptScope;
    try {
      const attempt = fn(new LazyAttemptContext(run.attempts, scope, run.callerSignal));
      const value = await (scope === undefined
        ? raceAbort(attempt, run.callerSignal)
        : raceScope(attempt, scope));
      run.endAttempt('success');

      return value;
    } catch (thrown) {
      if (run.concludeAttempt(run.explain(thrown)) === STOP) {
        throw run.finish();
      }
    }
    await run.waitBeforeRetry();
  }
}

/**
 * Goes on with a call whose first attempt, begun by the pipeline's fast path and adopted by
 * `run` ({@link CallRun.adoptFirstAttempt}), threw `thrown`: concludes that attempt, then
 * retries as {@link runAttempts} does.
 */
export async function retryAfterFirstFailure<T>(
  run: CallRun,
  fn: AttemptFn<T>,
  thrown: unknown,
): Promise<T> {
  if (run.concludeAttempt(run.explain(thrown)) === STOP) {
    throw run.finish();
  }
  await run.waitBeforeRetry();

  return runAttempts(run, fn);
}
