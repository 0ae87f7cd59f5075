/**
 * The fixed backoff: every retry waits `baseDelayMs`, capped at `maxDelayMs`.
 *
 * @returns the delay in milliseconds, never above `maxDelayMs`.
 */
export function computeFixedDelay(baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs);
}
