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
 */
export function computeRetryWaits(retry: RetryTiming): RetryWaits {
  const count = Math.max(0, retry.maxAttempts - 1);
  const firstWaits: number[] = [];
  let totalMs = 0;
  for (let n = 1; n <= count; n++) {
    const wait = computeWait(retry, n);
    if (n <= LISTED_WAITS) {
      firstWaits.push(wait);
    }
    if (wait >= retry.maxDelay) {
      // Every later wait is capped too: add them at once rather than one by one.
      totalMs += wait * (count - n + 1);
      while (firstWaits.length < Math.min(count, LISTED_WAITS)) {
        firstWaits.push(wait);
      }
      break;
    }
    totalMs += wait;
  }

  return { firstWaits, count, totalMs };
}

function computeWait(retry: RetryTiming, n: number): number {
  const { baseDelay, maxDelay } = retry;
  if (retry.jitter === 'decorrelated') {
    return Math.min(maxDelay, baseDelay * 3 ** n);
  }
  switch (retry.backoffType) {
    case 'exponential':
      return Math.min(maxDelay, baseDelay * 2 ** (n - 1));
    case 'linear':
      return Math.min(maxDelay, baseDelay * n);
    default:
      return Math.min(maxDelay, baseDelay);
  }
}
