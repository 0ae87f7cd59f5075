import type { Histogram } from 'prom-client';
import type { Clock } from './clock.js';
import type {
  BreakerState,
  FirstTrySuccessRecorder,
  RejectionKind,
  ResilienceEvent,
  ResilienceListener,
} from './events.js';
import type { Counts } from './metrics-labels.js';
import type { LatencyLabel, LatencySeries, LatencySummary } from './metrics-latency.js';
import type { MetricsOptions } from './metrics-options.js';
import type { CallEvent, RouteCounters, RouteSeries } from './metrics-route.js';
import { BREAKER_STATES, OVERFLOW_LABEL, addCount, createCounts } from './metrics-labels.js';
import { LatencyRecorder } from './metrics-latency.js';
import { resolveMetricsOptions } from './metrics-options.js';
import { RequestRate } from './metrics-rate.js';
import { SeriesTable } from './metrics-series-table.js';
import { Ring } from './metrics-ring.js';
import { addRouteCounters, countRouteEvent, createRouteCounters } from './metrics-route.js';

/** A recent event worth showing to an operator: a breaker's transition or a rejection. */
export type RecentEvent =
  | {
      readonly type: 'breaker';
      readonly at: number;
      readonly breaker: string;
      readonly profile: string;
      readonly from: BreakerState;
      readonly to: BreakerState;
    }
  | {
      readonly type: 'reject';
      readonly at: number;
      readonly profile: string;
      readonly route: string;
      readonly kind: RejectionKind;
    };

/** What the events said about one breaker. */
export interface BreakerSeries {
  readonly name: string;
  readonly profile: string;
  /** The state of the last transition seen. */
  readonly state: BreakerState;
  /** The clock's time (ms) of the last transition seen. */
  readonly lastChangeAt: number;
  /** Transitions into each state since the registry was created. */
  readonly transitions: Readonly<Counts<BreakerState>>;
}

/** How much the registry holds now, next to the most it can hold. */
export interface MetricsFootprint {
  readonly series: number;
  readonly breakers: number;
  readonly latencySamples: number;
  readonly latencyCapacity: number;
  readonly recentEvents: number;
  readonly recentEventsCapacity: number;
  readonly rateSlots: number;
}

/**
 * Counts what the runtime's events report, per profile and route, in bounded memory: tables
 * with fixed keys per (profile, route) pair, fixed-size rings for latency and recent events,
 * and a slotted window for the request rate. Subscribe {@link MetricsRegistry.listener} to a
 * client's or server's events; read the figures through the `read*` methods.
 */
export class MetricsRegistry {
  /** The clock the registry reads time from. */
  readonly clock: Pick<Clock, 'now'>;
  /** Records one event; pass it wherever a {@link ResilienceListener} is expected. */
  readonly listener: ResilienceListener = Object.assign(
    (event: ResilienceEvent) => this.record(event),
    {
      bindFirstTrySuccess: (
        identity: { readonly route: string; readonly profile: string },
        runtimeClock: object,
      ): FirstTrySuccessRecorder => this.#bindFirstTrySuccess(identity, runtimeClock),
    },
  );
  readonly #maxSeries: number;
  readonly #series: SeriesTable;
  readonly #breakers = new Map<string, BreakerSeries & { transitions: Counts<BreakerState> }>();
  readonly #latency: LatencyRecorder;
  readonly #rate: RequestRate;
  readonly #recent: Ring<RecentEvent>;

  /**
   * @param options - see {@link MetricsOptions}; every field has a default.
   * @throws {@link RuntimeError} `RT_INVALID_METRICS_OPTIONS` for an option out of range.
   */
  constructor(options: MetricsOptions = {}) {
    const settings = resolveMetricsOptions(options);
    this.clock = settings.clock;
    this.#maxSeries = settings.maxSeries;
    this.#latency = new LatencyRecorder(settings.latencySamples, settings.latencyBucketsSeconds);
    this.#series = new SeriesTable(settings.maxSeries, this.#latency);
    this.#rate = new RequestRate(settings.rateWindowMs, settings.rateSlots, this.clock.now());
    this.#recent = new Ring(settings.recentEvents);
  }

