import type { Clock } from '../clock.js';
import { startClockTimer } from '../timeout.js';

/** What a {@link DeadlineQueue} tells when an entry's time runs out. */
export interface Expirable {
  /** Called at most once: when the deadline passes while the entry is still in the queue. */
  expire(): void;
}

/** An entry's place in its queue, to take it out with {@link DeadlineQueue.remove}. */
export interface DeadlineTicket {
  /** When the entry expires, on the queue's clock (monotonic when the clock has one). */
  readonly deadlineMs: number;
}

class Ticket implements DeadlineTicket {
  previous: Ticket | undefined = undefined;
  next: Ticket | undefined = undefined;
  queued = true;

  constructor(
    readonly entry: Expirable,
    readonly deadlineMs: number,
  ) {}
}

/**
 * One time limit shared by many entries (the requests of one route), with a single timer.
 * Every entry gets the same limit, so deadlines come in the order entries are added: the
 * queue is a list, oldest first, and its timer is set for the oldest deadline only. Taking an
 * entry out is a few pointer writes and leaves the timer alone; when the timer fires it
 * expires every entry that is due and sets itself for the new oldest one, or stops when the
 * queue is empty. So a request that ends in time costs a clock read and a small object, where
 * a timer of its own costs a `setTimeout` and a `clearTimeout`.
 *
 * The timer is `unref`'d: set while nothing may be waiting, it must not keep a process alive.
 */
export class DeadlineQueue {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #read: () => number;
  #oldest: Ticket | undefined;
  #newest: Ticket | undefined;
  #cancelTimer: (() => void) | undefined;

  /** @param timeoutMs - every entry's time limit, in milliseconds. */
  constructor(clock: Clock, timeoutMs: number) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
    // A deadline must not move when the system time is set: measure on the monotonic clock.
    this.#read = clock.monotonicNow?.bind(clock) ?? (() => clock.now());
  }

  /** Puts `entry` in the queue; it expires `timeoutMs` from now unless taken out first. */
  add(entry: Expirable): DeadlineTicket {
    const ticket = new Ticket(entry, this.#read() + this.#timeoutMs);
    const newest = this.#newest;
    if (newest === undefined) {
      this.#oldest = ticket;
    } else {
      newest.next = ticket;
      ticket.previous = newest;
    }
    this.#newest = ticket;
    if (this.#cancelTimer === undefined) {
      this.#setTimer(this.#timeoutMs);
    }

    return ticket;
  }

  /** Takes an entry out: it will not expire. Safe to call more than once, and after it expired. */
  remove(ticket: DeadlineTicket): void {
    const taken = ticket as Ticket;
    if (!taken.queued) {
      return;
    }
    taken.queued = false;
    const { previous, next } = taken;
    if (previous === undefined) {
      this.#oldest = next;
    } else {
      previous.next = next;
    }
    if (next === undefined) {
      this.#newest = previous;
    } else {
      next.previous = previous;
    }
    taken.previous = undefined;
    taken.next = undefined;
  }

  /** Stops the timer (the server closes); an entry added later sets it again. */
  dispose(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }

  #setTimer(ms: number): void {
    this.#cancelTimer = startClockTimer(this.#clock, ms, this.#expireDue, { unref: true });
  }

  readonly #expireDue = (): void => {
    this.#cancelTimer = undefined;
    const now = this.#read();
    try {
      for (let due = this.#oldest; due !== undefined && due.deadlineMs <= now; due = this.#oldest) {
        this.remove(due);
        due.entry.expire();
      }
    } finally {
      // Even when an entry's expire throws, the rest keep their timer.
      if (this.#oldest !== undefined) {
        this.#setTimer(Math.max(0, this.#oldest.deadlineMs - now));
      }
    }
  };
}
