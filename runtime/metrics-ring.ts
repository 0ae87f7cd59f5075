/**
 * A fixed-capacity ring: once full, each push overwrites the oldest entry. Metrics keep their
 * latency samples and their recent events in rings so that no amount of traffic grows them.
 */
export class Ring<T> {
  readonly #items: T[] = [];
  readonly #capacity: number;
  /** Where the next push writes, once the ring is full. */
  #next = 0;

  /**
   * @param capacity - how many entries the ring keeps at most: a whole number of at least 1,
   *   which the caller has checked.
   */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** How many entries the ring keeps at most. */
  get capacity(): number {
    return this.#capacity;
  }

  /** How many entries the ring holds now (never more than {@link Ring.capacity}). */
  get size(): number {
    return this.#items.length;
  }

  /** Adds `item`, dropping the oldest entry when the ring is full. */
  push(item: T): void {
    if (this.#items.length < this.#capacity) {
      this.#items.push(item);
      return;
    }

    this.#items[this.#next] = item;
    // A comparison rather than `%`: a push is on every call's path, and a division is slow.
    this.#next = this.#next + 1 === this.#capacity ? 0 : this.#next + 1;
  }

  /** The entries, oldest first, as a new array. */
  toArray(): T[] {
    return [...this.#items.slice(this.#next), ...this.#items.slice(0, this.#next)];
  }
}

/**
 * The nearest-rank percentile of `values`: the smallest value that at least `fraction` of the
 * values do not exceed. `fraction` lies in (0, 1], e.g. 0.95 for p95. Returns `null` for no
 * values. The input is not modified.
 */
export function computePercentile(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) {
    return null;
  }

  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));

  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}
