/**
 * The linear backoff: `baseDelayMs · retry`, capped at `maxDelayMs`, so the waits grow by
 * `baseDelayMs` each time.
 *
 * @param retry - 1 for the first retry (the second attempt).
 * @returns the delay in milliseconds, never above `maxDelayMs`.
 */
export function computeLinearDelay(retry: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * retry);
}
