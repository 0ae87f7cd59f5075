import { Registry } from 'prom-client';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SeriesHistogram } from '../../runtime/metrics-histogram.js';

function makeHistogram(): SeriesHistogram {
  return new SeriesHistogram('t_seconds', 'Test durations.', [0.1, 1]);
}

test('a bound series counts each value in the first bucket whose bound it does not exceed', () => {
  const histogram = makeHistogram();
  const series = histogram.bindSeries('p', 'GET /a');
  for (const value of [0.05, 0.1, 0.5, 3]) {
    series.observe(value);
  }
  assert.equal([...series.counts], [2, 1, 1]);
  assert.is(series.count, 4);
  assert.ok(Math.abs(series.sum - 3.65) < 1e-12);
  assert.is(histogram.bindSeries('p', 'GET /a'), series, 'one series per label pair');
});

test('get() gives cumulative buckets, +Inf, sum and count with the labels merged', async () => {
  const histogram = makeHistogram();
  histogram.bindSeries('p', 'GET /a').observe(0.5);
  histogram.observe({ profile: 'p', route: 'GET /a' }, 2);
  const { values, name, type } = await histogram.get();
  assert.is(name, 't_seconds');
  assert.is(type, 'histogram');
  const read = (metricName: string, le?: number | string) =>
    values.find(
      (v) =>
        v.metricName === metricName &&
        (v.labels as Record<string, unknown>)['le'] === le &&
        v.labels.route === 'GET /a',
    )?.value;
  assert.equal([read('t_seconds_bucket', 0.1), read('t_seconds_bucket', 1)], [0, 1]);
  assert.is(read('t_seconds_bucket', '+Inf'), 2);
  assert.is(read('t_seconds_sum'), 2.5);
  assert.is(read('t_seconds_count'), 2);
});

test('a registry renders the series, and reset() zeroes them while they stay bound', async () => {
  const histogram = makeHistogram();
  const registry = new Registry();
  registry.registerMetric(histogram);
  const series = histogram.bindSeries('p', 'GET /a');
  series.observe(0.2);
  const text = await registry.metrics();
  assert.match(text, 't_seconds_bucket{le="1",profile="p",route="GET /a"} 1');
  assert.match(text, 't_seconds_count{profile="p",route="GET /a"} 1');
  registry.resetMetrics();
  series.observe(5);
  const after = await registry.metrics();
  assert.match(after, 't_seconds_bucket{le="1",profile="p",route="GET /a"} 0');
  assert.match(after, 't_seconds_count{profile="p",route="GET /a"} 1');
});

test.run();
