const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;
// An HTTP-date names a weekday or month, so it has letters; without this check Date.parse
// would read "-1" or "2" as years.
const HAS_LETTERS = /[a-z]/i;

/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3): delta-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`).
 *
 * @param nowMs - the clock's time, to turn a date into a wait.
 * @returns the wait in milliseconds (0 for a date in the past), or `undefined` when the header
 *   is absent or unparsable; never `NaN`.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  if (DELTA_SECONDS.test(text)) {
    return Number(text) * 1000;
  }
  if (!HAS_LETTERS.test(text)) {
    return undefined;
  }
  const at = Date.parse(text);

  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}
