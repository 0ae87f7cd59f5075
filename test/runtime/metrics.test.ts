import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RuntimeErrorCodes } from '../../runtime/error-codes.js';
import { isRuntimeError } from '../../runtime/errors.js';
import { FakeClock } from '../../runtime/fake-clock.js';
import { OVERFLOW_LABEL } from '../../runtime/metrics-labels.js';
import { MetricsRegistry } from '../../runtime/metrics.js';
import { T0, USER_ROUTE, makeEvents, makeScriptedEvents } from './monitoring-fixtures.js';

function setUp(options: ConstructorParameters<typeof MetricsRegistry>[0] = {}) {
  const clock = new FakeClock(T0);
  const metrics = new MetricsRegistry({ clock, ...options });

  return { clock, metrics };
}

test('counts attempts, retries and calls of one route by outcome', () => {
  const { clock, metrics } = setUp();
  makeScriptedEvents(() => clock.now()).forEach(metrics.listener);

  const [users, other] = metrics.readSeries();
  assert.is(users?.profile, 'default');
  assert.is(users?.route, USER_ROUTE);
  assert.equal(users?.attempts, { success: 2, failure: 3, passthrough: 0 });
  assert.is(users?.retries, 2);
  assert.is(users?.refusedRetries['attempts-exhausted'], 1);
  assert.equal(users?.calls, { success: 3, failure: 1, passthrough: 0 });
  assert.equal(users?.retriedCalls, { success: 1, failure: 1, passthrough: 0 });
  assert.equal([users?.cacheHits, users?.cacheMisses], [1, 1]);
  assert.equal(users?.timeouts, { attempt: 1, total: 0 });
  assert.equal(users?.fallbacks, { 'stale-cache': 0, alternative: 0, default: 1 });
  assert.is(other?.profile, 'highAvailability');
  assert.is(other?.rejections['circuit-open'], 1);
});

test('totals sum every route, or only the routes of one profile', () => {
  const { clock, metrics } = setUp();
  makeScriptedEvents(() => clock.now()).forEach(metrics.listener);

  assert.is(metrics.readTotals().rejections['circuit-open'], 1);
  assert.is(metrics.readTotals('default').rejections['circuit-open'], 0);
  assert.is(metrics.readTotals('default').calls.success, 3);
  assert.is(metrics.readTotals('nobody').calls.success, 0);
});

test('a call that passed through after a retry counts as retried but neither way', () => {
  const { clock, metrics } = setUp();
  metrics.record(makeEvents('default', USER_ROUTE, () => clock.now()).call('passthrough', 2, 5));

  const totals = metrics.readTotals();
  assert.equal(totals.retriedCalls, { success: 0, failure: 0, passthrough: 1 });
});

test('values outside the known sets are not counted and add no keys', () => {
  const { metrics } = setUp();
  const odd = { type: 'reject', kind: 'rate-limited', profile: 'p', route: 'GET /', at: T0 };
  metrics.record(odd as never);

  assert.equal(Object.keys(metrics.readTotals().rejections).sort(), [
    'bulkhead-full',
    'bulkhead-queue-timeout',
    'circuit-open',
  ]);
});

test('breaker transitions are counted by the state entered, with the last state kept', () => {
  const { metrics } = setUp();
  const transition = (from: 'closed' | 'open' | 'half-open', to: typeof from, at: number) =>
    metrics.record({ type: 'breaker', breaker: 'default', profile: 'default', from, to, at });
  transition('closed', 'open', T0);
  transition('open', 'half-open', T0 + 30_000);
  transition('half-open', 'open', T0 + 30_100);

  const [breaker] = metrics.readBreakers();
  assert.is(breaker?.state, 'open');
  assert.is(breaker?.lastChangeAt, T0 + 30_100);
  assert.equal(breaker?.transitions, { closed: 0, 'half-open': 1, open: 2, isolated: 0 });
});

test('latency average and nearest-rank percentiles cover the recent calls', () => {
  const { clock, metrics } = setUp({ latencySamples: 4 });
  const user = makeEvents('default', USER_ROUTE, () => clock.now());
  assert.equal(metrics.readLatency(), { samples: 0, avgMs: null, p95Ms: null, p99Ms: null });

  [5000, 10, 20, 30, 40].forEach((ms) => metrics.record(user.call('success', 1, ms)));

  assert.equal(metrics.readLatency(), { samples: 4, avgMs: 25, p95Ms: 40, p99Ms: 40 });
});

