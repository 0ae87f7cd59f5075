/** The retry settings that decide how long a call may wait between attempts. */
export interface RetryTiming {
  readonly maxAttempts: number;
  readonly backoffType: string;
  readonly baseDelay: number;
  readonly maxDelay: number;
  readonly jitter: unknown;
}

/** The longest waits a call can spend between its attempts. */
export interface RetryWaits {
  /** The first few waits, in milliseconds, for messages. */
  readonly firstWaits: readonly number[];
  /** How many waits there are: one fewer than the attempts. */
  readonly count: number;
  /** All waits added up, in milliseconds. */
  readonly totalMs: number;
}

const LISTED_WAITS = 6;

/**
 * Computes the worst-case wait before each retry: exponential `baseDelay·2^(n-1)`, linear
 * `baseDelay·n`, fixed `baseDelay`, each capped at `maxDelay`. Full and equal jitter only
 * shorten a wait, so the wait without jitter is the worst case. Decorrelated jitter ignores
 * the curve: each wait may reach three times the previous one (the first, three times
 * `baseDelay`), so the worst wait n is `baseDelay·3^n`, capped the same way.
 *
 * Every curve only grows until the cap, so the waits are summed in closed form, without a
 * step per attempt: `maxAttempts` may be any safe integer.
 */
export function computeRetryWaits(retry: RetryTiming): RetryWaits {
  const count = Math.max(0, retry.maxAttempts - 1);
  const firstWaits = Array.from({ length: Math.min(count, LISTED_WAITS) }, (_, index) =>
    computeWait(retry, index + 1),
  );
  const below = sumWaitsBelowCap(retry, count);

  return { firstWaits, count, totalMs: below.totalMs + (count - below.count) * retry.maxDelay };
}

/** The waits, of the first `count`, that stay below `maxDelay`: how many, and their sum. */
function sumWaitsBelowCap(retry: RetryTiming, count: number): { count: number; totalMs: number } {
  const { baseDelay, maxDelay } = retry;
  const curve = pickCurve(retry);
  if (baseDelay === 0) {
    // Every wait is 0, whatever the curve; below the cap or at a cap of 0, they add nothing.
    return { count, totalMs: 0 };
  }
  if (curve === 'fixed') {
    return baseDelay < maxDelay ? { count, totalMs: count * baseDelay } : { count: 0, totalMs: 0 };
  }
  if (curve === 'linear') {
    // baseDelay·n < maxDelay up to n = ceil(maxDelay / baseDelay) - 1: an arithmetic series.
    const below = Math.max(0, Math.min(count, Math.ceil(maxDelay / baseDelay) - 1));

    return { count: below, totalMs: (baseDelay * below * (below + 1)) / 2 };
  }
  // A wait that doubles or triples from 1 ms passes any cap up to 2^31 ms within 32 steps.
  let below = 0;
  let totalMs = 0;
  while (below < count) {
    const wait = computeWait(retry, below + 1);
    if (wait >= maxDelay) {
      break;
    }
    totalMs += wait;
    below++;
  }

  return { count: below, totalMs };
}

/** How the worst wait grows: decorrelated jitter triples it whatever the backoff. */
type Curve = 'tripling' | 'exponential' | 'linear' | 'fixed';

function pickCurve(retry: RetryTiming): Curve {
  if (retry.jitter === 'decorrelated') {
    return 'tripling';
  }

  return retry.backoffType === 'exponential' || retry.backoffType === 'linear'
    ? retry.backoffType
    : 'fixed';
}

function computeWait(retry: RetryTiming, n: number): number {
  const { baseDelay, maxDelay } = retry;
  switch (pickCurve(retry)) {
    case 'tripling':
      return Math.min(maxDelay, baseDelay * 3 ** n);
    case 'exponential':
      return Math.min(maxDelay, baseDelay * 2 ** (n - 1));
    case 'linear':
      return Math.min(maxDelay, baseDelay * n);
    case 'fixed':
      return Math.min(maxDelay, baseDelay);
  }
}
