import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeClock } from '../../runtime/fake-clock.js';
import { MetricsRegistry } from '../../runtime/metrics.js';
import {
  aggregateBreakers,
  buildMetricsBody,
  computeSuccessRate,
} from '../../runtime/monitoring-metrics-body.js';
import { FakeSource, T0, makeBreaker, makeScriptedEvents } from './monitoring-fixtures.js';

function keysOf(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

test('the body has exactly the seed keys, section by section', async () => {
  const clock = new FakeClock(T0);
  const body = buildMetricsBody(new MetricsRegistry({ clock }), [], clock);

  assert.equal(keysOf(body), ['performance', 'resilience', 'timestamp']);
  assert.equal(keysOf(body.resilience), ['circuit_breaker', 'fallback', 'retry']);
  assert.equal(keysOf(body.resilience.retry), [
    'failed_retries',
    'success_rate',
    'successful_retries',
    'total_attempts',
  ]);
  assert.equal(keysOf(body.resilience.circuit_breaker), [
    'failure_count',
    'last_failure',
    'next_attempt',
    'state',
    'success_count',
  ]);
  assert.equal(keysOf(body.resilience.fallback), [
    'cache_hits',
    'cache_misses',
    'fallback_executions',
  ]);
  assert.equal(keysOf(body.performance), [
    'avg_response_time',
    'p95_response_time',
    'p99_response_time',
    'requests_per_second',
  ]);
});

test('before any traffic, rates and times are null and counts zero', () => {
  const clock = new FakeClock(T0);
  const body = buildMetricsBody(new MetricsRegistry({ clock }), [], clock);

  assert.is(body.timestamp, '2024-01-15T10:30:45.000Z');
  assert.equal(body.resilience.retry, {
    total_attempts: 0,
    successful_retries: 0,
    failed_retries: 0,
    success_rate: null,
  });
  assert.equal(body.resilience.circuit_breaker, {
    state: 'closed',
    failure_count: 0,
    success_count: 0,
    last_failure: null,
    next_attempt: null,
  });
  assert.equal(body.performance, {
    avg_response_time: null,
    p95_response_time: null,
    p99_response_time: null,
    requests_per_second: 0,
  });
});

test('the scripted traffic gives the seed figures', async () => {
  const clock = new FakeClock(T0);
  const metrics = new MetricsRegistry({ clock });
  makeScriptedEvents(() => clock.now()).forEach(metrics.listener);
  await clock.advance(2000);

  const body = buildMetricsBody(metrics, [], clock);
  assert.equal(body.resilience.retry, {
    total_attempts: 5,
    successful_retries: 1,
    failed_retries: 1,
    success_rate: 0.75,
  });
  assert.equal(body.resilience.fallback, {
    cache_hits: 1,
    cache_misses: 1,
    fallback_executions: 1,
  });
  assert.equal(body.performance, {
    avg_response_time: 580.25,
    p95_response_time: 1200,
    p99_response_time: 1200,
    requests_per_second: 2,
  });
});

test('the breaker aggregate takes the worst state, sums counts and picks extreme times', () => {
  const aggregate = aggregateBreakers([
    makeBreaker('default', { successCount: 10, failureCount: 2, lastFailureAt: T0 - 5000 }),
    makeBreaker('fastFail', {
      state: 'open',
      successCount: 3,
      failureCount: 4,
      lastFailureAt: T0,
      nextAttemptAt: T0 + 5000,
    }),
    makeBreaker('highAvailability', { state: 'half-open', nextAttemptAt: T0 + 1000 }),
  ]);

  assert.equal(aggregate, {
    state: 'open',
    failure_count: 6,
    success_count: 13,
    last_failure: '2024-01-15T10:30:45.000Z',
    next_attempt: '2024-01-15T10:30:46.000Z',
  });
});

test('an isolated breaker is worse than an open one', () => {
  const breakers = [makeBreaker('a', { state: 'isolated' }), makeBreaker('b', { state: 'open' })];

  assert.is(aggregateBreakers(breakers).state, 'isolated');
});

test('the sources give the breaker aggregate of the body', () => {
  const clock = new FakeClock(T0);
  const source = new FakeSource([
    { name: 'default', maxAttempts: 3, breakers: [makeBreaker('default')], bulkheads: [] },
  ]);
  source.setState('default', 'half-open');

  const body = buildMetricsBody(new MetricsRegistry({ clock }), [source], clock);
  assert.is(body.resilience.circuit_breaker.state, 'half-open');
});

test('the success rate leaves passthrough answers out and is null with no decided call', () => {
  assert.is(computeSuccessRate({ success: 0, failure: 0, passthrough: 9 }), null);
  assert.is(computeSuccessRate({ success: 2, failure: 1, passthrough: 9 }), 0.6667);
  assert.is(computeSuccessRate({ success: 0, failure: 4, passthrough: 0 }), 0);
});

test.run();