test('requests per second divide the calls in the window by the time it covers', async () => {
  const { clock, metrics } = setUp({ rateWindowMs: 10_000, rateSlots: 10 });
  const user = makeEvents('default', USER_ROUTE, () => clock.now());
  for (let second = 0; second < 4; second += 1) {
    metrics.record(user.call('success', 1, 5));
    metrics.record(user.call('success', 1, 5));
    await clock.advance(1000);
  }

  assert.is(metrics.readRequestsPerSecond(), 2, '8 calls over the 4 s since the start');
  await clock.advance(7000);
  assert.is(metrics.readRequestsPerSecond(), 4 / 9, 'seconds 2 and 3 of the last 9 s');
  await clock.advance(10_000);
  assert.is(metrics.readRequestsPerSecond(), 0);
});

test('many calls on one route keep the stored state at a fixed size', () => {
  const { clock, metrics } = setUp({ latencySamples: 64, recentEvents: 10 });
  const user = makeEvents('default', USER_ROUTE, () => clock.now());
  const reject = {
    type: 'reject',
    kind: 'bulkhead-full',
    profile: 'default',
    route: USER_ROUTE,
  } as const;
  const after = (calls: number) => {
    for (let index = 0; index < calls; index += 1) {
      metrics.record(user.attempt(1, 'success', index % 700));
      metrics.record(user.call('success', 1, index % 700));
      metrics.record({ ...reject, at: clock.now() });
    }

    return metrics.readFootprint();
  };

  const early = after(100);
  const late = after(50_000);

  assert.equal(late, early);
  assert.equal(late, {
    series: 1,
    breakers: 0,
    latencySamples: 64,
    latencyCapacity: 64,
    recentEvents: 10,
    recentEventsCapacity: 10,
    rateSlots: 60,
  });
  assert.is(metrics.readTotals().calls.success, 50_100);
});

test('series beyond maxSeries are folded into one overflow series', () => {
  const { clock, metrics } = setUp({ maxSeries: 2 });
  for (const id of [1, 2, 3, 4, 5]) {
    metrics.record(
      makeEvents('default', `GET /api/users/${id}`, () => clock.now()).call('success', 1, 1),
    );
  }

  const series = metrics.readSeries();
  assert.is(series.length, 3);
  assert.equal(series[2] && [series[2].profile, series[2].route], [OVERFLOW_LABEL, OVERFLOW_LABEL]);
  assert.is(series[2]?.calls.success, 3);
});

test('recent events keep the latest transitions and rejections, oldest first', () => {
  const { clock, metrics } = setUp({ recentEvents: 2 });
  makeScriptedEvents(() => clock.now()).forEach(metrics.listener);
  metrics.record({
    type: 'breaker',
    breaker: 'default',
    profile: 'default',
    from: 'open',
    to: 'half-open',
    at: T0 + 1,
  });

  assert.equal(
    metrics.readRecentEvents().map((event) => (event.type === 'breaker' ? event.to : event.kind)),
    ['open', 'half-open'],
  );
});

test('an option out of range is refused with RT_INVALID_METRICS_OPTIONS', () => {
  for (const options of [
    { latencySamples: 0 },
    { recentEvents: 1.5 },
    { rateWindowMs: -1 },
    { latencyBucketsSeconds: [1, 0.5] },
    { latencyBucketsSeconds: [] },
  ]) {
    try {
      new MetricsRegistry(options);
      assert.unreachable(`accepted ${JSON.stringify(options)}`);
    } catch (error) {
      assert.ok(isRuntimeError(error), JSON.stringify(options));
      assert.is(error.code, RuntimeErrorCodes.INVALID_METRICS_OPTIONS);
      assert.match(error.message, Object.keys(options)[0] ?? '?');
    }
  }
});

test('an option left undefined keeps its default', () => {
  const metrics = new MetricsRegistry({ latencySamples: undefined, recentEvents: undefined });

  assert.is(metrics.readFootprint().latencyCapacity, 1024);
  assert.is(metrics.readFootprint().recentEventsCapacity, 100);
});

test.run();
