import { Counter, Gauge, Registry } from 'prom-client';
import type { RegistryContentType } from 'prom-client';
import type { MetricsRegistry } from './metrics.js';
import type { RouteSeries } from './metrics-route.js';
import type { BulkheadSnapshot, ResilienceSource } from './snapshot.js';
import { BREAKER_STATES } from './metrics-labels.js';
import { readBreakers, readBulkheads } from './monitoring-sources.js';

/** The text format an exporter writes: Prometheus 0.0.4 or OpenMetrics 1.0.0. */
export type PrometheusFlavor = 'prometheus' | 'openmetrics';

/** A counter kept per profile and route, read from a {@link RouteSeries} at scrape time. */
interface RouteCounterSpec {
  readonly name: string;
  readonly help: string;
  /** The label a table's keys go under; absent for a single number. */
  readonly label?: 'outcome' | 'reason' | 'kind' | 'source';
  readonly read: (series: RouteSeries) => number | Readonly<Record<string, number>>;
}

const ROUTE_COUNTERS: readonly RouteCounterSpec[] = [
  {
    name: 'resilgen_attempts_total',
    help: 'HTTP attempts made (first attempts included), by outcome.',
    label: 'outcome',
    read: (series) => series.attempts,
  },
  {
    name: 'resilgen_retries_total',
    help: 'Retries scheduled after a failed attempt.',
    read: (series) => series.retries,
  },
  {
    name: 'resilgen_retries_refused_total',
    help: 'Retries the profile allowed that did not happen, by reason.',
    label: 'reason',
    read: (series) => series.refusedRetries,
  },
  {
    name: 'resilgen_calls_total',
    help: 'Finished calls, by outcome.',
    label: 'outcome',
    read: (series) => series.calls,
  },
  {
    name: 'resilgen_retried_calls_total',
    help: 'Finished calls that needed at least one retry, by outcome.',
    label: 'outcome',
    read: (series) => series.retriedCalls,
  },
  {
    name: 'resilgen_rejections_total',
    help: 'Calls refused without an attempt, by the refusing policy.',
    label: 'kind',
    read: (series) => series.rejections,
  },
  {
    name: 'resilgen_fallbacks_total',
    help: 'Calls answered by a fallback, by source.',
    label: 'source',
    read: (series) => series.fallbacks,
  },
  {
    name: 'resilgen_cache_hits_total',
    help: 'Cache lookups that found a fresh answer.',
    read: (series) => series.cacheHits,
  },
  {
    name: 'resilgen_cache_misses_total',
    help: 'Cache lookups that found no fresh answer.',
    read: (series) => series.cacheMisses,
  },
  {
    name: 'resilgen_timeouts_total',
    help: 'Timeouts that fired, by scope (attempt or total).',
    label: 'kind',
    read: (series) => series.timeouts,
  },
];

/** A bulkhead figure read from the sources' snapshots at scrape time. */
interface BulkheadMetricSpec {
  readonly name: string;
  readonly help: string;
  /** `counter` for a figure that only grows since the process started. */
  readonly type: 'gauge' | 'counter';
  readonly read: (bulkhead: BulkheadSnapshot) => number;
}

const BULKHEAD_METRICS: readonly BulkheadMetricSpec[] = [
  {
    name: 'resilgen_bulkhead_in_flight',
    help: 'Calls a bulkhead lets run now.',
    type: 'gauge',
    read: (bulkhead) => bulkhead.inFlight,
  },
  {
    name: 'resilgen_bulkhead_queued',
    help: 'Calls waiting in a bulkhead queue now.',
    type: 'gauge',
    read: (bulkhead) => bulkhead.queued,
  },
  {
    name: 'resilgen_bulkhead_rejected_total',
    help: 'Calls a bulkhead rejected since the process started.',
    type: 'counter',
    read: (bulkhead) => bulkhead.rejected,
  },
];

/**
 * Writes a {@link MetricsRegistry} and the sources' live breakers and bulkheads in the
 * Prometheus (or OpenMetrics) text format through prom-client. Its prom-client registry is
 * private, never the global one, and its counters and gauges read their values at scrape time,
 * so they always agree with the registry and the sources.
 */
