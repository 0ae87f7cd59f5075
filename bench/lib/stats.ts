/**
 * The few statistics and number formats the benchmarks print. Figures are compared as
 * ratios, so every formatter keeps two or three significant digits and no more.
 */

/** The middle value of `values` (the mean of the two middle ones for an even count). */
export function computeMedian(values: readonly number[]): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The `p`-th percentile (0–100) of `values` by the nearest-rank method: the smallest value
 * that at least `p` percent of the values do not exceed.
 */
export function computePercentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));

  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** Rounds to `digits` significant digits, for display. */
export function roundSignificant(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) {
    return value;
  }

  return Number(value.toPrecision(digits));
}

/** Nanoseconds, as `612 ns` or `1.3 µs`. */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) {
    return 'n/a';
  }

  return ns < 1000 ? `${roundSignificant(ns)} ns` : `${roundSignificant(ns / 1000, 2)} µs`;
}

/** Microseconds, as `71 µs` or `1.2 ms`. */
export function formatUs(us: number): string {
  if (!Number.isFinite(us)) {
    return 'n/a';
  }

  return us < 1000 ? `${roundSignificant(us)} µs` : `${roundSignificant(us / 1000, 2)} ms`;
}

/** Milliseconds, as `640 ms` or `2.1 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) {
    return 'n/a';
  }

  return ms < 1000 ? `${Math.round(ms)} ms` : `${roundSignificant(ms / 1000, 2)} s`;
}

/** Bytes, as `248 B`, `4.6 KB` or `12 MB` (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) {
    return 'n/a';
  }
  // A sign only for what rounds to a size: a few bytes under zero are `0 B`, not `-0 B`.
  const sign = bytes <= -0.5 ? '-' : '';
  const size = Math.abs(bytes);
  if (size < 1024) {
    return `${sign}${Math.round(size)} B`;
  }
  if (size < 1024 * 1024) {
    return `${sign}${roundSignificant(size / 1024, 2)} KB`;
  }

  return `${sign}${roundSignificant(size / (1024 * 1024), 2)} MB`;
}

/** A ratio, as `4.2×`. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${roundSignificant(ratio, 2)}×` : 'n/a';
}

/** A count with thousands grouped, as `12,345`. */
export function formatCount(count: number): string {
  return Number.isFinite(count) ? Math.round(count).toLocaleString('en-US') : 'n/a';
}
