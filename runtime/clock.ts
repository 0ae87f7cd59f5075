/**
 * Time as the runtime sees it. Every policy takes a clock, so tests drive time with a fake
 * one and never sleep through a real backoff.
 */
export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds. When `signal` aborts first, rejects with the signal's
   * reason at once and leaves no timer behind.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls `fire` once after `ms` milliseconds, unless the returned function is called first,
   * which cancels it and leaves no timer behind. Optional: without it, time limits fall back
   * to {@link Clock.sleep} with an `AbortController` of their own, which costs more per call.
   */
  setTimer?(ms: number, fire: () => void, options?: TimerOptions): () => void;
  /**
   * Milliseconds from an arbitrary start that never go back, even when the system time is
   * set (like `performance.now()`); only the difference of two readings means anything.
   * Optional: without it, deadlines are measured with {@link Clock.now}.
   */
  monotonicNow?(): number;
}

/** Options of {@link Clock.setTimer}. */
export interface TimerOptions {
  /**
   * True: the timer alone does not keep the process running (Node's `unref`), for a timer that
   * stays set while there is nothing to time. Default: false.
   */
  readonly unref?: boolean;
}

/** The real clock: `Date.now()`, `setTimeout` and `performance.now()`. The runtime's default. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  sleep: sleepForReal,
  setTimer: setTimerForReal,
  monotonicNow: () => performance.now(),
});

// Node fires a timer longer than 2^31 − 1 ms after 1 ms instead; longer sleeps are cut to it
// (24.8 days), and an infinite one waits for its signal only.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

function sleepForReal(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) {
    return Promise.reject(signal.reason);
  }

  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer =
      ms === Infinity
        ? undefined
        : setTimeout(
            () => {
              signal?.removeEventListener('abort', onAbort);
              resolve();
            },
            Math.min(ms, LONGEST_TIMER_MS),
          );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function setTimerForReal(ms: number, fire: () => void, options?: TimerOptions): () => void {
  if (ms === Infinity) {
    return ignoreCancel;
  }
  const timer = setTimeout(fire, Math.min(ms, LONGEST_TIMER_MS));
  if (options?.unref === true) {
    timer.unref();
  }

  return () => clearTimeout(timer);
}

function ignoreCancel(): void {}
