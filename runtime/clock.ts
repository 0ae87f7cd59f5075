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
}
