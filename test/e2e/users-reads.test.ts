import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DOWN, errorOf, withTestStack } from './users-stack.js';
import type { TestStack } from './users-stack.js';

const FALLBACK = 'x-resilience-fallback';

const addUser = (stack: TestStack, name: string) => {
  const outcome = stack.store.create({ name, email: `${name.toLowerCase()}@example.com` });
  if (outcome.kind !== 'written') {
    throw new Error(`could not add ${name}`);
  }

  return outcome.user;
};

test('a user read while healthy is served from the stale cache once fresh time is over and the origin is down', () =>
  withTestStack(async (stack) => {
    const ada = addUser(stack, 'Ada');
    const healthy = await stack.send('GET', `/api/users/${ada.id}`);
    assert.is(healthy.status, 200);
    assert.is(healthy.headers[FALLBACK], undefined);
    await stack.stage('origin', DOWN);

    const fresh = await stack.send('GET', `/api/users/${ada.id}`);
    assert.equal(fresh.body, ada);
    assert.is(fresh.headers[FALLBACK], undefined, 'a fresh answer is no fallback');
    assert.is(stack.seen.origin, 1, 'a fresh answer asks nobody');

    await stack.clock.advance(300_001);
    const stale = await stack.drive('GET', `/api/users/${ada.id}`);

    assert.is(stale.status, 200);
    assert.is(stale.headers[FALLBACK], 'stale-cache');
    assert.equal(stale.body, ada);
    assert.is(stack.seen.origin, 4, 'three failed attempts came first');
    assert.is(stack.seen.replica, 0, 'the stale cache comes before the replica');
  }));

test('the list comes from the replica when the origin is down', () =>
  withTestStack(async (stack) => {
    const ada = addUser(stack, 'Ada');
    await stack.stage('origin', DOWN);

    const answer = await stack.drive('GET', '/api/users');

    assert.is(answer.status, 200);
    assert.is(answer.headers[FALLBACK], 'alternative');
    assert.equal(answer.body, [ada]);
    assert.is(stack.seen.origin, 3, 'highAvailability opens its breaker after 3 failures');
    assert.is(stack.seen.replica, 1);
  }));

test('the list is the declared empty default when the origin and the replica are down and nothing is cached', () =>
  withTestStack(async (stack) => {
    addUser(stack, 'Ada');
    await stack.stage('origin', DOWN);
    await stack.stage('replica', DOWN);

    const answer = await stack.drive('GET', '/api/users');

    assert.is(answer.status, 200);
    assert.equal(answer.body, []);
    assert.is(answer.headers[FALLBACK], 'default');
    const metrics = await stack.read<{ resilience: { fallback: Record<string, number> } }>(
      '/metrics',
    );
    assert.is(metrics.resilience.fallback.fallback_executions, 1);
  }));

test('a 404 of the origin passes through: no retry, no fallback, not counted by the breaker', () =>
  withTestStack(async (stack) => {
    const answer = await stack.send('GET', '/api/users/424242');

    assert.is(answer.status, 404);
    assert.is(errorOf(answer.body), 'user_not_found');
    assert.is(answer.headers[FALLBACK], undefined);
    assert.is(stack.seen.origin, 1);
    assert.is(stack.seen.replica, 0);
    const resilience = await stack.read<{
      breakers: Record<string, { state: string; current_failures: number }>;
    }>('/resilience');
    assert.equal(resilience.breakers['default@users'], {
      ...resilience.breakers['default@users'],
      state: 'closed',
      current_failures: 0,
    });
    const metrics = await stack.read<{
      resilience: { circuit_breaker: { failure_count: number; success_count: number } };
    }>('/metrics');
    assert.is(metrics.resilience.circuit_breaker.failure_count, 0);
    assert.is(metrics.resilience.circuit_breaker.success_count, 0);
  }));

test('a path that is not a whole number is refused by the gateway without calling the origin', () =>
  withTestStack(async (stack) => {
    const answer = await stack.send('GET', '/api/users/abc');

    assert.is(answer.status, 400);
    assert.is(errorOf(answer.body), 'validation_failed');
    assert.is(stack.seen.origin, 0);
  }));

test.run();
