/**
 * Counters over the last `windowMs` milliseconds, kept in `buckets` equal slices of time so
 * memory stays fixed however many calls come. A slice that falls out of the window is cleared
 * when its slot is reused; sums skip slices older than the window. The time-window breaker
 * and the retry budget count with it.
 *
 * Sums are as fine as one slice: a count leaves the window up to `windowMs / buckets` ms late.
 */
export class SlidingWindow {
  readonly windowMs: number;
  readonly #sliceMs: number;
  readonly #counters: number;
  readonly #epochs: Float64Array;
  readonly #values: Float64Array;
  // The slice the last add went to: the next add in the same slice skips the division.
  #sliceStart = Infinity;
  #sliceEnd = -Infinity;
  #sliceOffset = 0;

  /**
   * @param windowMs - the span the sums cover, in milliseconds.
   * @param counters - how many separate counters each slice holds.
   * @param buckets - how many slices the window is cut into; default 10.
   */
  constructor(windowMs: number, counters: number, buckets = 10) {
    this.windowMs = windowMs;
    this.#sliceMs = windowMs / buckets;
    this.#counters = counters;
    this.#epochs = new Float64Array(buckets).fill(-Infinity);
    this.#values = new Float64Array(buckets * counters);
  }

  /** Adds `amount` (default 1) to counter `counter` at time `now` (ms). */
  add(now: number, counter: number, amount = 1): void {
    if (now < this.#sliceStart || now >= this.#sliceEnd) {
      this.#enterSlice(now);
    }
    const at = this.#sliceOffset + counter;
    this.#values[at] = (this.#values[at] as number) + amount;
  }

  /** The sum of counter `counter` over the window that ends at `now` (ms). */
  sum(now: number, counter: number): number {
    const oldest = Math.floor(now / this.#sliceMs) - this.#epochs.length;
    let total = 0;
    for (let slot = 0; slot < this.#epochs.length; slot++) {
      if ((this.#epochs[slot] as number) > oldest) {
        total += this.#values[slot * this.#counters + counter] as number;
      }
    }

    return total;
  }

  /** Forgets every count. */
  clear(): void {
    this.#epochs.fill(-Infinity);
    this.#values.fill(0);
    this.#sliceStart = Infinity;
    this.#sliceEnd = -Infinity;
  }

  /** Makes the slice of `now` the current one, clearing its slot when it held an older one. */
  #enterSlice(now: number): void {
    const epoch = Math.floor(now / this.#sliceMs);
    const slot = epoch % this.#epochs.length;
    const start = slot * this.#counters;
    if (this.#epochs[slot] !== epoch) {
      this.#epochs[slot] = epoch;
      this.#values.fill(0, start, start + this.#counters);
    }
    this.#sliceOffset = start;
    this.#sliceStart = epoch * this.#sliceMs;
    this.#sliceEnd = (epoch + 1) * this.#sliceMs;
  }
}
