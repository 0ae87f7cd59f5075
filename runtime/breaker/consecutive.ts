import type { BreakerStrategy } from './strategy.js';

/**
 * Opens after `failureThreshold` failures in a row; a success starts the count again. The
 * default strategy, and the one the seed config describes.
 */
export class ConsecutiveStrategy implements BreakerStrategy {
  readonly timed = false;
  readonly #threshold: number;
  #run = 0;

  /** @param failureThreshold - failures in a row that open the breaker (≥ 1). */
  constructor(failureThreshold: number) {
    this.#threshold = failureThreshold;
  }

  record(failed: boolean): boolean {
    if (!failed) {
      this.#run = 0;

      return false;
    }
    this.#run++;

    return this.#run >= this.#threshold;
  }

  failures(): number {
    return this.#run;
  }

  reset(): void {
    this.#run = 0;
  }
}
