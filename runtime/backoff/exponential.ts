/**
 * The exponential backoff: `baseDelayMs · 2^(retry − 1)`, capped at `maxDelayMs`, so the first
 * retry waits `baseDelayMs`, the second twice that, and so on.
 *
 * @param retry - 1 for the first retry (the second attempt).
 * @returns the delay in milliseconds, never above `maxDelayMs`.
 */
export function computeExponentialDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
): number {
  // 2 ** 1100 is Infinity, which Math.min turns into the cap: no overflow to guard against.
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
}
