import type { Clock, TimerOptions } from './clock.js';
import type { EventHub } from './emitter.js';
import type { CallIdentity } from './errors.js';
import { TimeoutError } from './policy-errors.js';

const ignore = (): void => {};

// The timer's sleep is cancelled with this constant rather than with no reason, because
// `abort()` without one builds a DOMException (stack trace included) on every call, and
// nobody reads it: the sleep's rejection is ignored.
const TIMER_STOPPED = Object.freeze({ reason: 'time limit disposed' });

/**
 * One time limit over part of a call (an attempt, or the whole call): it aborts when its
 * parent aborts (with the parent's reason) or when `timeoutMs` runs out (with a
 * {@link TimeoutError}). Its `signal` really cancels the work: axios aborts the request, a
 * backoff sleep stops. {@link TimeScope.dispose} must be called when the part ends; it leaves
 * no timer and no listener behind.
 *
 * Only routes with a timeout get a scope, so a call without one starts no timer. The
 * `AbortController` behind `signal` is created on its first read (an `AbortSignal` costs
 * microseconds on Node 20): a scope nested in another one (an attempt in the whole call)
 * hears of its parent's abort directly, so the whole call's scope needs no signal unless
 * something reads it.
 */
export class TimeScope {
  /** When the limit runs out, in clock ms. */
  readonly expiresAt: number;
  readonly #parent: AbortSignal | TimeScope | undefined;
  #controller: AbortController | undefined;
  /** Told when the scope aborts: nested scopes, and races on the scope's work. */
  #listeners: Set<() => void> | undefined;
  #cancelTimer: () => void = ignore;
  #aborted = false;
  #reason: unknown = undefined;
  #timedOut = false;

  /**
   * @param scope - which limit this is; it goes into the error and the `timeout` event.
   * @param timeoutMs - the limit, in milliseconds.
   * @param parent - the enclosing part: the caller's signal, or the whole call's scope.
   */
  constructor(
    scope: 'attempt' | 'total',
    timeoutMs: number,
    parent: AbortSignal | TimeScope | undefined,
    deps: TimeLimitDeps,
  ) {
    this.expiresAt = deps.clock.now() + timeoutMs;
    this.#parent = parent;
    if (parent?.aborted) {
      this.#abort(parent.reason);

      return;
    }
    if (parent instanceof TimeScope) {
      parent.onAbort(this.#onParentAbort);
    } else {
      parent?.addEventListener('abort', this.#onParentAbort, { once: true });
    }
    this.#cancelTimer = startTimeLimit(scope, timeoutMs, deps, (error) => {
      this.#timedOut = true;
      this.#unhook();
      this.#abort(error);
    });
  }

  /** Aborts when the scope does; created on first read. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) {
        this.#controller.abort(this.#reason);
      }
    }

    return this.#controller.signal;
  }

  /** True once the scope aborted, whatever the cause. Reads no signal. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** Why the scope aborted (its {@link TimeoutError}, or the parent's reason). */
  get reason(): unknown {
    return this.#reason;
  }

  /** True once the limit ran out (not when the parent aborted). */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /**
   * Calls `listener` once when the scope aborts, without an `AbortSignal`; the function
   * returned unsubscribes it (harmless after it fired).
   */
  onAbort(listener: () => void): () => void {
    (this.#listeners ??= new Set()).add(listener);

    return () => this.#listeners?.delete(listener);
  }

  /** Stops the timer and unhooks from the parent. Safe to call more than once. */
  dispose(): void {
    this.#cancelTimer();
    this.#unhook();
  }

  #unhook(): void {
    const parent = this.#parent;
    if (parent instanceof TimeScope) {
      parent.#listeners?.delete(this.#onParentAbort);
    } else {
      parent?.removeEventListener('abort', this.#onParentAbort);
    }
  }

  #abort(reason: unknown): void {
    if (this.#aborted) {
      return;
    }
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    for (const listener of listeners ?? []) {
      listener();
    }
  }

  readonly #onParentAbort = (): void => {
    this.#cancelTimer();
    this.#unhook();
    this.#abort(this.#parent?.reason);
  };
}

/** What a time limit reads the time from, reports to, and names in its error. */
export interface TimeLimitDeps {
  readonly clock: Clock;
  readonly events: EventHub;
  readonly identity: CallIdentity;
}

/**
 * Starts the timer of a time limit without any signal: when `timeoutMs` runs out, it emits
 * the `timeout` event (when anyone listens) and calls `expire` with the {@link TimeoutError}.
 *
 * @returns cancels the timer; safe to call more than once, and after it fired.
 */
export function startTimeLimit(
  scope: 'attempt' | 'total',
  timeoutMs: number,
  deps: TimeLimitDeps,
  expire: (error: TimeoutError) => void,
): () => void {
  return startClockTimer(deps.clock, timeoutMs, () =>
    expire(reportTimeLimit(scope, timeoutMs, deps)),
  );
}

/**
 * What a time limit does when it runs out, for a caller that keeps its own timer: emits the
 * `timeout` event (when anyone listens) and returns the {@link TimeoutError} to fail with.
 */
export function reportTimeLimit(
  scope: 'attempt' | 'total',
  timeoutMs: number,
  deps: TimeLimitDeps,
): TimeoutError {
  const { route, profile } = deps.identity;
  if (deps.events.active && route !== undefined && profile !== undefined) {
    deps.events.emit({ type: 'timeout', scope, route, profile, at: deps.clock.now() });
  }

  return new TimeoutError(scope, timeoutMs, deps.identity);
}

/**
 * Starts a cancellable timer on `clock`: its own `setTimer` when it has one, else a sleep
 * with an `AbortController` to cancel it (an `AbortSignal` costs microseconds to create, so a
 * clock with `setTimer` saves one per timer).
 *
 * @returns cancels the timer; safe to call more than once, and after it fired.
 */
export function startClockTimer(
  clock: Clock,
  ms: number,
  fire: () => void,
  options?: TimerOptions,
): () => void {
  if (clock.setTimer) {
    return clock.setTimer(ms, fire, options);
  }
  const stop = new AbortController();
  clock.sleep(ms, stop.signal).then(fire, ignore);

  return () => stop.abort(TIMER_STOPPED);
}

/**
 * Races `promise` against `scope`, as {@link raceAbort} does against a signal, but through the
 * scope's own notice: no `AbortSignal` is made for it.
 */
export function raceScope<T>(promise: Promise<T>, scope: TimeScope): Promise<T> {
  if (scope.aborted) {
    promise.catch(ignore);

    return Promise.reject(scope.reason);
  }

  return new Promise<T>((resolve, reject) => {
    const stop = scope.onAbort(() => {
      promise.catch(ignore);
      reject(scope.reason);
    });
    promise.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}

/**
 * Races `promise` against `signal`: settles like `promise`, or rejects with the signal's
 * reason as soon as it aborts, for work that does not watch the signal itself. The listener
 * is removed either way.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    promise.catch(ignore);

    return Promise.reject(signal.reason);
  }

  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      promise.catch(ignore);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
