import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  defineRoutePolicy,
  isRuntimeError,
  resolveRoutePolicy,
  RUNTIME_DEFAULTS,
} from '../../runtime/index.js';
import type { RoutePolicy } from '../../runtime/index.js';
import { makePolicy } from './policies.js';

const seedDefault: RoutePolicy = {
  route: 'GET /api/users/:id',
  profile: 'default',
  method: 'GET',
  retry: {
    maxAttempts: 3,
    backoff: 'exponential',
    baseDelayMs: 1000,
    maxDelayMs: 10_000,
    jitter: true,
  },
  circuitBreaker: { failureThreshold: 5, recoveryTimeoutMs: 30_000, halfOpenMaxCalls: 3 },
  fallback: { enabled: true, strategy: 'cache' },
  cache: { ttlMs: 300_000 },
  idempotent: false,
};

test("the seed's default profile resolves with jitter true as full and the defaults filled", () => {
  const route = resolveRoutePolicy(seedDefault);
  assert.equal(route.retry, {
    maxAttempts: 3,
    backoff: 'exponential',
    baseDelayMs: 1000,
    maxDelayMs: 10_000,
    jitter: 'full',
  });
  assert.is(route.breaker.type, 'consecutive');
  assert.is(route.breaker.failureThreshold, 5);
  assert.equal(route.fallbackOrder, ['stale-cache', 'alternative', 'default']);
  assert.equal(route.cache, { ttlMs: 300_000, staleTtlMs: 0 });
  assert.equal(route.retryBudget, RUNTIME_DEFAULTS.retryBudget);
  assert.is(route.bulkhead, undefined);
  assert.is(route.attemptTimeoutMs, undefined);
  assert.ok(route.isRead && route.repeatable);
});

test('a retry with only maxAttempts takes every other number from the defaults', () => {
  const route = resolveRoutePolicy(makePolicy({ retry: { maxAttempts: 1 } }));
  assert.equal(route.retry, { maxAttempts: 1, ...RUNTIME_DEFAULTS.retry });
});

test('the fallback strategy picks the first source; the others keep their order', () => {
  const order = (strategy: 'cache' | 'alternative_service' | 'default') =>
    resolveRoutePolicy(makePolicy({ fallback: { enabled: true, strategy } })).fallbackOrder;
  assert.equal(order('alternative_service'), ['alternative', 'stale-cache', 'default']);
  assert.equal(order('default'), ['default', 'stale-cache', 'alternative']);
});

test('writes neither cache nor fall back, and POST and PATCH are not repeatable', () => {
  const route = resolveRoutePolicy(
    makePolicy({
      method: 'POST',
      cache: { ttlMs: 1000 },
      fallback: { enabled: true, strategy: 'cache' },
    }),
  );
  assert.is(route.cache, undefined);
  assert.equal(route.fallbackOrder, []);
  assert.not.ok(route.repeatable);
  assert.ok(resolveRoutePolicy(makePolicy({ method: 'DELETE' })).repeatable);
});

test('window breakers report the failures that open a minimal window', () => {
  const route = resolveRoutePolicy(
    makePolicy({
      circuitBreaker: {
        type: 'count-window',
        windowSize: 20,
        minimumCalls: 10,
        failureRateThreshold: 0.5,
        recoveryTimeoutMs: 1000,
      },
    }),
  );
  assert.is(route.breaker.failureThreshold, 5);
  assert.is(route.breaker.windowSize, 20);
  assert.is(route.breaker.limits.slowCallDurationMs, Infinity);
});

const invalid: Array<[string, Partial<RoutePolicy>, string]> = [
  ['retry.maxAttempts', { retry: { maxAttempts: 0 } }, 'a whole number ≥ 1'],
  ['retry.maxAttempts', { retry: { maxAttempts: 2.5 } }, 'a whole number ≥ 1'],
  ['retry.baseDelayMs', { retry: { maxAttempts: 2, baseDelayMs: -1 } }, 'milliseconds'],
  [
    'retry.jitter',
    { retry: { maxAttempts: 2, jitter: 'sometimes' as 'full' } },
    "one of 'none', 'full'",
  ],
  [
    'circuitBreaker.type',
    { circuitBreaker: { type: 'sliding' as 'count-window', windowSize: 1, recoveryTimeoutMs: 1 } },
    "one of 'consecutive'",
  ],
  [
    'circuitBreaker.failureRateThreshold',
    {
      circuitBreaker: {
        type: 'time-window',
        windowMs: 1000,
        failureRateThreshold: 50,
        recoveryTimeoutMs: 1,
      },
    },
    'a ratio in [0, 1]',
  ],
  ['bulkhead.maxConcurrent', { bulkhead: { maxConcurrent: 0 } }, 'a whole number ≥ 1'],
  ['timeout.attemptMs', { timeout: { attemptMs: Number.NaN } }, 'milliseconds'],
  [
    'fallback.strategy',
    { fallback: { enabled: true, strategy: 'stale' as 'cache' } },
    "one of 'cache'",
  ],
  ['method', { method: 'FETCH' as 'GET' }, "one of 'GET'"],
];

for (const [field, overrides, wording] of invalid) {
  test(`an invalid ${field} is refused with a message naming it`, () => {
    let error: unknown;
    try {
      resolveRoutePolicy(makePolicy(overrides));
    } catch (e) {
      error = e;
    }
    assert.ok(isRuntimeError(error));
    assert.is(error.code, 'RT_INVALID_POLICY');
    assert.match(error.message, `expected ${field} to be ${wording}`);
    assert.match(error.message, '[route GET /api/users/:id, profile default]');
  });
}

test('defineRoutePolicy checks at once and freezes deeply', () => {
  const policy = defineRoutePolicy(makePolicy());
  assert.ok(Object.isFrozen(policy) && Object.isFrozen(policy.retry));
  assert.throws(() => defineRoutePolicy(makePolicy({ retry: { maxAttempts: 0 } })));
});

test.run();
