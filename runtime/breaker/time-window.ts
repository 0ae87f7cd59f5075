import { SlidingWindow } from '../sliding-window.js';
import { isOverRateLimits } from './strategy.js';
import type { BreakerStrategy, RateLimits } from './strategy.js';

const CALLS = 0;
const FAILURES = 1;
const SLOW = 2;

/**
 * Opens when the failure rate (or the slow-call rate) over the last `windowMs` milliseconds
 * reaches its threshold, once the window holds at least `minimumCalls` calls. The window moves
 * in tenths of its length (see {@link SlidingWindow}).
 */
export class TimeWindowStrategy implements BreakerStrategy {
  readonly timed = true;
  readonly #limits: RateLimits;
  readonly #window: SlidingWindow;

  /** @param windowMs - the span the rates cover, in milliseconds. */
  constructor(windowMs: number, limits: RateLimits) {
    this.#limits = limits;
    this.#window = new SlidingWindow(windowMs, 3);
  }

  record(failed: boolean, durationMs: number, now: number): boolean {
    this.#window.add(now, CALLS);
    if (failed) {
      this.#window.add(now, FAILURES);
    }
    if (durationMs >= this.#limits.slowCallDurationMs) {
      this.#window.add(now, SLOW);
    }

    return isOverRateLimits(
      this.#limits,
      this.#window.sum(now, CALLS),
      this.#window.sum(now, FAILURES),
      this.#window.sum(now, SLOW),
    );
  }

  failures(now: number): number {
    return this.#window.sum(now, FAILURES);
  }

  reset(): void {
    this.#window.clear();
  }
}
