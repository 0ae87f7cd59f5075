import type { Clock } from './clock.js';

/** A sleep that a {@link FakeClock} has not fired yet. */
export interface PendingSleep {
  /** When it fires, in the clock's milliseconds. */
  readonly dueAt: number;
  /** How long it was asked to last, in milliseconds. */
  readonly ms: number;
}

interface Sleeper extends PendingSleep {
  readonly resolve: () => void;
}

interface Waiter {
  readonly count: number;
  readonly resolve: () => void;
}

/**
 * A clock that moves only when a test tells it to, so no test sleeps through a real backoff.
 * Sleeps of 0 ms or less resolve at once; longer ones wait for {@link FakeClock.advance}.
 *
 * @example
 * ```ts
 * // `policy` retries after 100 ms, without jitter or time limits (which are sleeps too).
 * const clock = new FakeClock();
 * const call = registry.execute(policy, fn);
 * await clock.waitForPending();
 * assert.equal(clock.pending[0].ms, 100);
 * await clock.advance(100);
 * ```
 */
export class FakeClock implements Clock {
  #now: number;
  #pending: Sleeper[] = [];
  #history: number[] = [];
  #waiters: Waiter[] = [];

  /** @param startMs - the clock's first reading, in milliseconds since the epoch; default 0. */
  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.#history.push(ms);
    if (signal?.aborted) {
      return Promise.reject(signal.reason);
    }
    if (ms <= 0) {
      return Promise.resolve();
    }

    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.#remove(sleeper);
        reject(signal?.reason);
      };
      const sleeper: Sleeper = {
        dueAt: this.#now + ms,
        ms,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#insert(sleeper);
    });
  }

  /**
   * Calls `fire` after `ms` of fake time, like a sleep nobody awaits: it is recorded in
   * {@link FakeClock.history}, shows in {@link FakeClock.pending} and fires during
   * {@link FakeClock.advance}. A timer of 0 ms or less fires in a microtask. The returned
   * function cancels it.
   */
  setTimer(ms: number, fire: () => void): () => void {
    this.#history.push(ms);
    let cancelled = false;
    if (ms <= 0) {
      queueMicrotask(() => {
        if (!cancelled) {
          fire();
        }
      });

      return () => {
        cancelled = true;
      };
    }
    const sleeper: Sleeper = { dueAt: this.#now + ms, ms, resolve: fire };
    this.#insert(sleeper);

    return () => this.#remove(sleeper);
  }

  /** The sleeps not fired yet, earliest first. */
  get pending(): readonly PendingSleep[] {
    return this.#pending.map(({ dueAt, ms }) => ({ dueAt, ms }));
  }

  /** Every sleep asked for since the clock was made, in order, in milliseconds. */
  get history(): readonly number[] {
    return [...this.#history];
  }

  /**
   * Moves time forward by `ms`, firing each sleep that falls due in order of its due time, and
   * lets promise callbacks (and callbacks queued with `setImmediate`) run before the first
   * and after each one: as with real time, work already under way (an attempt that failed at
   * once, whose rejection is still on its way) is done before a timer can fire.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (let next = this.#pending[0]; next && next.dueAt <= target; next = this.#pending[0]) {
      this.#pending.shift();
      this.#now = next.dueAt;
      next.resolve();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  /**
   * Resolves once at least `count` sleeps are pending, so a test can wait for real I/O to
   * reach a backoff or a timeout. Rejects after `withinMs` of real time (default 2000) so a
   * broken test fails instead of hanging.
   */
  waitForPending(count = 1, withinMs = 2000): Promise<void> {
    if (this.#pending.length >= count) {
      return Promise.resolve();
    }

    return new Promise((resolve, reject) => {
      const guard = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new Error(`expected ${count} pending sleeps within ${withinMs} ms`));
      }, withinMs);
      const waiter: Waiter = {
        count,
        resolve: () => {
          clearTimeout(guard);
          resolve();
        },
      };
      this.#waiters.push(waiter);
    });
  }

  #insert(sleeper: Sleeper): void {
    let at = this.#pending.length;
    while (at > 0 && (this.#pending[at - 1] as Sleeper).dueAt > sleeper.dueAt) {
      at--;
    }
    this.#pending.splice(at, 0, sleeper);
    const ready = this.#waiters.filter((w) => this.#pending.length >= w.count);
    this.#waiters = this.#waiters.filter((w) => this.#pending.length < w.count);
    for (const waiter of ready) {
      waiter.resolve();
    }
  }

  #remove(sleeper: Sleeper): void {
    const at = this.#pending.indexOf(sleeper);
    if (at >= 0) {
      this.#pending.splice(at, 1);
    }
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
