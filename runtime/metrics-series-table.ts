import type { LatencyRecorder, LatencySeries } from './metrics-latency.js';
import { OVERFLOW_LABEL } from './metrics-labels.js';
import type { RouteCounters, RouteSeries } from './metrics-route.js';
import { createRouteCounters } from './metrics-route.js';

/** A (profile, route) pair's counters with its latency histograms' series, found together. */
export interface SeriesEntry {
  readonly counters: RouteSeries & RouteCounters;
  readonly latency: LatencySeries;
}

/**
 * The bounded table of (profile, route) series a metrics registry counts into. Each event
 * looks its series up twice by identity of strings (profile, then route), with no key to build
 * and no label to hash; past `maxSeries` pairs, every new pair shares one overflow series
 * labelled {@link OVERFLOW_LABEL}, so no amount of distinct names grows the table.
 */
export class SeriesTable {
  /** Every series' counters, in the order first seen (the overflow series included). */
  readonly counters: (RouteSeries & RouteCounters)[] = [];
  readonly #entries = new Map<string, Map<string, SeriesEntry>>();
  readonly #maxSeries: number;
  readonly #latency: LatencyRecorder;
  #overflow: SeriesEntry | undefined;

  /**
   * @param maxSeries - how many distinct pairs get a series of their own.
   * @param latency - the recorder whose histograms each series binds once.
   */
  constructor(maxSeries: number, latency: LatencyRecorder) {
    this.#maxSeries = maxSeries;
    this.#latency = latency;
  }

  /** The entry of the pair, added when new (or the overflow entry once the table is full). */
  readOrAdd(profile: string, route: string): SeriesEntry {
    const found = this.#entries.get(profile)?.get(route);
    if (found !== undefined) {
      return found;
    }
    if (this.counters.length >= this.#maxSeries) {
      this.#overflow ??= this.#addEntry(OVERFLOW_LABEL, OVERFLOW_LABEL);

      return this.#overflow;
    }
    const entry = this.#addEntry(profile, route);
    const routes = this.#entries.get(profile) ?? new Map<string, SeriesEntry>();
    this.#entries.set(profile, routes.set(route, entry));

    return entry;
  }

  #addEntry(profile: string, route: string): SeriesEntry {
    const counters = { profile, route, ...createRouteCounters() };
    this.counters.push(counters);

    return { counters, latency: this.#latency.bindSeries(profile, route) };
  }
}