  /**
   * Counts `event`. A value outside the known sets (an outcome, reason or kind a newer policy
   * invents) is not counted, and a non-finite duration is not timed.
   */
  record(event: ResilienceEvent): void {
    if (event.type === 'breaker') {
      this.#recordBreaker(event);
      return;
    }

    const entry = this.#series.readOrAdd(event.profile, event.route);
    const series = entry.counters;
    countRouteEvent(series, event);
    if (event.type === 'call' || event.type === 'attempt') {
      this.#recordDuration(entry.latency, event);
    }

    if (event.type === 'reject') {
      const { profile, route } = series;
      this.#recent.push({ type: 'reject', at: event.at, profile, route, kind: event.kind });
    }
  }

  /** Every (profile, route) series, in the order first seen: a live view, not to be modified. */
  readSeries(): readonly RouteSeries[] {
    return [...this.#series.counters];
  }

  /** The counters summed over every route, or over the routes of `profile` when given. */
  readTotals(profile?: string): RouteCounters {
    const totals = createRouteCounters();
    for (const series of this.#series.counters) {
      if (profile === undefined || series.profile === profile) {
        addRouteCounters(totals, series);
      }
    }

    return totals;
  }

  /** Every breaker a transition was seen for. */
  readBreakers(): readonly BreakerSeries[] {
    return [...this.#breakers.values()];
  }

  /** Average, p95 and p99 of the most recent call durations, in milliseconds. */
  readLatency(): LatencySummary {
    return this.#latency.readSummary();
  }

  /** The latency histograms, for an exporter to register in its private registry. */
  readHistograms(): readonly Histogram<LatencyLabel>[] {
    return this.#latency.readHistograms();
  }

  /** Finished calls per second over the rate window that ends now. */
  readRequestsPerSecond(): number {
    return this.#rate.readPerSecond(this.clock.now());
  }

  /** The recent breaker transitions and rejections, oldest first. */
  readRecentEvents(): RecentEvent[] {
    return this.#recent.toArray();
  }

  /** How much the registry holds now; none of it grows with the number of calls. */
  readFootprint(): MetricsFootprint {
    return {
      series: this.#series.counters.length,
      breakers: this.#breakers.size,
      latencySamples: this.#latency.size,
      latencyCapacity: this.#latency.capacity,
      recentEvents: this.#recent.size,
      recentEventsCapacity: this.#recent.capacity,
      rateSlots: this.#rate.slots,
    };
  }

  /**
   * A recorder counting what an `attempt` event (1, success) and a `call` event (success, 1
   * attempt, network) of the route would: the series is found once, here. The request rate
   * takes the events' reading when the runtime's clock is the registry's.
   */
  #bindFirstTrySuccess(
    identity: { readonly route: string; readonly profile: string },
    runtimeClock: object,
  ): FirstTrySuccessRecorder {
    const entry = this.#series.readOrAdd(identity.profile, identity.route);
    const { counters, latency } = entry;
    const sameClock = runtimeClock === this.clock;

    return (durationMs, at) => {
      counters.attempts.success++;
      counters.calls.success++;
      this.#latency.recordFirstTry(latency, durationMs);
      this.#rate.add(sameClock ? at : this.clock.now());
    };
  }

  #recordDuration(latency: LatencySeries, event: CallEvent & { type: 'call' | 'attempt' }): void {
    if (event.type === 'attempt') {
      this.#latency.recordAttempt(latency, event.durationMs);
      return;
    }

    this.#latency.recordCall(latency, event.durationMs);
    this.#rate.add(this.clock.now());
  }

  #recordBreaker(event: ResilienceEvent & { type: 'breaker' }): void {
    const { breaker, profile, from, to, at } = event;
    this.#recent.push({ type: 'breaker', at, breaker, profile, from, to });
    const fits = this.#breakers.has(breaker) || this.#breakers.size < this.#maxSeries;
    const name = fits ? breaker : OVERFLOW_LABEL;
    const transitions = this.#breakers.get(name)?.transitions ?? createCounts(BREAKER_STATES);
    addCount(transitions, to);
    this.#breakers.set(name, {
      name,
      profile: fits ? profile : OVERFLOW_LABEL,
      state: to,
      lastChangeAt: at,
      transitions,
    });
  }
}
