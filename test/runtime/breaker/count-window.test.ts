import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CountWindowBreakerPolicy } from '../../../runtime/index.js';
import { makeBreaker } from '../policies.js';

function makeWindow(policy: Partial<CountWindowBreakerPolicy> = {}) {
  return makeBreaker({
    type: 'count-window',
    windowSize: 10,
    minimumCalls: 10,
    failureRateThreshold: 0.5,
    recoveryTimeoutMs: 1000,
    ...policy,
  });
}

test('50% over the last 10 calls with a minimum of 10 opens on the 10th call, not before', () => {
  const { breaker, record } = makeWindow();
  for (let i = 0; i < 5; i++) {
    record('failure');
  }
  for (let i = 0; i < 4; i++) {
    record('success');
  }
  assert.is(breaker.state, 'closed', 'nine calls are below the minimum');
  record('success');
  assert.is(breaker.state, 'open');
});

test('4 failures in 10 calls stay under 50%', () => {
  const { breaker, record } = makeWindow();
  for (let i = 0; i < 10; i++) {
    record(i < 4 ? 'failure' : 'success');
  }
  assert.is(breaker.state, 'closed');
  assert.is(breaker.snapshot().currentFailures, 4);
});

test('failures that slid out of the window no longer count', () => {
  const { breaker, record } = makeWindow();
  for (let i = 0; i < 4; i++) {
    record('failure');
  }
  for (let i = 0; i < 10; i++) {
    record('success');
  }
  assert.is(breaker.snapshot().currentFailures, 0);
  for (let i = 0; i < 4; i++) {
    record('failure');
  }
  assert.is(breaker.state, 'closed');
  record('failure');
  assert.is(breaker.state, 'open');
});

test('slow calls open the breaker once their rate reaches the threshold', () => {
  const { breaker, record } = makeWindow({ slowCallDurationMs: 500, slowCallRateThreshold: 0.8 });
  for (let i = 0; i < 7; i++) {
    record('success', 900);
  }
  record('success', 10);
  record('success', 10);
  assert.is(breaker.state, 'closed', 'nine calls are below the minimum');
  record('success', 500);
  assert.is(breaker.state, 'open', '8 slow calls of 10 reach 80%');
});

test('7 slow calls of 10 stay under an 80% slow-call rate', () => {
  const { breaker, record } = makeWindow({ slowCallDurationMs: 500, slowCallRateThreshold: 0.8 });
  for (let i = 0; i < 10; i++) {
    record('success', i < 7 ? 900 : 499);
  }
  assert.is(breaker.state, 'closed');
});

test('without a slow-call duration, slow successes never open the breaker', () => {
  const { breaker, record } = makeWindow();
  for (let i = 0; i < 20; i++) {
    record('success', 60_000);
  }
  assert.is(breaker.state, 'closed');
});

test.run();
