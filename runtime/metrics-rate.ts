import { SlidingWindow } from './sliding-window.js';

/**
 * Events per second over a sliding window of fixed memory. Counting is the runtime's
 * {@link SlidingWindow}; this adds the division, over the time the window really covers: a
 * window younger than its length is not averaged over time in which nothing was counted.
 */
export class RequestRate {
  readonly #window: SlidingWindow;
  readonly #slots: number;
  readonly #slotMs: number;
  readonly #createdAt: number;

  /**
   * @param windowMs - the window's length in milliseconds; positive, checked by the caller.
   * @param slots - how many slices the window is cut into (rates are exact to one slice).
   * @param createdAt - the clock's time (ms) when counting began.
   */
  constructor(windowMs: number, slots: number, createdAt: number) {
    this.#window = new SlidingWindow(windowMs, 1, slots);
    this.#slots = slots;
    this.#slotMs = windowMs / slots;
    this.#createdAt = createdAt;
  }

  /** How many slices the window keeps: a constant, whatever the traffic. */
  get slots(): number {
    return this.#slots;
  }

  /** Counts one event at `now` (clock ms). */
  add(now: number): void {
    this.#window.add(now, 0);
  }

  /** Events per second over the window that ends at `now` (clock ms). */
  readPerSecond(now: number): number {
    const oldestSlot = Math.floor(now / this.#slotMs) - this.#slots + 1;
    const startMs = Math.max(oldestSlot * this.#slotMs, this.#createdAt);
    const spanMs = Math.max(this.#slotMs, now - startMs);

    return this.#window.sum(now, 0) / (spanMs / 1000);
  }
}
