import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { ParsedFamily } from 'parse-prometheus-text-format';
import { register } from 'prom-client';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeClock } from '../../runtime/fake-clock.js';
import { PrometheusExporter } from '../../runtime/metrics-prometheus.js';
import { MetricsRegistry } from '../../runtime/metrics.js';
import {
  FakeSource,
  T0,
  USER_ROUTE,
  makeBreaker,
  makeBulkhead,
  makeScriptedEvents,
} from './monitoring-fixtures.js';

const USERS = { profile: 'default', route: USER_ROUTE };

async function scrape(flavor: 'prometheus' | 'openmetrics' = 'prometheus') {
  const clock = new FakeClock(T0);
  const metrics = new MetricsRegistry({ clock });
  const source = new FakeSource([
    {
      name: 'default',
      maxAttempts: 3,
      breakers: [makeBreaker('default', { state: 'open' })],
      bulkheads: [makeBulkhead('default', { inFlight: 4, queued: 2, rejected: 7 })],
    },
  ]);
  makeScriptedEvents(() => clock.now()).forEach(metrics.listener);
  const exporter = new PrometheusExporter(metrics, [source], flavor);

  return { exporter, metrics, source, text: await exporter.render() };
}

function readFamily(families: readonly ParsedFamily[], name: string): ParsedFamily {
  const family = families.find((candidate) => candidate.name === name);
  assert.ok(family, `family ${name} is missing`);

  return family;
}

/** The value of the sample of `name` whose labels include `labels`. */
function readValue(families: readonly ParsedFamily[], name: string, labels: object): number {
  const sample = readFamily(families, name).metrics.find((candidate) =>
    Object.entries(labels).every(([key, value]) => candidate.labels?.[key] === value),
  );
  assert.ok(sample, `${name}${JSON.stringify(labels)} is missing`);

  return Number(sample.value);
}

test('counters carry the scripted traffic per profile, route and outcome', async () => {
  const families = parsePrometheusTextFormat((await scrape()).text);
  const value = (name: string, labels: object = {}) =>
    readValue(families, name, { ...USERS, ...labels });

  assert.is(readFamily(families, 'resilgen_attempts_total').type, 'COUNTER');
  assert.is(value('resilgen_attempts_total', { outcome: 'success' }), 2);
  assert.is(value('resilgen_attempts_total', { outcome: 'failure' }), 3);
  assert.is(value('resilgen_attempts_total', { outcome: 'passthrough' }), 0);
  assert.is(value('resilgen_retries_total'), 2);
  assert.is(value('resilgen_retries_refused_total', { reason: 'attempts-exhausted' }), 1);
  assert.is(value('resilgen_calls_total', { outcome: 'success' }), 3);
  assert.is(value('resilgen_retried_calls_total', { outcome: 'failure' }), 1);
  assert.is(value('resilgen_fallbacks_total', { source: 'default' }), 1);
  assert.is(value('resilgen_cache_hits_total'), 1);
  assert.is(value('resilgen_cache_misses_total'), 1);
  assert.is(value('resilgen_timeouts_total', { kind: 'attempt' }), 1);
  const rejections = { profile: 'highAvailability', route: 'GET /api/users', kind: 'circuit-open' };
  assert.is(readValue(families, 'resilgen_rejections_total', rejections), 1);
});

test('the breaker state gauge has one series per state, 1 for the current one', async () => {
  const families = parsePrometheusTextFormat((await scrape()).text);
  const gauge = readFamily(families, 'resilgen_breaker_state');

  assert.is(gauge.type, 'GAUGE');
  assert.equal(
    gauge.metrics.map((sample) => [sample.labels?.state, sample.value]),
    [
      ['closed', '0'],
      ['half-open', '0'],
      ['open', '1'],
      ['isolated', '0'],
    ],
  );
  assert.ok(gauge.metrics.every((sample) => sample.labels?.breaker === 'default'));
  const transitions = { breaker: 'default', profile: 'default', state: 'open' };
  assert.is(readValue(families, 'resilgen_breaker_transitions_total', transitions), 1);
});

