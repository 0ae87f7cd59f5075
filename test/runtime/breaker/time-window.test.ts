import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TimeWindowBreakerPolicy } from '../../../runtime/index.js';
import { makeBreaker } from '../policies.js';

function makeWindow(policy: Partial<TimeWindowBreakerPolicy> = {}) {
  return makeBreaker({
    type: 'time-window',
    windowMs: 10_000,
    minimumCalls: 4,
    failureRateThreshold: 0.5,
    recoveryTimeoutMs: 1000,
    ...policy,
  });
}

test('a failure rate at the threshold within the window opens the breaker', async () => {
  const { breaker, clock, record } = makeWindow();
  record('failure');
  await clock.advance(2_000);
  record('success');
  record('failure');
  assert.is(breaker.state, 'closed', 'three calls are below the minimum of four');
  await clock.advance(2_000);
  record('success');
  assert.is(breaker.state, 'open');
});

test('failures older than the window no longer count', async () => {
  const { breaker, clock, record } = makeWindow();
  record('failure');
  record('failure');
  await clock.advance(11_000);
  assert.is(breaker.snapshot().currentFailures, 0);
  record('success');
  record('success');
  record('failure');
  record('success');
  assert.is(breaker.state, 'closed');
});

test('slow calls count against the slow-call rate within the window', async () => {
  const { breaker, clock, record } = makeWindow({
    slowCallDurationMs: 1_000,
    slowCallRateThreshold: 0.75,
  });
  record('success', 2_000);
  record('success', 2_000);
  record('success', 10);
  await clock.advance(1_000);
  assert.is(breaker.state, 'closed');
  record('success', 1_500);
  assert.is(breaker.state, 'open');
});

test.run();
