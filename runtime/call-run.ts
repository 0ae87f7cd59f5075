import { computeBackoffDelay } from './backoff/delay.js';
import type { Bulkhead } from './bulkhead.js';
import { REJECTED } from './circuit-breaker.js';
import type { CallOutcome, CircuitBreaker } from './circuit-breaker.js';
import { classifyFailure } from './classify.js';
import type { Clock } from './clock.js';
import type { EventHub, FirstTrySuccessSink } from './emitter.js';
import type { RetryRefusal } from './events.js';
import { isHttpError, isResponseTooLargeError } from './http-errors.js';
import {
  AbortError,
  isAbortError,
  isTimeoutError,
  RetriesExhaustedError,
} from './policy-errors.js';
import type { ResolvedRoute } from './resolve-policy.js';
import { parseRetryAfter } from './retry-after.js';
import type { RetryBudget } from './retry-budget.js';
import { TimeScope } from './timeout.js';

/** A route's checked settings and the live policies it shares with its profile. */
export interface RouteRuntime {
  readonly settings: ResolvedRoute;
  readonly breaker: CircuitBreaker;
  readonly bulkhead: Bulkhead | undefined;
  readonly budget: RetryBudget | undefined;
  readonly clock: Clock;
  readonly events: EventHub;
  /** Records the route's first-try successes without event objects, when listeners allow. */
  readonly firstTrySink: FirstTrySuccessSink;
  /** A number in `[0, 1)`, for jitter. */
  readonly random: () => number;
}

/** What {@link CallRun.concludeAttempt} returns when the call must not be retried. */
export const STOP = -1;

const NO_ATTEMPT = -2;

/**
 * The state of one call as it goes through its attempts: the breaker ticket and time limit
 * of the attempt in progress, the whole call's time limit, the waits so far and the last
 * error. Both retry drivers use it, so they take the same decisions: the retry loop for plain
 * functions (`retry.ts`) and axios-retry's hooks for HTTP (`http-send.ts`).
 */
export class CallRun {
  readonly route: RouteRuntime;
  /** The caller's signal. */
  readonly callerSignal: AbortSignal | undefined;
  readonly startedAt: number;
  /** Attempts started so far. */
  attempts = 0;
  /** The last attempt's error, explained (see {@link CallRun.explain}). */
  lastError: unknown = undefined;
  readonly #canRepeat: boolean;
  #total: TimeScope | undefined;
  #attemptScope: TimeScope | undefined;
  #ticket = NO_ATTEMPT;
  #attemptStartedAt = 0;
  #attemptEndedAt = 0;
  /** A clock reading the first attempt may reuse, as nothing waited since it was taken. */
  #reusableNow: number | undefined;
  #previousDelayMs = 0;
  #nextDelayMs = 0;
  #exhausted = false;

  /**
   * @param canRepeat - the request may be sent again: its method is repeatable or it carries
   *   an idempotency key.
   * @param startedAt - when the call started, in clock ms; default: read the clock now.
   */
  constructor(
    route: RouteRuntime,
    callerSignal: AbortSignal | undefined,
    canRepeat: boolean,
    startedAt = route.clock.now(),
  ) {
    this.route = route;
    this.callerSignal = callerSignal;
    this.startedAt = startedAt;
    this.#canRepeat = canRepeat;
  }

  /**
   * Takes over a first attempt the pipeline's fast path began by itself (slot held, breaker
   * ticket taken, budget told, no time limit): the run then concludes it like its own.
   */
  adoptFirstAttempt(ticket: number): void {
    this.#ticket = ticket;
    this.attempts = 1;
    this.#attemptStartedAt = this.startedAt;
  }

  /** The whole call's signal: the total time limit's, else the caller's. */
  get signal(): AbortSignal | undefined {
    return this.#total?.signal ?? this.callerSignal;
  }

  /** True while an attempt has started and not ended. */
  get attemptOpen(): boolean {
    return this.#ticket !== NO_ATTEMPT;
  }

  /** When the last attempt ended, in clock ms (0 before any did). */
  get attemptEndedAt(): number {
    return this.#attemptEndedAt;
  }

