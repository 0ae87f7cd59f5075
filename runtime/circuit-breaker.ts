import { assertNever } from './assert-never.js';
import { createBreakerStrategy } from './breaker/create.js';
import type { BreakerStrategy } from './breaker/strategy.js';
import { classifyFailure } from './classify.js';
import type { Verdict } from './classify.js';
import type { Clock } from './clock.js';
import type { EventHub } from './emitter.js';
import type { CallIdentity, RuntimeErrorOptions } from './errors.js';
import type { BreakerState } from './events.js';
import { BrokenCircuitError } from './policy-errors.js';
import type { ResolvedBreaker } from './resolve-policy.js';
import type { BreakerSnapshot } from './snapshot.js';

/** How a call admitted by the breaker ended: a success, or a {@link Verdict} on its error. */
export type CallOutcome = 'success' | Verdict;

/** What {@link CircuitBreaker.tryAcquire} returns when it turns a call away. */
export const REJECTED = -1;

type State =
  | { readonly kind: 'closed' }
  | { readonly kind: 'open'; readonly reopenAt: number }
  | { readonly kind: 'half-open' }
  | { readonly kind: 'isolated' };

const CLOSED: State = Object.freeze({ kind: 'closed' });
const HALF_OPEN: State = Object.freeze({ kind: 'half-open' });
const ISOLATED: State = Object.freeze({ kind: 'isolated' });

/**
 * A circuit breaker: closed, open, half-open, or isolated by hand. Closed, it lets calls
 * through and its strategy (see `runtime/breaker/`) counts them; when the strategy says so it
 * opens and rejects every call, without I/O, for `recoveryTimeoutMs`. Then it is half-open:
 * it admits at most `halfOpenMaxCalls` concurrent trials; one failed trial opens it again
 * (and restarts the timer), `halfOpenMaxCalls` successful ones close it. Passthrough answers
 * (4xx) and cancelled calls count neither way.
 *
 * The move from open to half-open happens when the breaker is next asked, by the clock: no
 * timer runs per breaker. Each admitted call gets a ticket (the breaker's generation), so a
 * result that arrives after the state moved on cannot close or open the breaker again.
 */
export class CircuitBreaker {
  /** The breaker's name: its profile, or `profile@service`. */
  readonly name: string;
  readonly profile: string;
  readonly #settings: ResolvedBreaker;
  readonly #strategy: BreakerStrategy;
  readonly #clock: Clock;
  readonly #events: EventHub;
  #state: State = CLOSED;
  #generation = 0;
  #trials = 0;
  #trialSuccesses = 0;
  #lastStateChangeAt: number | null = null;
  #lastFailureAt: number | null = null;
  #successCount = 0;
  #failureCount = 0;

  constructor(
    name: string,
    profile: string,
    settings: ResolvedBreaker,
    deps: { readonly clock: Clock; readonly events: EventHub },
  ) {
    this.name = name;
    this.profile = profile;
    this.#settings = settings;
    this.#strategy = createBreakerStrategy(settings);
    this.#clock = deps.clock;
    this.#events = deps.events;
  }

  /** The state now (an open breaker whose recovery timeout has passed reads half-open). */
  get state(): BreakerState {
    this.#refresh(this.#clock.now());

    return this.#state.kind;
  }

  /**
   * Tells whether a call made now would be turned away because the breaker is open or
   * isolated (a half-open breaker with every trial slot taken is not counted: a slot may free
   * up). Retry checks it before it waits for another attempt.
   */
  isRejecting(): boolean {
    const state = this.state;

    return state === 'open' || state === 'isolated';
  }

  /**
   * False when a success recorded now needs no fresh clock reading: the breaker is closed and
   * its strategy does not time calls. The pipeline then passes the call's start reading.
   */
  needsSuccessTime(): boolean {
    return this.#state !== CLOSED || this.#strategy.timed;
  }

  /**
   * Asks to let one call through. Returns a ticket (≥ 0) to hand back to
   * {@link CircuitBreaker.record}, or {@link REJECTED}, in which case the caller must not do
   * any I/O.
   *
   * @param now - the clock's time in ms, when the caller has just read it; default: read now.
   */
  tryAcquire(now = this.#clock.now()): number {
    this.#refresh(now);
    const state = this.#state;
    switch (state.kind) {
      case 'closed':
        return this.#generation;
      case 'half-open':
        if (this.#trials >= this.#settings.halfOpenMaxCalls) {
          return REJECTED;
        }
        this.#trials++;

        return this.#generation;
      case 'open':
      case 'isolated':
        return REJECTED;
      default:
        return assertNever(state, 'breaker state');
    }
  }

