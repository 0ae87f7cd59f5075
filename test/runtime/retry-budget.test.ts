import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeClock, ResilienceRegistry, RetryBudget } from '../../runtime/index.js';
import type { ResilienceEvent } from '../../runtime/index.js';
import { makeHttpError, makePolicy } from './policies.js';

test('at 20% plus 1 per second over 10 s, 100 failing calls make at most 30 retries', async () => {
  const clock = new FakeClock();
  const events: ResilienceEvent[] = [];
  const registry = new ResilienceRegistry({ clock, listeners: [(e) => events.push(e)] });
  const policy = makePolicy({
    retry: { maxAttempts: 3, baseDelayMs: 0 },
    circuitBreaker: { failureThreshold: 1_000_000, recoveryTimeoutMs: 1 },
    retryBudget: { ratio: 0.2, minRetriesPerSecond: 1, windowMs: 10_000 },
  });
  let attempts = 0;
  const calls = Array.from({ length: 100 }, () =>
    registry
      .execute(policy, async () => {
        attempts++;
        throw makeHttpError(503);
      })
      .catch(() => undefined),
  );
  await Promise.all(calls);
  const retries = attempts - 100;
  assert.ok(retries <= 0.2 * 100 + 10, `${retries} retries`);
  assert.ok(retries >= 20, `the budget should be used, got ${retries} retries`);
  const reasons = events.flatMap((e) => (e.type === 'retry-refused' ? [e.reason] : []));
  const refused = reasons.filter((r) => r === 'budget').length;
  const exhausted = reasons.filter((r) => r === 'attempts-exhausted').length;
  assert.ok(refused > 0, 'refused retries are emitted');
  assert.is(refused + exhausted, 100, 'each call ends refused by the budget or out of attempts');
});

test('with the default budget, 100 failing calls in a row stay within 20% + the floor', async () => {
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  const policy = makePolicy({
    retry: { maxAttempts: 3, baseDelayMs: 0 },
    circuitBreaker: { failureThreshold: 1_000_000, recoveryTimeoutMs: 1 },
    retryBudget: {},
  });
  let attempts = 0;
  for (let i = 0; i < 100; i++) {
    await registry
      .execute(policy, async () => {
        attempts++;
        throw makeHttpError(503);
      })
      .catch(() => undefined);
  }
  assert.ok(attempts - 100 <= 30, `${attempts - 100} retries`);
  assert.ok(attempts - 100 >= 20, `${attempts - 100} retries`);
});

test('the floor allows retries before any first attempt is counted', () => {
  const clock = new FakeClock();
  const budget = new RetryBudget({ ratio: 0, minRetriesPerSecond: 1, windowMs: 10_000 }, clock);
  const granted = Array.from({ length: 15 }, () => budget.tryWithdraw()).filter(Boolean).length;
  assert.is(granted, 10);
  assert.is(budget.refusedCount, 5);
});

test('retries leave the budget once the window has passed', async () => {
  const clock = new FakeClock();
  const budget = new RetryBudget({ ratio: 0.5, minRetriesPerSecond: 0, windowMs: 10_000 }, clock);
  for (let i = 0; i < 4; i++) {
    budget.recordFirstAttempt();
  }
  assert.ok(budget.tryWithdraw());
  assert.ok(budget.tryWithdraw());
  assert.not.ok(budget.tryWithdraw());
  await clock.advance(11_000);
  assert.not.ok(budget.tryWithdraw(), 'the first attempts left the window too');
  budget.recordFirstAttempt();
  budget.recordFirstAttempt();
  assert.ok(budget.tryWithdraw());
});

test.run();
