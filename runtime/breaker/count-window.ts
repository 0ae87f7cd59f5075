import { isOverRateLimits } from './strategy.js';
import type { BreakerStrategy, RateLimits } from './strategy.js';

const FAILED = 1;
const SLOW = 2;

/**
 * Opens when the failure rate (or the slow-call rate) over the last `windowSize` calls reaches
 * its threshold, once the window holds at least `minimumCalls` calls. Every call is checked,
 * a success included: a success can complete the window that opens the breaker.
 */
export class CountWindowStrategy implements BreakerStrategy {
  readonly timed: boolean;
  readonly #limits: RateLimits;
  readonly #outcomes: Uint8Array;
  #next = 0;
  #calls = 0;
  #failures = 0;
  #slow = 0;

  /** @param windowSize - how many of the latest calls the rates cover (≥ 1). */
  constructor(windowSize: number, limits: RateLimits) {
    this.#limits = limits;
    this.#outcomes = new Uint8Array(windowSize);
    this.timed = limits.slowCallDurationMs !== Infinity;
  }

  record(failed: boolean, durationMs: number): boolean {
    if (this.#calls === this.#outcomes.length) {
      this.#forget(this.#outcomes[this.#next] as number);
    } else {
      this.#calls++;
    }
    const outcome =
      (failed ? FAILED : 0) | (durationMs >= this.#limits.slowCallDurationMs ? SLOW : 0);
    this.#outcomes[this.#next] = outcome;
    this.#next = (this.#next + 1) % this.#outcomes.length;
    this.#failures += outcome & FAILED;
    this.#slow += (outcome & SLOW) >> 1;

    return isOverRateLimits(this.#limits, this.#calls, this.#failures, this.#slow);
  }

  failures(): number {
    return this.#failures;
  }

  reset(): void {
    this.#outcomes.fill(0);
    this.#next = 0;
    this.#calls = 0;
    this.#failures = 0;
    this.#slow = 0;
  }

  #forget(outcome: number): void {
    this.#failures -= outcome & FAILED;
    this.#slow -= (outcome & SLOW) >> 1;
  }
}
