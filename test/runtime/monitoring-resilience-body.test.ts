import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeClock } from '../../runtime/fake-clock.js';
import { MetricsRegistry } from '../../runtime/metrics.js';
import { buildResilienceBody } from '../../runtime/monitoring-resilience-body.js';
import {
  FakeSource,
  RESILIENCE_BODY_KEYS,
  T0,
  makeBreaker,
  makeBulkhead,
  makeScriptedEvents,
} from './monitoring-fixtures.js';

function setUp() {
  const clock = new FakeClock(T0);
  const metrics = new MetricsRegistry({ clock });
  const source = new FakeSource([
    {
      name: 'default',
      maxAttempts: 3,
      breakers: [
        makeBreaker('default', {
          currentFailures: 1,
          lastStateChangeAt: Date.UTC(2024, 0, 15, 10, 20, 15),
        }),
      ],
      bulkheads: [makeBulkhead('default', { inFlight: 2, queued: 1, rejected: 4 })],
    },
    {
      name: 'fastFail',
      maxAttempts: 1,
      breakers: [makeBreaker('fastFail', { failureThreshold: 2, recoveryTimeoutMs: 5000 })],
      bulkheads: [],
    },
  ]);
  makeScriptedEvents(() => clock.now()).forEach(metrics.listener);

  return { clock, metrics, source };
}

test('each profile has exactly the seed keys', () => {
  const { clock, metrics, source } = setUp();
  const body = buildResilienceBody(metrics, [source], clock);

  assert.equal(Object.keys(body).sort(), RESILIENCE_BODY_KEYS);
  const profile = body.profiles.default;
  assert.equal(Object.keys(profile ?? {}).sort(), ['circuit_breaker', 'retry']);
  assert.equal(Object.keys(profile?.circuit_breaker ?? {}).sort(), [
    'current_failures',
    'failure_threshold',
    'last_state_change',
    'recovery_timeout',
    'state',
  ]);
  assert.equal(Object.keys(profile?.retry ?? {}).sort(), [
    'max_attempts',
    'retry_executions',
    'success_rate',
    'total_executions',
  ]);
});

test('profiles carry their settings from the sources and their counts from the registry', () => {
  const { clock, metrics, source } = setUp();
  const { profiles } = buildResilienceBody(metrics, [source], clock);

  assert.equal(profiles.default, {
    circuit_breaker: {
      state: 'closed',
      failure_threshold: 5,
      current_failures: 1,
      recovery_timeout: 30_000,
      last_state_change: '2024-01-15T10:20:15.000Z',
    },
    retry: { max_attempts: 3, total_executions: 4, retry_executions: 2, success_rate: 0.75 },
  });
  assert.equal(profiles.fastFail?.retry, {
    max_attempts: 1,
    total_executions: 0,
    retry_executions: 0,
    success_rate: null,
  });
  assert.is(profiles.fastFail?.circuit_breaker?.last_state_change, null);
});

test('a profile only the registry knows has no breaker and no max attempts', () => {
  const { clock, metrics, source } = setUp();
  const { profiles } = buildResilienceBody(metrics, [source], clock);

  assert.equal(Object.keys(profiles), ['default', 'fastFail', 'highAvailability']);
  assert.is(profiles.highAvailability?.circuit_breaker, null);
  assert.is(profiles.highAvailability?.retry.max_attempts, null);
});

test('a profile with several breakers shows its worst one', () => {
  const clock = new FakeClock(T0);
  const source = new FakeSource([
    {
      name: 'default',
      maxAttempts: 3,
      breakers: [
        makeBreaker('default', { name: 'default@users' }),
        makeBreaker('default', { name: 'default@billing', state: 'open', currentFailures: 5 }),
      ],
      bulkheads: [],
    },
  ]);

  const body = buildResilienceBody(new MetricsRegistry({ clock }), [source], clock);
  assert.is(body.profiles.default?.circuit_breaker?.state, 'open');
  assert.is(body.profiles.default?.circuit_breaker?.current_failures, 5);
  assert.equal(Object.keys(body.breakers), ['default@users', 'default@billing']);
});

test('breakers, bulkheads and recent events go beyond the seed', () => {
  const { clock, metrics, source } = setUp();
  const body = buildResilienceBody(metrics, [source], clock);

  assert.equal(body.breakers.fastFail, {
    profile: 'fastFail',
    state: 'closed',
    failure_threshold: 2,
    current_failures: 0,
    recovery_timeout: 5000,
    last_state_change: null,
    next_attempt: null,
  });
  assert.equal(body.bulkheads, {
    default: {
      profile: 'default',
      max_concurrent: 10,
      max_queue: 5,
      in_flight: 2,
      queued: 1,
      rejected: 4,
    },
  });
  assert.equal(body.recent_events, [
    {
      type: 'breaker',
      at: '2024-01-15T10:30:45.000Z',
      breaker: 'default',
      profile: 'default',
      from: 'closed',
      to: 'open',
    },
    {
      type: 'reject',
      at: '2024-01-15T10:30:45.000Z',
      profile: 'highAvailability',
      route: 'GET /api/users',
      kind: 'circuit-open',
    },
  ]);
});

test('two sources describing one profile merge its breakers and keep the first settings', () => {
  const clock = new FakeClock(T0);
  const client = new FakeSource([
    { name: 'default', maxAttempts: 3, breakers: [makeBreaker('default')], bulkheads: [] },
  ]);
  const server = new FakeSource([
    { name: 'default', maxAttempts: 1, breakers: [], bulkheads: [makeBulkhead('default')] },
  ]);

  const body = buildResilienceBody(new MetricsRegistry({ clock }), [client, server], clock);
  assert.is(body.profiles.default?.retry.max_attempts, 3);
  assert.equal(Object.keys(body.breakers), ['default']);
  assert.equal(Object.keys(body.bulkheads), ['default']);
});

test('a profile named __proto__ is an ordinary key of the body', () => {
  const clock = new FakeClock(T0);
  const source = new FakeSource([
    { name: '__proto__', maxAttempts: 2, breakers: [], bulkheads: [] },
  ]);

  const body = buildResilienceBody(new MetricsRegistry({ clock }), [source], clock);
  assert.ok(Object.hasOwn(body.profiles, '__proto__'));
  assert.match(JSON.stringify(body), '"__proto__":{"circuit_breaker":null');
});

test.run();