test('the gauges follow the sources from one scrape to the next', async () => {
  const { exporter, source } = await scrape();
  source.setState('default', 'half-open');

  const families = parsePrometheusTextFormat(await exporter.render());
  const state = (name: string) =>
    readValue(families, 'resilgen_breaker_state', { breaker: 'default', state: name });
  assert.equal([state('open'), state('half-open')], [0, 1]);
});

test('bulkhead figures come from the sources', async () => {
  const families = parsePrometheusTextFormat((await scrape()).text);
  const labels = { bulkhead: 'default', profile: 'default' };

  assert.is(readValue(families, 'resilgen_bulkhead_in_flight', labels), 4);
  assert.is(readValue(families, 'resilgen_bulkhead_queued', labels), 2);
  assert.is(readValue(families, 'resilgen_bulkhead_rejected_total', labels), 7);
});

/**
 * The parser folds a histogram's samples into one and drops their labels, so histograms are
 * read as untyped families (`_bucket`, `_sum`, `_count`) with their labels kept.
 */
function parseUntyped(text: string): ParsedFamily[] {
  return parsePrometheusTextFormat(text.replace(/^# TYPE \S+ histogram$/gm, ''));
}

test('latency histograms are in seconds, per profile and route', async () => {
  const { text } = await scrape();
  const families = parseUntyped(text);
  const bucket = (le: string) =>
    readValue(families, 'resilgen_call_duration_seconds_bucket', { ...USERS, le });

  assert.match(text, /^# TYPE resilgen_call_duration_seconds histogram$/m);
  assert.is(readValue(families, 'resilgen_call_duration_seconds_count', USERS), 4);
  const sum = readValue(families, 'resilgen_call_duration_seconds_sum', USERS);
  assert.ok(Math.abs(sum - 2.321) < 1e-9, `sum ${sum}`);
  assert.is(bucket('0.025'), 2, '1 ms and 20 ms');
  assert.is(bucket('1'), 2);
  assert.is(bucket('2.5'), 4, '1.1 s and 1.2 s');
  assert.is(bucket('+Inf'), 4);
  assert.is(readValue(families, 'resilgen_attempt_duration_seconds_count', USERS), 5);
});

test('labels are only names from the config and closed-set dimensions', async () => {
  const families = parseUntyped((await scrape()).text);
  const allowed = ['profile', 'route', 'breaker', 'bulkhead'];
  const closed = ['outcome', 'reason', 'kind', 'source', 'state', 'le'];
  const names = new Set(
    families.flatMap((family) => family.metrics.flatMap((s) => Object.keys(s.labels ?? {}))),
  );

  assert.equal(
    [...names].filter((name) => ![...allowed, ...closed].includes(name)),
    [],
  );
});

test('the exporter writes to a private registry, never the global one', async () => {
  const before = await register.metrics();
  await scrape();

  assert.not.match(await register.metrics(), 'resilgen_');
  assert.is(await register.metrics(), before);
});

test('the openmetrics flavour has its content type, _total counters and EOF', async () => {
  const { exporter, text } = await scrape('openmetrics');

  assert.match(exporter.contentType, /^application\/openmetrics-text; version=1\.0\.0/);
  assert.match(text, /^resilgen_attempts_total\{.*outcome="success"\} 2$/m);
  assert.match(text, /# EOF\n$/);
});

test('the prometheus flavour keeps _total after an openmetrics exporter has scraped', async () => {
  const { metrics, text } = await scrape('prometheus');
  await new PrometheusExporter(metrics, [], 'openmetrics').render();

  const again = await new PrometheusExporter(metrics, [], 'prometheus').render();
  assert.match(text, /^# TYPE resilgen_attempts_total counter$/m);
  assert.match(again, /^resilgen_attempts_total\{/m);
});

test.run();
