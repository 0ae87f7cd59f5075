import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { RuntimeErrorCodes } from './error-codes.js';
import { RuntimeError } from './errors.js';

/** Options of a {@link MetricsRegistry}. Every field is optional; see {@link METRICS_DEFAULTS}. */
export interface MetricsOptions {
  /** Where time comes from; only `now()` is read. Default: {@link systemClock}. */
  readonly clock?: Pick<Clock, 'now'>;
  /** How many of the most recent call durations the average, p95 and p99 cover. Default 1024. */
  readonly latencySamples?: number;
  /**
   * Upper bounds of the Prometheus latency histograms' buckets, in seconds, ascending. Default
   * 5 ms to 30 s (see {@link METRICS_DEFAULTS}).
   */
  readonly latencyBucketsSeconds?: readonly number[];
  /** Length of the window requests per second are averaged over, in ms. Default 60 000. */
  readonly rateWindowMs?: number;
  /** How many slices the rate window is cut into (its precision). Default 60 (1 s slices). */
  readonly rateSlots?: number;
  /** How many recent breaker transitions and rejections are kept. Default 100. */
  readonly recentEvents?: number;
  /**
   * How many distinct (profile, route) pairs, and breakers, are counted apart. Beyond it, new
   * ones are counted under {@link OVERFLOW_LABEL}: a guard against a caller that passes concrete
   * URLs instead of route templates. Default 1000.
   */
  readonly maxSeries?: number;
}

/** {@link MetricsOptions} with every default filled in. */
export type MetricsSettings = Required<MetricsOptions>;

/** The defaults of {@link MetricsOptions}, merged under the caller's options in one place. */
export const METRICS_DEFAULTS: Readonly<MetricsSettings> = Object.freeze({
  clock: systemClock,
  latencySamples: 1024,
  latencyBucketsSeconds: Object.freeze([
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
  ]),
  rateWindowMs: 60_000,
  rateSlots: 60,
  recentEvents: 100,
  maxSeries: 1000,
});

/**
 * Merges `options` over {@link METRICS_DEFAULTS} (an `undefined` field keeps its default) and
 * checks the result.
 *
 * @throws {@link RuntimeError} `RT_INVALID_METRICS_OPTIONS` naming the first bad option.
 */
export function resolveMetricsOptions(options: MetricsOptions): MetricsSettings {
  const settings = mergeDefined(METRICS_DEFAULTS, options);

  for (const key of ['latencySamples', 'rateSlots', 'recentEvents', 'maxSeries'] as const) {
    checkOption(key, settings[key], Number.isInteger(settings[key]) && settings[key] >= 1);
  }

  const { rateWindowMs, latencyBucketsSeconds: buckets } = settings;
  checkOption('rateWindowMs', rateWindowMs, Number.isFinite(rateWindowMs) && rateWindowMs > 0);
  checkOption('latencyBucketsSeconds', buckets, isAscendingPositive(buckets));

  return settings;
}

/**
 * A copy of `defaults` with every field of `options` that is not `undefined` laid over it, so
 * `{ size: undefined }` keeps the default size.
 */
export function mergeDefined<T extends object>(defaults: T, options: Partial<T> | undefined): T {
  const defined = Object.entries(options ?? {}).filter(([, value]) => value !== undefined);

  return { ...defaults, ...Object.fromEntries(defined) };
}

function checkOption(name: string, value: unknown, valid: boolean): void {
  if (!valid) {
    throw new RuntimeError(
      RuntimeErrorCodes.INVALID_METRICS_OPTIONS,
      `Metrics option '${name}' must be ${describeRange(name)}, ` +
        `received ${JSON.stringify(value)}; leave it out to use the default`,
    );
  }
}

function describeRange(name: string): string {
  switch (name) {
    case 'rateWindowMs':
      return 'a positive number of milliseconds';
    case 'latencyBucketsSeconds':
      return 'a non-empty list of positive numbers of seconds in ascending order';
    default:
      return 'a whole number of at least 1';
  }
}

function isAscendingPositive(values: readonly number[]): boolean {
  return (
    Array.isArray(values) &&
    values.length > 0 &&
    values.every((value, index) => {
      const previous = index === 0 ? 0 : (values[index - 1] ?? 0);

      return Number.isFinite(value) && value > previous;
    })
  );
}
