import { assertNever } from '../assert-never.js';
import { computeExponentialDelay } from './exponential.js';
import { computeFixedDelay } from './fixed.js';
import { applyJitter } from './jitter.js';
import type { JitterKind } from './jitter.js';
import { computeLinearDelay } from './linear.js';

/** The curve of the waits between attempts; see each `compute*Delay` function. */
export type BackoffKind = 'exponential' | 'fixed' | 'linear';

/** The numbers behind a wait between attempts. */
export interface BackoffOptions {
  readonly backoff: BackoffKind;
  /** The first wait (and the step), in milliseconds. */
  readonly baseDelayMs: number;
  /** No wait is ever longer, jitter included, in milliseconds. */
  readonly maxDelayMs: number;
  readonly jitter: JitterKind;
}

/**
 * Computes the wait before retry number `retry` (1 for the second attempt): the backoff curve,
 * then jitter. The one backoff computation of the runtime: the generic retry policy and the
 * axios-retry glue both call it.
 *
 * @param previousDelayMs - this call's previous wait, 0 before the first retry (decorrelated
 *   jitter grows from it).
 * @param random - a number in `[0, 1)`, like `Math.random`.
 * @returns the wait in milliseconds, in `[0, maxDelayMs]`.
 */
export function computeBackoffDelay(
  options: BackoffOptions,
  retry: number,
  previousDelayMs: number,
  random: () => number,
): number {
  const { baseDelayMs, maxDelayMs } = options;
  const delayMs = computeCurve(options, retry);
  const jittered = applyJitter(options.jitter, delayMs, {
    baseDelayMs,
    maxDelayMs,
    previousDelayMs,
    random,
  });

  return Math.max(0, Math.min(maxDelayMs, jittered));
}

function computeCurve(options: BackoffOptions, retry: number): number {
  switch (options.backoff) {
    case 'exponential':
      return computeExponentialDelay(retry, options.baseDelayMs, options.maxDelayMs);
    case 'fixed':
      return computeFixedDelay(options.baseDelayMs, options.maxDelayMs);
    case 'linear':
      return computeLinearDelay(retry, options.baseDelayMs, options.maxDelayMs);
    default:
      return assertNever(options.backoff, 'backoff kind');
  }
}
