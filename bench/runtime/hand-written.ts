/**
 * The floor a resilience layer is measured against: the four policies (fallback, bulkhead,
 * retry, consecutive-failure breaker) written by hand around one function, with nothing
 * else: no events, no metrics, no timeouts, no configuration checks.
 */

/** Settings of {@link wrapByHand}. */
export interface HandWrittenOptions {
  /** Calls in flight at once; one more gets the fallback at once. */
  readonly maxConcurrent: number;
  /** Attempts per call, the first included. */
  readonly maxAttempts: number;
  /** The wait before the first retry, in ms; it doubles each time. */
  readonly baseDelayMs: number;
  /** Failures in a row that open the breaker. */
  readonly failureThreshold: number;
  /** How long the open breaker rejects calls, in ms. */
  readonly recoveryTimeoutMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Wraps `fn` in the four policies; a failed call answers `fallbackValue`. */
export function wrapByHand<T>(
  fn: () => Promise<T>,
  fallbackValue: T,
  options: HandWrittenOptions,
): () => Promise<T> {
  let inFlight = 0;
  let failures = 0;
  let openUntil = 0;
  const attempt = async (): Promise<T> => {
    for (let count = 1; ; count++) {
      if (failures >= options.failureThreshold && Date.now() < openUntil) {
        throw new Error('circuit open');
      }
      try {
        const value = await fn();
        failures = 0;

        return value;
      } catch (error) {
        failures++;
        if (failures >= options.failureThreshold) {
          openUntil = Date.now() + options.recoveryTimeoutMs;
        }
        if (count >= options.maxAttempts) {
          throw error;
        }
      }
      await sleep(options.baseDelayMs * 2 ** (count - 1));
    }
  };

  return async () => {
    if (inFlight >= options.maxConcurrent) {
      return fallbackValue;
    }
    inFlight++;
    try {
      return await attempt();
    } catch {
      return fallbackValue;
    } finally {
      inFlight--;
    }
  };
}