export class PrometheusExporter {
  readonly #registry: Registry<RegistryContentType>;

  /**
   * @param metrics - the counters to expose.
   * @param sources - the live policies whose breakers and bulkheads to expose.
   * @param flavor - the text format; default `prometheus`.
   */
  constructor(
    metrics: MetricsRegistry,
    sources: readonly ResilienceSource[],
    flavor: PrometheusFlavor = 'prometheus',
  ) {
    this.#registry = new Registry<RegistryContentType>();
    this.#registry.setContentType(
      flavor === 'openmetrics'
        ? Registry.OPENMETRICS_CONTENT_TYPE
        : Registry.PROMETHEUS_CONTENT_TYPE,
    );
    for (const spec of ROUTE_COUNTERS) {
      defineRouteCounter(this.#registry, metrics, spec);
    }

    defineBreakerMetrics(this.#registry, metrics, sources);
    for (const spec of BULKHEAD_METRICS) {
      defineBulkheadMetric(this.#registry, sources, spec);
    }

    for (const histogram of metrics.readHistograms()) {
      this.#registry.registerMetric(histogram);
    }
  }

  /** The `Content-Type` of what {@link PrometheusExporter.render} writes. */
  get contentType(): RegistryContentType {
    return this.#registry.contentType;
  }

  /** The current figures in the exporter's text format. */
  render(): Promise<string> {
    return this.#registry.metrics();
  }
}

function defineRouteCounter(
  registry: Registry<RegistryContentType>,
  metrics: MetricsRegistry,
  spec: RouteCounterSpec,
): void {
  const { name, help, label } = spec;
  new Counter({
    name,
    help,
    labelNames: label === undefined ? ['profile', 'route'] : ['profile', 'route', label],
    registers: [registry],
    collect() {
      this.reset();
      for (const series of metrics.readSeries()) {
        const labels = { profile: series.profile, route: series.route };
        const value = spec.read(series);
        if (typeof value === 'number') {
          this.inc(labels, value);
          continue;
        }

        for (const [key, count] of Object.entries(value)) {
          this.inc({ ...labels, [label ?? 'kind']: key }, count);
        }
      }
    },
  });
}

function defineBreakerMetrics(
  registry: Registry<RegistryContentType>,
  metrics: MetricsRegistry,
  sources: readonly ResilienceSource[],
): void {
  new Gauge({
    name: 'resilgen_breaker_state',
    help: 'Circuit breaker state: 1 for the current state, 0 for the others.',
    labelNames: ['breaker', 'profile', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const breaker of readBreakers(sources)) {
        for (const state of BREAKER_STATES) {
          const labels = { breaker: breaker.name, profile: breaker.profile, state };
          this.set(labels, state === breaker.state ? 1 : 0);
        }
      }
    },
  });
  new Counter({
    name: 'resilgen_breaker_transitions_total',
    help: 'Circuit breaker transitions, by the state entered.',
    labelNames: ['breaker', 'profile', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const breaker of metrics.readBreakers()) {
        for (const state of BREAKER_STATES) {
          const labels = { breaker: breaker.name, profile: breaker.profile, state };
          this.inc(labels, breaker.transitions[state]);
        }
      }
    },
  });
}

function defineBulkheadMetric(
  registry: Registry<RegistryContentType>,
  sources: readonly ResilienceSource[],
  spec: BulkheadMetricSpec,
): void {
  const options = {
    name: spec.name,
    help: spec.help,
    labelNames: ['bulkhead', 'profile'] as const,
    registers: [registry],
  };
  const readFigures = () =>
    readBulkheads(sources).map((bulkhead) => ({
      labels: { bulkhead: bulkhead.name, profile: bulkhead.profile },
      value: spec.read(bulkhead),
    }));
  if (spec.type === 'gauge') {
    new Gauge({
      ...options,
      collect() {
        this.reset();
        readFigures().forEach(({ labels, value }) => this.set(labels, value));
      },
    });
    return;
  }

  new Counter({
    ...options,
    collect() {
      this.reset();
      readFigures().forEach(({ labels, value }) => this.inc(labels, value));
    },
  });
}
