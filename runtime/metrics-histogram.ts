import { Histogram } from 'prom-client';

/** The label names of the latency histograms: few-valued, never taken from a request. */
export type LatencyLabel = 'profile' | 'route';

type Labels = Readonly<Record<LatencyLabel, string>>;
/** What prom-client's `get()` answers. */
type Samples = Awaited<ReturnType<Histogram<LatencyLabel>['get']>>;
type Sample = Samples['values'][number];

/**
 * One (profile, route) series of a {@link SeriesHistogram}: its counts per bucket, sum and
 * count. A caller keeps it (one per series) and observes into it without any label lookup.
 */
export class HistogramSeries {
  readonly labels: Labels;
  /** Observations per bucket, not cumulative; the last slot counts those above every bound. */
  readonly counts: Float64Array;
  /** The sum of the observed values, in the histogram's unit. */
  sum = 0;
  /** How many values were observed. */
  count = 0;
  readonly #bounds: readonly number[];

  /** @param bounds - the buckets' upper bounds, ascending, shared with the histogram. */
  constructor(labels: Labels, bounds: readonly number[]) {
    this.labels = labels;
    this.#bounds = bounds;
    this.counts = new Float64Array(bounds.length + 1);
  }

  /** Counts `value` (a finite number, in the histogram's unit) in its bucket. */
  observe(value: number): void {
    const bounds = this.#bounds;
    let at = 0;
    while (at < bounds.length && value > (bounds[at] as number)) {
      at++;
    }
    this.counts[at] = (this.counts[at] as number) + 1;
    this.sum += value;
    this.count++;
  }
}

/**
 * A prom-client histogram labelled by profile and route whose counts live on
 * {@link HistogramSeries} objects: {@link SeriesHistogram.bindSeries} hands one out per label
 * pair, once, and its `observe` costs a loop over the bounds, where prom-client's own validates
 * the labels and hashes them into a string on every observation. prom-client's registry reads
 * the series at scrape time. `observe(labels, value)` still works (through the same series).
 */
export class SeriesHistogram extends Histogram<LatencyLabel> {
  readonly #bounds: readonly number[];
  readonly #series = new Map<string, Map<string, HistogramSeries>>();

  /** @param bucketsSeconds - the buckets' upper bounds, ascending. */
  constructor(name: string, help: string, bucketsSeconds: readonly number[]) {
    // `registers: []` keeps the histogram out of prom-client's global registry: exporters
    // register it in their own private registries.
    super({
      name,
      help,
      labelNames: ['profile', 'route'],
      buckets: [...bucketsSeconds],
      registers: [],
    });
    this.#bounds = Object.freeze([...bucketsSeconds]);
    // prom-client sets `observe` on the instance, so it is replaced here, not overridden.
    this.observe = (labels: object | number, value?: number): void => {
      const { profile = '', route = '' } = labels as Partial<Labels>;
      if (typeof value === 'number' && Number.isFinite(value)) {
        this.bindSeries(String(profile), String(route)).observe(value);
      }
    };
  }

  /** The series of one (profile, route) pair, created on first use; keep it and observe into it. */
  bindSeries(profile: string, route: string): HistogramSeries {
    let routes = this.#series.get(profile);
    if (routes === undefined) {
      routes = new Map();
      this.#series.set(profile, routes);
    }
    let series = routes.get(route);
    if (series === undefined) {
      series = new HistogramSeries({ profile, route }, this.#bounds);
      routes.set(route, series);
    }

    return series;
  }

  /** The samples as prom-client's registry renders them, labels kept apart as it expects. */
  getForPromString(): Promise<Samples> {
    return Promise.resolve(this.#collectSamples(false));
  }

  /** The samples as prom-client's own `get()` gives them: `le` and the series' labels merged. */
  override get(): Promise<Samples> {
    return Promise.resolve(this.#collectSamples(true));
  }

  /** Sets every series back to zero; the series handed out stay bound. */
  override reset(): void {
    super.reset();
    // prom-client's constructor calls reset() before this class's fields exist.
    if (!(#series in this)) {
      return;
    }
    for (const routes of this.#series.values()) {
      for (const series of routes.values()) {
        series.counts.fill(0);
        series.sum = 0;
        series.count = 0;
      }
    }
  }

  #collectSamples(splay: boolean): Samples {
    const { name, help, type, aggregator, collect } = this as unknown as Samples;
    const values: Sample[] = [];
    const add = (series: HistogramSeries, suffix: string, value: number, le?: number | string) => {
      const own = le === undefined ? {} : { le };
      const sample = splay
        ? { labels: { ...own, ...series.labels }, value, metricName: `${name}${suffix}` }
        : { labels: own, sharedLabels: series.labels, value, metricName: `${name}${suffix}` };
      values.push(sample as Sample);
    };
    for (const routes of this.#series.values()) {
      for (const series of routes.values()) {
        let cumulative = 0;
        this.#bounds.forEach((bound, at) => {
          cumulative += series.counts[at] as number;
          add(series, '_bucket', cumulative, bound);
        });
        add(series, '_bucket', series.count, '+Inf');
        add(series, '_sum', series.sum);
        add(series, '_count', series.count);
      }
    }

    return { name, help, type, aggregator, collect, values };
  }
}
