import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DOWN, errorOf, withTestStack } from './users-stack.js';
import type { TestStack } from './users-stack.js';

const GRACE = { name: 'Grace', email: 'grace@example.com' };

const usersWith = (stack: TestStack, email: string) =>
  stack.store.list().filter((user) => user.email === email);

test('POST with the origin down makes one attempt, a quick 503, and 503 circuit_open once the fastFail breaker opens', () =>
  withTestStack(async (stack) => {
    await stack.stage('origin', DOWN);
    const slept = stack.clock.history.length;

    const first = await stack.send('POST', '/api/users', GRACE);
    assert.is(first.status, 503, "the origin's 503 passes on as unavailable");
    assert.is(errorOf(first.body), 'upstream_unavailable');
    assert.is(stack.seen.origin, 1, 'fastFail: one attempt, and a POST is never repeated');

    const second = await stack.send('POST', '/api/users', GRACE);
    assert.is(second.status, 503);
    assert.is(errorOf(second.body), 'upstream_unavailable');
    assert.is(stack.seen.origin, 2);

    const third = await stack.send('POST', '/api/users', GRACE);
    assert.is(third.status, 503, 'the 2nd failure opened the fastFail breaker');
    assert.is(errorOf(third.body), 'circuit_open');
    assert.is(third.headers['retry-after'], '5');
    assert.is(stack.seen.origin, 2);
    assert.is(stack.seen.replica, 0, 'a write has no fallback');
    const backoffs = stack.clock.history.slice(slept).filter((ms) => ms < 10_000);
    assert.equal(backoffs, [], 'no call waited for a retry');
  }));

test('an origin that fails with 500 makes the gateway answer 502 upstream_error', () =>
  withTestStack(async (stack) => {
    await stack.stage('origin', [{ route: 'POST /api/users', rate: 1, kind: 'error' }]);

    const answer = await stack.send('POST', '/api/users', GRACE);

    assert.is(answer.status, 502);
    assert.is(errorOf(answer.body), 'upstream_error');
    assert.is(stack.seen.origin, 1);
  }));

test('after the origin is back, the write succeeds once and exactly one user has the email', () =>
  withTestStack(async (stack) => {
    await stack.stage('origin', DOWN);
    await stack.send('POST', '/api/users', GRACE);
    await stack.send('POST', '/api/users', GRACE);
    await stack.stage('origin', []);
    assert.is((await stack.send('POST', '/api/users', GRACE)).status, 503);
    await stack.clock.advance(5_001);

    const created = await stack.send('POST', '/api/users', GRACE);

    assert.is(created.status, 201);
    assert.equal(usersWith(stack, GRACE.email), [created.body]);
    const again = await stack.send('POST', '/api/users', GRACE);
    assert.is(again.status, 409, "the origin's 409 passes through the gateway");
    assert.is(errorOf(again.body), 'email_taken');
    assert.is(usersWith(stack, GRACE.email).length, 1);
  }));

test('a write through the gateway drops the cached list, so the next read shows it', () =>
  withTestStack(async (stack) => {
    assert.equal((await stack.send('GET', '/api/users')).body, []);
    const created = await stack.send('POST', '/api/users', GRACE);
    assert.is(created.status, 201);

    const list = await stack.send('GET', '/api/users');

    assert.equal(list.body, [created.body]);
    assert.is(stack.seen.origin, 3);
  }));

test('PUT and DELETE reach the origin once; the answers of the origin pass through', () =>
  withTestStack(async (stack) => {
    const created = (await stack.send('POST', '/api/users', GRACE)).body as { id: number };
    const renamed = { name: 'Grace Hopper', email: GRACE.email };

    const updated = await stack.send('PUT', `/api/users/${created.id}`, renamed);
    assert.is(updated.status, 200);
    assert.equal(updated.body, { ...(created as object), ...renamed });
    const deleted = await stack.send('DELETE', `/api/users/${created.id}`);
    assert.is(deleted.status, 204);
    const missing = await stack.send('DELETE', `/api/users/${created.id}`);
    assert.is(missing.status, 404);
    assert.is(errorOf(missing.body), 'user_not_found');
    assert.is(stack.seen.origin, 4);
  }));

test.run();
