/**
 * How a closed circuit breaker decides to open. The state machine (`circuit-breaker.ts`) owns
 * open, half-open and isolated; a strategy only counts what happens while it is closed.
 */
export interface BreakerStrategy {
  /**
   * True when {@link BreakerStrategy.record} reads its `durationMs` or `now` for a success;
   * when false, a closed breaker may record a success without a fresh clock reading.
   */
  readonly timed: boolean;
  /**
   * Counts one finished call.
   *
   * @param failed - the call was a failure (see `classifyFailure`).
   * @param durationMs - how long it took, for slow-call rates.
   * @param now - the clock's time, in milliseconds.
   * @returns true when the breaker should open now.
   */
  record(failed: boolean, durationMs: number, now: number): boolean;
  /** The failures that count toward opening at `now` (consecutive ones, or the window's). */
  failures(now: number): number;
  /** Forgets every count, when the breaker closes or is reset. */
  reset(): void;
}

/** The rate limits of a window strategy, already merged with the defaults. */
export interface RateLimits {
  /** Fewer calls than this in the window never open the breaker. */
  readonly minimumCalls: number;
  /** Opens when failures / calls reaches this ratio, in `(0, 1]`. */
  readonly failureRateThreshold: number;
  /** A call at least this long counts as slow, in milliseconds; `Infinity` turns it off. */
  readonly slowCallDurationMs: number;
  /** Opens when slow calls / calls reaches this ratio, in `(0, 1]`. */
  readonly slowCallRateThreshold: number;
}

/** Tells whether a window's counts reach either rate limit. */
export function isOverRateLimits(
  limits: RateLimits,
  calls: number,
  failures: number,
  slowCalls: number,
): boolean {
  if (calls < limits.minimumCalls || calls === 0) {
    return false;
  }

  return (
    failures / calls >= limits.failureRateThreshold ||
    slowCalls / calls >= limits.slowCallRateThreshold
  );
}
