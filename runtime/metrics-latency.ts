import type { Histogram } from 'prom-client';
import { SeriesHistogram } from './metrics-histogram.js';
import type { HistogramSeries, LatencyLabel } from './metrics-histogram.js';
import { Ring, computePercentile } from './metrics-ring.js';

export type { LatencyLabel } from './metrics-histogram.js';

/**
 * One (profile, route) pair's call and attempt histograms, bound once by
 * {@link LatencyRecorder.bindSeries} so recording a duration looks nothing up.
 */
export interface LatencySeries {
  readonly call: HistogramSeries;
  readonly attempt: HistogramSeries;
}

/** Average and tail of the recent calls' durations, in milliseconds. */
export interface LatencySummary {
  /** How many durations the figures are computed over (at most the sample capacity). */
  readonly samples: number;
  /** `null` when no call has finished yet. */
  readonly avgMs: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
}

/**
 * Keeps call and attempt durations in a bounded form: the last N call durations (for the JSON
 * average and percentiles) and, per profile and route, fixed-bucket histograms in seconds (for
 * Prometheus). Neither grows with traffic.
 */
export class LatencyRecorder {
  readonly #recentCallsMs: Ring<number>;
  readonly #callSeconds: SeriesHistogram;
  readonly #attemptSeconds: SeriesHistogram;

  /**
   * @param samples - how many recent call durations the summary covers.
   * @param bucketsSeconds - the histograms' bucket upper bounds, in seconds, ascending.
   */
  constructor(samples: number, bucketsSeconds: readonly number[]) {
    this.#recentCallsMs = new Ring(samples);
    this.#callSeconds = new SeriesHistogram(
      'resilgen_call_duration_seconds',
      'Duration of whole calls (every attempt, delay and fallback included), in seconds.',
      bucketsSeconds,
    );
    this.#attemptSeconds = new SeriesHistogram(
      'resilgen_attempt_duration_seconds',
      'Duration of single HTTP attempts, in seconds.',
      bucketsSeconds,
    );
  }

  /** How many call durations the summary can cover at most. */
  get capacity(): number {
    return this.#recentCallsMs.capacity;
  }

  /** How many call durations are kept now. */
  get size(): number {
    return this.#recentCallsMs.size;
  }

  /** The histograms' series of one (profile, route) pair; keep it for the pair's events. */
  bindSeries(profile: string, route: string): LatencySeries {
    return {
      call: this.#callSeconds.bindSeries(profile, route),
      attempt: this.#attemptSeconds.bindSeries(profile, route),
    };
  }

  /** Records a finished call that took `durationMs`. Non-finite or negative values are ignored. */
  recordCall(series: LatencySeries, durationMs: number): void {
    if (!isDuration(durationMs)) {
      return;
    }

    this.#recentCallsMs.push(durationMs);
    series.call.observe(durationMs / 1000);
  }

  /** Records one attempt that took `durationMs`. Non-finite or negative values are ignored. */
  recordAttempt(series: LatencySeries, durationMs: number): void {
    if (isDuration(durationMs)) {
      series.attempt.observe(durationMs / 1000);
    }
  }

  /**
   * Records a call that succeeded at its first attempt, in `durationMs`: the call and its one
   * attempt took the same time. Non-finite or negative values are ignored.
   */
  recordFirstTry(series: LatencySeries, durationMs: number): void {
    if (!isDuration(durationMs)) {
      return;
    }

    this.#recentCallsMs.push(durationMs);
    const seconds = durationMs / 1000;
    series.call.observe(seconds);
    series.attempt.observe(seconds);
  }

  /** The average, p95 and p99 of the recent call durations. */
  readSummary(): LatencySummary {
    const values = this.#recentCallsMs.toArray();
    const sum = values.reduce((total, value) => total + value, 0);

    return {
      samples: values.length,
      avgMs: values.length === 0 ? null : sum / values.length,
      p95Ms: computePercentile(values, 0.95),
      p99Ms: computePercentile(values, 0.99),
    };
  }

  /** The call and attempt histograms, for an exporter to register in its own registry. */
  readHistograms(): readonly Histogram<LatencyLabel>[] {
    return [this.#callSeconds, this.#attemptSeconds];
  }
}

function isDuration(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}
