import { RuntimeErrorCodes } from './error-codes.js';
import { hasBrand, isRuntimeError, RuntimeError } from './errors.js';
import type { RuntimeErrorOptions } from './errors.js';
import type { BreakerState } from './events.js';

const circuitBrand = Symbol.for('resilgen.BrokenCircuitError');

/** The circuit breaker rejected the call before any I/O. */
export class BrokenCircuitError extends RuntimeError {
  readonly [circuitBrand] = true;
  override readonly name = 'BrokenCircuitError';
  /** The breaker's name: its profile, or `profile@service`. */
  readonly breaker: string;
  /** `open`, `isolated`, or `half-open` when every trial slot was taken. */
  readonly state: BreakerState;
  /** When the breaker admits a trial call (clock ms), `null` when isolated or half-open. */
  readonly nextAttemptAt: number | null;

  constructor(
    breaker: string,
    state: BreakerState,
    nextAttemptAt: number | null,
    options: RuntimeErrorOptions,
  ) {
    super(
      RuntimeErrorCodes.CIRCUIT_OPEN,
      `expected circuit breaker '${breaker}' to admit the call, it is ${state} ` +
        (nextAttemptAt === null
          ? state === 'isolated'
            ? '(isolated by hand: reset it to let calls through)'
            : '(every trial slot is taken)'
          : `until ${new Date(nextAttemptAt).toISOString()}`) +
        '; nothing was sent',
      options,
    );
    this.breaker = breaker;
    this.state = state;
    this.nextAttemptAt = nextAttemptAt;
  }
}

/** Tells whether `value` is a {@link BrokenCircuitError}, by its brand. */
export function isBrokenCircuitError(value: unknown): value is BrokenCircuitError {
  return hasBrand(value, circuitBrand);
}

const bulkheadBrand = Symbol.for('resilgen.BulkheadRejectedError');

/** The bulkhead turned the call away: its queue was full, or the wait was too long. */
export class BulkheadRejectedError extends RuntimeError {
  readonly [bulkheadBrand] = true;
  override readonly name = 'BulkheadRejectedError';
  readonly reason: 'queue-full' | 'queue-timeout';
  readonly maxConcurrent: number;
  readonly maxQueue: number;
  /** How long the call waited in the queue, in milliseconds (0 when it never queued). */
  readonly waitedMs: number;

  constructor(
    reason: 'queue-full' | 'queue-timeout',
    limits: {
      readonly maxConcurrent: number;
      readonly maxQueue: number;
      readonly waitedMs: number;
    },
    options: RuntimeErrorOptions,
  ) {
    super(
      RuntimeErrorCodes.BULKHEAD_REJECTED,
      reason === 'queue-full'
        ? `expected a free slot, ${limits.maxConcurrent} calls run and ${limits.maxQueue} wait ` +
            '(bulkhead full); raise maxConcurrent or maxQueue, or shed load upstream'
        : `expected a slot within the queue timeout, waited ${limits.waitedMs} ms; ` +
            'raise queueTimeout or maxConcurrent',
      options,
    );
    this.reason = reason;
    this.maxConcurrent = limits.maxConcurrent;
    this.maxQueue = limits.maxQueue;
    this.waitedMs = limits.waitedMs;
  }
}

/** Tells whether `value` is a {@link BulkheadRejectedError}, by its brand. */
export function isBulkheadRejectedError(value: unknown): value is BulkheadRejectedError {
  return hasBrand(value, bulkheadBrand);
}

const timeoutBrand = Symbol.for('resilgen.TimeoutError');

/** An attempt (`scope: 'attempt'`) or the whole call (`scope: 'total'`) ran out of time. */
export class TimeoutError extends RuntimeError {
  readonly [timeoutBrand] = true;
  override readonly name = 'TimeoutError';
  readonly scope: 'attempt' | 'total';
  /** The limit that was reached, in milliseconds. */
  readonly timeoutMs: number;

  constructor(scope: 'attempt' | 'total', timeoutMs: number, options: RuntimeErrorOptions) {
    super(
      RuntimeErrorCodes.TIMEOUT,
      `expected ${scope === 'attempt' ? 'an attempt' : 'the call'} to finish within ` +
        `${timeoutMs} ms, it did not (timeout.${scope}Ms)`,
      options,
    );
    this.scope = scope;
    this.timeoutMs = timeoutMs;
  }
}

/** Tells whether `value` is a {@link TimeoutError}, by its brand. */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return hasBrand(value, timeoutBrand);
}

const exhaustedBrand = Symbol.for('resilgen.RetriesExhaustedError');

/** Every attempt the retry policy allows failed; `cause` is the last attempt's error. */
export class RetriesExhaustedError extends RuntimeError {
  readonly [exhaustedBrand] = true;
  override readonly name = 'RetriesExhaustedError';
  /** How many attempts were made, the first included. */
  readonly attempts: number;
  /** The last attempt's error (also `cause`). */
  readonly lastError: unknown;

  constructor(attempts: number, lastError: unknown, options: RuntimeErrorOptions) {
    super(
      RuntimeErrorCodes.RETRIES_EXHAUSTED,
      `expected one of ${attempts} attempts to succeed, all failed; last: ${describe(lastError)}`,
      { ...options, cause: lastError },
    );
    this.attempts = attempts;
    this.lastError = lastError;
  }
}

/** Tells whether `value` is a {@link RetriesExhaustedError}, by its brand. */
export function isRetriesExhaustedError(value: unknown): value is RetriesExhaustedError {
  return hasBrand(value, exhaustedBrand);
}

const abortBrand = Symbol.for('resilgen.AbortError');

/** The caller aborted the call through its AbortSignal; `cause` is the signal's reason. */
export class AbortError extends RuntimeError {
  readonly [abortBrand] = true;
  override readonly name = 'AbortError';

  constructor(reason: unknown, options: RuntimeErrorOptions) {
    super(RuntimeErrorCodes.ABORTED, 'the caller aborted the call', { ...options, cause: reason });
  }
}

/** Tells whether `value` is an {@link AbortError}, by its brand. */
export function isAbortError(value: unknown): value is AbortError {
  return hasBrand(value, abortBrand);
}

/** What went wrong last, quoted without its own route and profile: the outer error adds them. */
function describe(error: unknown): string {
  if (isRuntimeError(error)) {
    return error.description;
  }

  return error instanceof Error ? error.message : String(error);
}