  /**
   * Reports how a call admitted with `ticket` ended. Every ticket must be handed back exactly
   * once, whatever happened (`cancelled` when the caller gave up), or a half-open trial slot
   * stays taken.
   *
   * @param durationMs - how long the call took, for slow-call rates.
   * @param now - the clock's time in ms, when the caller has just read it; default: read now.
   */
  record(ticket: number, outcome: CallOutcome, durationMs: number, now = this.#clock.now()): void {
    this.#count(outcome, now);
    if (ticket !== this.#generation) {
      return;
    }
    const state = this.#state;
    switch (state.kind) {
      case 'closed':
        if (outcome === 'success' || outcome === 'failure') {
          if (this.#strategy.record(outcome === 'failure', durationMs, now)) {
            this.#open(now);
          }
        }
        break;
      case 'half-open':
        this.#trials--;
        this.#settleTrial(outcome, now);
        break;
      case 'open':
      case 'isolated':
        break;
      default:
        assertNever(state, 'breaker state');
    }
  }

  /**
   * Runs `fn` through the breaker: rejects at once when the breaker does, else runs it and
   * records how it ended (classified by `classifyFailure`).
   *
   * @throws {@link BrokenCircuitError} when the breaker turns the call away.
   */
  async execute<T>(fn: () => Promise<T>, identity: CallIdentity = {}): Promise<T> {
    const ticket = this.tryAcquire();
    if (ticket === REJECTED) {
      throw this.createRejection(identity);
    }
    const startedAt = this.#clock.now();
    try {
      const result = await fn();
      this.record(ticket, 'success', this.#clock.now() - startedAt);

      return result;
    } catch (error) {
      this.record(ticket, classifyFailure(error), this.#clock.now() - startedAt);
      throw error;
    }
  }

  /** The error for a call this breaker turned away now. */
  createRejection(identity: RuntimeErrorOptions): BrokenCircuitError {
    const state = this.#state;

    return new BrokenCircuitError(
      this.name,
      state.kind,
      state.kind === 'open' ? state.reopenAt : null,
      identity,
    );
  }

  /** Forces the breaker open until {@link CircuitBreaker.reset}. */
  isolate(): void {
    this.#moveTo(ISOLATED, this.#clock.now());
  }

  /** Closes the breaker and forgets its counts (not the totals). */
  reset(): void {
    this.#strategy.reset();
    this.#moveTo(CLOSED, this.#clock.now());
  }

  /** The breaker's live figures, for monitoring. */
  snapshot(): BreakerSnapshot {
    const now = this.#clock.now();
    this.#refresh(now);
    const state = this.#state;

    return {
      name: this.name,
      profile: this.profile,
      state: state.kind,
      type: this.#settings.type,
      failureThreshold: this.#settings.failureThreshold,
      currentFailures: this.#strategy.failures(now),
      recoveryTimeoutMs: this.#settings.recoveryTimeoutMs,
      halfOpenMaxCalls: this.#settings.halfOpenMaxCalls,
      lastStateChangeAt: this.#lastStateChangeAt,
      lastFailureAt: this.#lastFailureAt,
      nextAttemptAt: state.kind === 'open' ? state.reopenAt : null,
      successCount: this.#successCount,
      failureCount: this.#failureCount,
    };
  }

  #settleTrial(outcome: CallOutcome, now: number): void {
    if (outcome === 'failure') {
      this.#open(now);
    } else if (outcome === 'success') {
      this.#trialSuccesses++;
      if (this.#trialSuccesses >= this.#settings.halfOpenMaxCalls) {
        this.#strategy.reset();
        this.#moveTo(CLOSED, now);
      }
    }
  }

  #count(outcome: CallOutcome, now: number): void {
    if (outcome === 'success') {
      this.#successCount++;
    } else if (outcome === 'failure') {
      this.#failureCount++;
      this.#lastFailureAt = now;
    }
  }

  #refresh(now: number): void {
    const state = this.#state;
    if (state.kind === 'open' && now >= state.reopenAt) {
      this.#moveTo(HALF_OPEN, now);
    }
  }

  #open(now: number): void {
    this.#moveTo({ kind: 'open', reopenAt: now + this.#settings.recoveryTimeoutMs }, now);
  }

  #moveTo(next: State, now: number): void {
    const from = this.#state.kind;
    this.#state = next;
    this.#generation++;
    this.#trials = 0;
    this.#trialSuccesses = 0;
    if (from === next.kind) {
      return;
    }
    this.#lastStateChangeAt = now;
    if (this.#events.active) {
      this.#events.emit({
        type: 'breaker',
        breaker: this.name,
        profile: this.profile,
        from,
        to: next.kind,
        at: now,
      });
    }
  }
}
