import { assertNever } from '../assert-never.js';

/**
 * How a computed delay is randomised, so clients that failed together do not retry together:
 * - `none`: the delay as computed;
 * - `full`: anywhere in `[0, delay]`;
 * - `equal`: anywhere in `[delay / 2, delay]`;
 * - `decorrelated`: anywhere in `[base, 3 · previous]` (the previous wait, or `base` the first
 *   time), capped at `maxDelayMs`; it grows on its own, ignoring the backoff curve.
 */
export type JitterKind = 'none' | 'full' | 'equal' | 'decorrelated';

/** What {@link applyJitter} needs to know besides the delay. */
export interface JitterInput {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The previous wait of this call in milliseconds, 0 before the first retry. */
  readonly previousDelayMs: number;
  /** A number in `[0, 1)`, like `Math.random`. */
  readonly random: () => number;
}

/**
 * Randomises `delayMs` the way `kind` says. The result is never above `input.maxDelayMs`
 * (nor above `delayMs` except for `decorrelated`) and never below 0.
 *
 * @returns the delay to wait, in milliseconds.
 */
export function applyJitter(kind: JitterKind, delayMs: number, input: JitterInput): number {
  switch (kind) {
    case 'none':
      return delayMs;
    case 'full':
      return input.random() * delayMs;
    case 'equal':
      return delayMs / 2 + (input.random() * delayMs) / 2;
    case 'decorrelated':
      return drawDecorrelated(input);
    default:
      return assertNever(kind, 'jitter kind');
  }
}

function drawDecorrelated(input: JitterInput): number {
  const low = Math.min(input.baseDelayMs, input.maxDelayMs);
  const high = Math.min(input.maxDelayMs, 3 * Math.max(input.previousDelayMs, low));

  return low + input.random() * (high - low);
}