  /**
   * Starts the total time limit; called once the call holds its bulkhead slot.
   *
   * @param now - a clock reading taken with no wait since, which the first attempt then
   *   reuses instead of reading the clock again; omit it after a queue wait.
   */
  start(now?: number): void {
    this.#reusableNow = now;
    const ms = this.route.settings.totalTimeoutMs;
    if (ms !== undefined) {
      this.#total = new TimeScope('total', ms, this.callerSignal, this.#scopeDeps());
    }
  }

  /**
   * The innermost time limit of the attempt in progress (its own, else the whole call's), or
   * `undefined` when the route has none.
   */
  get attemptScope(): TimeScope | undefined {
    return this.#attemptScope ?? this.#total;
  }

  /**
   * The signal the attempt in progress must obey (`undefined` when nothing can abort it). An
   * `AbortSignal` costs microseconds to make, so a time limit makes one only when this is read.
   */
  get attemptSignal(): AbortSignal | undefined {
    return this.#attemptScope?.signal ?? this.signal;
  }

  /**
   * Starts an attempt: asks the breaker, starts the attempt's time limit. The attempt then obeys
   * {@link CallRun.attemptSignal}.
   *
   * @throws {@link BrokenCircuitError} when the breaker rejects the attempt: no I/O may follow.
   * @throws {@link AbortError} or {@link TimeoutError} when the call was already aborted.
   */
  beginAttempt(): void {
    const parent = this.#total ?? this.callerSignal;
    if (parent?.aborted) {
      throw this.explain(parent.reason);
    }
    const { breaker, settings, events, clock } = this.route;
    const now = this.#reusableNow ?? clock.now();
    this.#reusableNow = undefined;
    const ticket = breaker.tryAcquire(now);
    if (ticket === REJECTED) {
      if (events.active) {
        events.emit({ type: 'reject', kind: 'circuit-open', ...settings.identity, at: now });
      }
      throw breaker.createRejection(
        this.lastError === undefined
          ? settings.identity
          : { ...settings.identity, cause: this.lastError },
      );
    }
    this.#ticket = ticket;
    this.attempts++;
    if (this.attempts === 1) {
      this.route.budget?.recordFirstAttempt(now);
    }
    this.#attemptStartedAt = now;
    const ms = settings.attemptTimeoutMs;
    this.#attemptScope =
      ms === undefined ? undefined : new TimeScope('attempt', ms, parent, this.#scopeDeps());
  }

  /** Ends the attempt in progress (a no-op when none is): tells the breaker, emits `attempt`. */
  endAttempt(outcome: CallOutcome, status?: number): void {
    if (this.#ticket === NO_ATTEMPT) {
      return;
    }
    const { breaker, events, clock, settings } = this.route;
    const now = clock.now();
    this.#attemptEndedAt = now;
    const durationMs = now - this.#attemptStartedAt;
    breaker.record(this.#ticket, outcome, durationMs, now);
    this.#ticket = NO_ATTEMPT;
    this.#attemptScope?.dispose();
    this.#attemptScope = undefined;
    if (events.active) {
      events.emit({
        type: 'attempt',
        ...settings.identity,
        at: now,
        attempt: this.attempts,
        outcome: outcome === 'cancelled' ? 'passthrough' : outcome,
        ...(status === undefined ? {} : { status }),
        durationMs,
      });
    }
  }

  /**
   * Turns what an attempt threw into the error that explains it: the caller's abort is an
   * {@link AbortError}, a time limit that ran out is its {@link TimeoutError}, whatever the
   * aborted work threw; anything else is returned as it is.
   */
  explain(thrown: unknown): unknown {
    const caller = this.callerSignal;
    if (caller?.aborted) {
      return isAbortError(thrown)
        ? thrown
        : new AbortError(caller.reason, this.route.settings.identity);
    }
    if (this.#total?.timedOut) {
      return this.#total.reason;
    }

    return this.#attemptScope?.timedOut ? this.#attemptScope.reason : thrown;
  }

  /**
   * Ends the attempt in progress with `error` (already explained) and decides whether to
   * retry. Returns the wait before the next attempt in milliseconds, or {@link STOP}.
   *
   * @param mayRetry - false when the driver cannot retry any more; the reason to stop is still
   *   worked out and reported.
   */
  concludeAttempt(error: unknown, mayRetry = true): number {
    this.lastError = error;
    const verdict = classifyFailure(error);
    this.endAttempt(verdict, isHttpError(error) ? error.status : undefined);
    if (verdict !== 'failure' || isFinal(error)) {
      return STOP;
    }
    const { maxAttempts } = this.route.settings.retry;
    if (this.attempts >= maxAttempts) {
      this.#exhausted = true;
      // maxAttempts 1 is a setting, not a refusal worth an event.
      if (maxAttempts > 1) {
        this.#reportRefusal('attempts-exhausted');
      }

      return STOP;
    }
    const refusal = mayRetry ? this.#findRefusal(error) : undefined;
    if (refusal !== undefined) {
      this.#reportRefusal(refusal);

      return STOP;
    }
    if (!mayRetry) {
      return STOP;
    }
    if (this.route.budget?.tryWithdraw() === false) {
      this.#reportRefusal('budget');

      return STOP;
    }

    return this.#scheduleRetry();
  }

  /** Waits the delay {@link CallRun.concludeAttempt} chose; an abort ends the wait at once. */
  async waitBeforeRetry(): Promise<void> {
    try {
      await this.route.clock.sleep(this.#nextDelayMs, this.signal);
    } catch (reason) {
      throw this.explain(reason);
    }
  }

  /** The error the call ends with: the last one, wrapped when every attempt was used. */
  finish(): unknown {
    return this.#exhausted && this.attempts > 1
      ? new RetriesExhaustedError(this.attempts, this.lastError, this.route.settings.identity)
      : this.lastError;
  }

  /** Releases what the call holds: an attempt still open counts as cancelled. */
  dispose(): void {
    this.endAttempt('cancelled');
    this.#total?.dispose();
  }

  #findRefusal(error: unknown): RetryRefusal | undefined {
    const { settings, breaker, clock } = this.route;
    if (!this.#canRepeat) {
      return 'not-idempotent';
    }
    if (breaker.isRejecting()) {
      return 'circuit-open';
    }
    const header = isHttpError(error) ? error.headers['retry-after'] : undefined;
    const retryAfterMs = parseRetryAfter(header, clock.now());
    this.#nextDelayMs = computeBackoffDelay(
      settings.retry,
      this.attempts,
      this.#previousDelayMs,
      this.route.random,
    );
    if (retryAfterMs !== undefined) {
      const deadline = this.#total?.expiresAt ?? Infinity;
      if (retryAfterMs > settings.retry.maxDelayMs || clock.now() + retryAfterMs > deadline) {
        return 'retry-after-beyond-budget';
      }
      this.#nextDelayMs = Math.max(this.#nextDelayMs, retryAfterMs);
    }

    return undefined;
  }

  #scheduleRetry(): number {
    const { events, settings, clock } = this.route;
    this.#previousDelayMs = this.#nextDelayMs;
    if (events.active) {
      events.emit({
        type: 'retry',
        ...settings.identity,
        at: clock.now(),
        attempt: this.attempts + 1,
        delayMs: this.#nextDelayMs,
      });
    }

    return this.#nextDelayMs;
  }

  #reportRefusal(reason: RetryRefusal): void {
    const { events, settings, clock } = this.route;
    if (events.active) {
      events.emit({ type: 'retry-refused', reason, ...settings.identity, at: clock.now() });
    }
  }

  #scopeDeps(): ConstructorParameters<typeof TimeScope>[3] {
    const { clock, events, settings } = this.route;

    return { clock, events, identity: settings.identity };
  }
}

/**
 * A failure no retry can mend: the whole call's time ran out, or the answer was too large (the
 * same upstream tends to send the same body again, and each attempt would read it once more).
 */
function isFinal(error: unknown): boolean {
  return (isTimeoutError(error) && error.scope === 'total') || isResponseTooLargeError(error);
}
