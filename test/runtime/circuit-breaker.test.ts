import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isBrokenCircuitError, REJECTED } from '../../runtime/index.js';
import type { CircuitBreaker } from '../../runtime/index.js';
import { makeBreaker, makeHttpError } from './policies.js';

function fail(breaker: CircuitBreaker, times: number): void {
  for (let i = 0; i < times; i++) {
    breaker.record(breaker.tryAcquire(), 'failure', 1);
  }
}

const consecutive = { failureThreshold: 5, recoveryTimeoutMs: 30_000, halfOpenMaxCalls: 3 };

test('failureThreshold failures in a row open the breaker, not one fewer', () => {
  const { breaker } = makeBreaker(consecutive);
  fail(breaker, 4);
  assert.is(breaker.state, 'closed');
  fail(breaker, 1);
  assert.is(breaker.state, 'open');
  assert.is(breaker.tryAcquire(), REJECTED);
});

test('a success in between starts the count again', () => {
  const { breaker } = makeBreaker(consecutive);
  fail(breaker, 4);
  breaker.record(breaker.tryAcquire(), 'success', 1);
  fail(breaker, 4);
  assert.is(breaker.state, 'closed');
  assert.is(breaker.snapshot().currentFailures, 4);
});

test('passthrough and cancelled calls count neither way', () => {
  const { breaker } = makeBreaker(consecutive);
  fail(breaker, 4);
  breaker.record(breaker.tryAcquire(), 'passthrough', 1);
  breaker.record(breaker.tryAcquire(), 'cancelled', 1);
  assert.is(breaker.snapshot().currentFailures, 4);
  assert.is(breaker.snapshot().successCount, 0);
  fail(breaker, 1);
  assert.is(breaker.state, 'open');
});

test('after recoveryTimeout exactly halfOpenMaxCalls trials pass in the same tick', async () => {
  const { breaker, clock } = makeBreaker(consecutive);
  fail(breaker, 5);
  await clock.advance(29_999);
  assert.is(breaker.tryAcquire(), REJECTED);
  await clock.advance(1);
  const tickets = Array.from({ length: 10 }, () => breaker.tryAcquire());
  assert.is(tickets.filter((t) => t !== REJECTED).length, 3);
  assert.is(breaker.state, 'half-open');
});

test('halfOpenMaxCalls successful trials close the breaker', async () => {
  const { breaker, clock } = makeBreaker(consecutive);
  fail(breaker, 5);
  await clock.advance(30_000);
  const tickets = [breaker.tryAcquire(), breaker.tryAcquire(), breaker.tryAcquire()];
  breaker.record(tickets[0] as number, 'success', 1);
  breaker.record(tickets[1] as number, 'success', 1);
  assert.is(breaker.state, 'half-open');
  breaker.record(tickets[2] as number, 'success', 1);
  assert.is(breaker.state, 'closed');
  assert.is(breaker.snapshot().currentFailures, 0);
});

test('one failed trial re-opens the breaker and restarts the recovery timer', async () => {
  const { breaker, clock } = makeBreaker(consecutive);
  fail(breaker, 5);
  await clock.advance(30_000);
  const first = breaker.tryAcquire();
  const second = breaker.tryAcquire();
  await clock.advance(500);
  breaker.record(first, 'failure', 500);
  assert.is(breaker.state, 'open');
  assert.is(breaker.snapshot().nextAttemptAt, 30_500 + 30_000);
  breaker.record(second, 'success', 500);
  assert.is(breaker.state, 'open', 'a trial of the old half-open period cannot close it');
  await clock.advance(29_999);
  assert.is(breaker.tryAcquire(), REJECTED);
  await clock.advance(1);
  assert.is.not(breaker.tryAcquire(), REJECTED);
});

test('a trial that ends as passthrough frees its slot without closing the breaker', async () => {
  const { breaker, clock } = makeBreaker({ ...consecutive, halfOpenMaxCalls: 1 });
  fail(breaker, 5);
  await clock.advance(30_000);
  const trial = breaker.tryAcquire();
  assert.is(breaker.tryAcquire(), REJECTED);
  breaker.record(trial, 'passthrough', 1);
  assert.is(breaker.state, 'half-open');
  assert.is.not(breaker.tryAcquire(), REJECTED);
});

test('state changes carry timestamps and are emitted as events', async () => {
  const { breaker, clock, events } = makeBreaker(consecutive, 1_000);
  fail(breaker, 5);
  await clock.advance(30_000);
  breaker.record(breaker.tryAcquire(), 'success', 1);
  const changes = events.flatMap((e) => (e.type === 'breaker' ? [[e.from, e.to, e.at]] : []));
  assert.equal(changes, [
    ['closed', 'open', 1_000],
    ['open', 'half-open', 31_000],
  ]);
  assert.is(breaker.snapshot().lastStateChangeAt, 31_000);
  assert.is(breaker.snapshot().lastFailureAt, 1_000);
});

test('isolate rejects every call until reset, which closes and clears the counts', () => {
  const { breaker, events } = makeBreaker(consecutive);
  fail(breaker, 3);
  breaker.isolate();
  assert.is(breaker.state, 'isolated');
  assert.is(breaker.tryAcquire(), REJECTED);
  const rejection = breaker.createRejection({ route: 'GET /x', profile: 'default' });
  assert.ok(isBrokenCircuitError(rejection));
  assert.is(rejection.state, 'isolated');
  assert.is(rejection.nextAttemptAt, null);
  breaker.reset();
  assert.is(breaker.state, 'closed');
  assert.is(breaker.snapshot().currentFailures, 0);
  assert.is(breaker.snapshot().failureCount, 3);
  assert.equal(
    events.flatMap((e) => (e.type === 'breaker' ? [e.to] : [])),
    ['isolated', 'closed'],
  );
});

test('execute rejects without running the function while the breaker is open', async () => {
  const { breaker } = makeBreaker({ ...consecutive, failureThreshold: 1 });
  const failure = makeHttpError(503);
  await breaker.execute(() => Promise.reject(failure)).catch(() => undefined);
  let ran = false;
  const error = await breaker
    .execute(async () => {
      ran = true;
    })
    .catch((e: unknown) => e);
  assert.not.ok(ran);
  assert.ok(isBrokenCircuitError(error));
});

test('the snapshot reports the settings, counts and next attempt', async () => {
  const { breaker } = makeBreaker(consecutive, 5_000);
  fail(breaker, 5);
  assert.equal(breaker.snapshot(), {
    name: 'default',
    profile: 'default',
    state: 'open',
    type: 'consecutive',
    failureThreshold: 5,
    currentFailures: 5,
    recoveryTimeoutMs: 30_000,
    halfOpenMaxCalls: 3,
    lastStateChangeAt: 5_000,
    lastFailureAt: 5_000,
    nextAttemptAt: 35_000,
    successCount: 0,
    failureCount: 5,
  });
});

test.run();
