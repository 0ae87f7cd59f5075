import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeClock, ResilienceRegistry } from '../../runtime/index.js';
import type { ResilienceEvent } from '../../runtime/index.js';

test('advance fires due sleeps in order of due time and lets their callbacks run', async () => {
  const clock = new FakeClock(1000);
  const order: string[] = [];
  void clock.sleep(300).then(() => order.push(`300 at ${clock.now()}`));
  void clock.sleep(100).then(() => order.push(`100 at ${clock.now()}`));
  void clock.sleep(100).then(() => order.push(`second 100 at ${clock.now()}`));
  await clock.advance(250);
  assert.equal(order, ['100 at 1100', 'second 100 at 1100']);
  assert.is(clock.now(), 1250);
  assert.equal(clock.pending, [{ dueAt: 1300, ms: 300 }]);
  await clock.advance(50);
  assert.equal(order.at(-1), '300 at 1300');
  assert.equal(clock.history, [300, 100, 100]);
});

test('a sleep that a callback starts during advance fires within the same advance', async () => {
  const clock = new FakeClock();
  let woke = -1;
  void clock.sleep(10).then(() => clock.sleep(10).then(() => (woke = clock.now())));
  await clock.advance(25);
  assert.is(woke, 20);
});

test('an aborted sleep rejects with the reason and leaves the pending list', async () => {
  const clock = new FakeClock();
  const controller = new AbortController();
  const sleeping = clock.sleep(5000, controller.signal);
  assert.is(clock.pending.length, 1);
  controller.abort(new Error('stop'));
  const reason = await sleeping.catch((e: unknown) => e);
  assert.instance(reason, Error);
  assert.is((reason as Error).message, 'stop');
  assert.is(clock.pending.length, 0);
});

test('a sleep of 0 ms resolves at once; one on an aborted signal rejects', async () => {
  const clock = new FakeClock();
  await clock.sleep(0);
  const signal = AbortSignal.abort('gone');
  assert.is(await clock.sleep(10, signal).catch((e: unknown) => e), 'gone');
  assert.is(clock.pending.length, 0);
});

test('waitForPending resolves once enough sleeps are pending', async () => {
  const clock = new FakeClock();
  const waiting = clock.waitForPending(2);
  void clock.sleep(10);
  setImmediate(() => void clock.sleep(20));
  await waiting;
  assert.is(clock.pending.length, 2);
  await clock.advance(20);
});

test('waitForPending rejects after its real-time guard when nothing comes', async () => {
  const clock = new FakeClock();
  const error = await clock.waitForPending(1, 5).catch((e: unknown) => e);
  assert.instance(error, Error);
});

test('a timer fires during advance, shows as pending, and a cancelled one never fires', async () => {
  const clock = new FakeClock(1000);
  const fired: number[] = [];
  clock.setTimer(100, () => fired.push(clock.now()));
  const cancel = clock.setTimer(50, () => fired.push(-1));
  assert.equal(clock.pending, [
    { dueAt: 1050, ms: 50 },
    { dueAt: 1100, ms: 100 },
  ]);
  cancel();
  await clock.advance(200);
  assert.equal(fired, [1100]);
  assert.equal(clock.pending, []);
  assert.equal(clock.history, [100, 50]);
});

test('a timer of 0 ms fires in a microtask unless cancelled first', async () => {
  const clock = new FakeClock();
  let fired = 0;
  clock.setTimer(0, () => fired++);
  clock.setTimer(0, () => fired++)();
  assert.is(fired, 0);
  await Promise.resolve();
  assert.is(fired, 1);
});

test('advance lets work under way finish before it fires a timer, as real time does', async () => {
  const clock = new FakeClock();
  const order: string[] = [];
  clock.setTimer(100, () => order.push('timer'));
  const work = (async () => {
    for (let hop = 0; hop < 5; hop++) await null;
    order.push('work');
  })();

  await clock.advance(100);
  await work;

  assert.equal(order, ['work', 'timer']);
});

test('an attempt that fails at once is not timed out by the next advance', async () => {
  const clock = new FakeClock();
  const events: ResilienceEvent[] = [];
  const registry = new ResilienceRegistry({ clock, listeners: [(event) => events.push(event)] });
  const policy = {
    route: 'GET /thing',
    profile: 'quick',
    method: 'GET',
    idempotent: false,
    retry: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 250, jitter: false },
    circuitBreaker: { failureThreshold: 10, recoveryTimeoutMs: 1000 },
    timeout: { attemptMs: 200, totalMs: 5000 },
    fallback: { enabled: false },
  } as const;
  const settled = registry
    .execute(policy, async () => Promise.reject(new Error('boom')))
    .then(
      () => 'answered',
      () => 'failed',
    );

  // The attempt's timer and the call's are pending before the attempt has even started.
  await clock.waitForPending(2);
  assert.equal(
    clock.pending.map((sleep) => sleep.ms),
    [200, 5000],
  );
  // The attempt failed at 0; its retry waits 100 ms and fails at 100, all within this advance.
  await clock.advance(200);

  assert.is(await settled, 'failed');
  assert.not.ok(events.some((event) => event.type === 'timeout'));
  const attempts = events.filter((event) => event.type === 'attempt');
  assert.equal(
    attempts.map((event) => [event.attempt, event.outcome, event.at, event.durationMs]),
    [
      [1, 'failure', 0, 0],
      [2, 'failure', 100, 0],
    ],
  );
});

test.run();
