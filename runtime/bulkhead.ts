import type { Clock } from './clock.js';
import type { EventHub } from './emitter.js';
import type { CallIdentity } from './errors.js';
import { AbortError, BulkheadRejectedError } from './policy-errors.js';
import type { ResolvedRoute } from './resolve-policy.js';
import type { BulkheadSnapshot } from './snapshot.js';
import { startClockTimer } from './timeout.js';

/** A bulkhead's limits, already checked (see `BulkheadPolicy` for their meaning). */
export type BulkheadSettings = NonNullable<ResolvedRoute['bulkhead']>;

interface Waiter {
  settled: boolean;
  readonly grant: () => void;
}

const ignore = (): void => {};

/**
 * Load protection: at most `maxConcurrent` calls run at once and at most `maxQueue` wait,
 * first in, first out. A call that finds the queue full, or waits longer than
 * `queueTimeoutMs`, is rejected. A slot is handed straight from a finishing call to the first
 * waiter, and it is always given back: when the call returns, throws or times out, and when a
 * waiting caller aborts.
 */
export class Bulkhead {
  /** The bulkhead's name: its profile. */
  readonly name: string;
  readonly profile: string;
  readonly #settings: BulkheadSettings;
  readonly #clock: Clock;
  readonly #events: EventHub;
  readonly #queue: Waiter[] = [];
  #inFlight = 0;
  #rejected = 0;

  constructor(
    name: string,
    profile: string,
    settings: BulkheadSettings,
    deps: { readonly clock: Clock; readonly events: EventHub },
  ) {
    this.name = name;
    this.profile = profile;
    this.#settings = settings;
    this.#clock = deps.clock;
    this.#events = deps.events;
  }

  /** True when a call would get a slot at once, without waiting in the queue. */
  get hasFreeSlot(): boolean {
    return this.#inFlight < this.#settings.maxConcurrent;
  }

  /** Calls running now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Calls waiting now. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Runs `fn` in a slot, waiting in the queue for one when all are taken.
   *
   * @param signal - the caller's signal: aborting it while waiting leaves the queue at once.
   * @param identity - the route and profile, named by errors and `reject` events.
   * @throws {@link BulkheadRejectedError} when the queue is full or the wait too long.
   * @throws {@link AbortError} when `signal` aborts while the call waits.
   */
  async execute<T>(
    fn: () => Promise<T>,
    signal?: AbortSignal,
    identity: CallIdentity = {},
  ): Promise<T> {
    if (!this.tryEnter()) {
      await this.#waitForSlot(signal, identity);
    }
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /**
   * Takes a free slot at once, without queueing: true when it did. The caller then owes one
   * {@link Bulkhead.release} when its work ends, however it ends. (The pipeline's fast path;
   * {@link Bulkhead.execute} does both.)
   */
  tryEnter(): boolean {
    if (this.#inFlight < this.#settings.maxConcurrent) {
      this.#inFlight++;

      return true;
    }

    return false;
  }

  /**
   * Takes a slot, waiting in the queue when none is free, for a caller that runs its work
   * itself: once this resolves, the caller owes one {@link Bulkhead.release}.
   *
   * @param signal - the caller's signal: aborting it while waiting leaves the queue at once.
   * @param identity - the route and profile, named by errors and `reject` events.
   * @throws {@link BulkheadRejectedError} when the queue is full or the wait too long.
   * @throws {@link AbortError} when `signal` aborts while the call waits.
   */
  enter(signal?: AbortSignal, identity: CallIdentity = {}): Promise<void> {
    return this.tryEnter() ? Promise.resolve() : this.#waitForSlot(signal, identity);
  }

  /**
   * Gives back a slot taken by {@link Bulkhead.tryEnter} or {@link Bulkhead.enter}: the next
   * queued call gets it.
   */
  release(): void {
    if (this.#queue.length === 0) {
      this.#inFlight--;

      return;
    }
    this.#queue.shift()?.grant();
  }

  /** The bulkhead's live figures, for monitoring. */
  snapshot(): BulkheadSnapshot {
    return {
      name: this.name,
      profile: this.profile,
      maxConcurrent: this.#settings.maxConcurrent,
      maxQueue: this.#settings.maxQueue,
      inFlight: this.#inFlight,
      queued: this.#queue.length,
      rejected: this.#rejected,
    };
  }

  #waitForSlot(signal: AbortSignal | undefined, identity: CallIdentity): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(new AbortError(signal.reason, identity));
    }
    if (this.#queue.length >= this.#settings.maxQueue) {
      return Promise.reject(this.#reject('queue-full', 0, identity));
    }

    return new Promise((resolve, reject) => {
      const enqueuedAt = this.#clock.now();
      let cancelTimer = ignore;
      const settle = (): boolean => {
        if (waiter.settled) {
          return false;
        }
        waiter.settled = true;
        cancelTimer();
        signal?.removeEventListener('abort', onAbort);

        return true;
      };
      const leave = (error: unknown): void => {
        if (settle()) {
          this.#queue.splice(this.#queue.indexOf(waiter), 1);
          reject(error);
        }
      };
      const onAbort = (): void => leave(new AbortError(signal?.reason, identity));
      const waiter: Waiter = { settled: false, grant: () => settle() && resolve() };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      cancelTimer = startClockTimer(this.#clock, this.#settings.queueTimeoutMs, () => {
        const waitedMs = this.#clock.now() - enqueuedAt;
        if (!waiter.settled) {
          leave(this.#reject('queue-timeout', waitedMs, identity));
        }
      });
    });
  }

  #reject(
    reason: 'queue-full' | 'queue-timeout',
    waitedMs: number,
    identity: CallIdentity,
  ): BulkheadRejectedError {
    this.#rejected++;
    const { route, profile } = identity;
    if (this.#events.active && route !== undefined && profile !== undefined) {
      const kind = reason === 'queue-full' ? 'bulkhead-full' : 'bulkhead-queue-timeout';
      this.#events.emit({ type: 'reject', kind, route, profile, at: this.#clock.now() });
    }
    const { maxConcurrent, maxQueue } = this.#settings;

    return new BulkheadRejectedError(reason, { maxConcurrent, maxQueue, waitedMs }, identity);
  }
}
