import type { Clock } from './clock.js';
import type { RetryBudgetPolicy } from './route-policy.js';
import { SlidingWindow } from './sliding-window.js';

const FIRST_ATTEMPTS = 0;
const RETRIES = 1;

/**
 * A cap on retries across every call of a profile, so a failing upstream is not hit by a
 * retry storm: over the last `windowMs`, retries may number at most
 * `ratio × first attempts + minRetriesPerSecond × windowMs / 1000`. The floor lets a quiet
 * profile still retry. A refused retry ends its call with the last error.
 *
 * @example
 * With the defaults (0.2, 1 per second, 10 s), 100 calls that all fail make at most
 * 0.2 × 100 + 1 × 10 = 30 retries in those 10 seconds, however many attempts they may make.
 */
export class RetryBudget {
  readonly #settings: Required<RetryBudgetPolicy>;
  readonly #clock: Clock;
  readonly #window: SlidingWindow;
  #refused = 0;

  constructor(settings: Required<RetryBudgetPolicy>, clock: Clock) {
    this.#settings = settings;
    this.#clock = clock;
    this.#window = new SlidingWindow(settings.windowMs, 2);
  }

  /**
   * Counts a call's first attempt; every call must report it once.
   *
   * @param now - the clock's time in ms, when the caller has just read it; default: read now.
   */
  recordFirstAttempt(now = this.#clock.now()): void {
    this.#window.add(now, FIRST_ATTEMPTS);
  }

  /**
   * Asks for one retry. True when the budget allows it (and counts it), false when it does
   * not (and counts the refusal).
   */
  tryWithdraw(): boolean {
    const now = this.#clock.now();
    const { ratio, minRetriesPerSecond, windowMs } = this.#settings;
    const allowed =
      ratio * this.#window.sum(now, FIRST_ATTEMPTS) + (minRetriesPerSecond * windowMs) / 1000;
    if (this.#window.sum(now, RETRIES) + 1 > allowed) {
      this.#refused++;

      return false;
    }
    this.#window.add(now, RETRIES);

    return true;
  }

  /** Retries refused since the budget was made. */
  get refusedCount(): number {
    return this.#refused;
  }
}
