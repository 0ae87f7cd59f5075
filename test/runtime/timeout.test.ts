import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventHub, FakeClock, isTimeoutError } from '../../runtime/index.js';
import type { ResilienceEvent } from '../../runtime/index.js';
import { raceAbort, raceScope, TimeScope } from '../../runtime/timeout.js';

const identity = { route: 'GET /x', profile: 'p' };

function makeDeps() {
  const clock = new FakeClock();
  const events: ResilienceEvent[] = [];

  return {
    clock,
    events,
    deps: { clock, events: new EventHub([(e) => events.push(e)]), identity },
  };
}

test('a scope aborts with a TimeoutError when its time runs out', async () => {
  const { clock, events, deps } = makeDeps();
  const scope = new TimeScope('attempt', 500, undefined, deps);
  assert.is(scope.expiresAt, 500);
  await clock.advance(499);
  assert.not.ok(scope.signal.aborted);
  await clock.advance(1);
  assert.ok(scope.signal.aborted);
  assert.ok(scope.timedOut);
  const reason: unknown = scope.signal.reason;
  assert.ok(isTimeoutError(reason));
  assert.is(reason.scope, 'attempt');
  assert.is(reason.timeoutMs, 500);
  assert.equal(events, [
    { type: 'timeout', scope: 'attempt', route: 'GET /x', profile: 'p', at: 500 },
  ]);
});

test('a parent abort aborts the scope with the parent reason and stops its timer', () => {
  const { clock, deps } = makeDeps();
  const parent = new AbortController();
  const scope = new TimeScope('total', 500, parent.signal, deps);
  parent.abort('caller');
  assert.is(scope.signal.reason, 'caller');
  assert.not.ok(scope.timedOut);
  assert.equal(clock.pending, []);
});

test('a scope on an aborted parent is aborted from the start and starts no timer', () => {
  const { clock, deps } = makeDeps();
  const scope = new TimeScope('total', 500, AbortSignal.abort('early'), deps);
  assert.is(scope.signal.reason, 'early');
  assert.equal(clock.pending, []);
});

test('dispose stops the timer and unhooks from the parent', async () => {
  const { clock, deps } = makeDeps();
  const parent = new AbortController();
  const scope = new TimeScope('attempt', 500, parent.signal, deps);
  scope.dispose();
  assert.equal(clock.pending, []);
  parent.abort('later');
  await clock.advance(1000);
  assert.not.ok(scope.signal.aborted);
});

test('raceAbort settles like the promise, or with the reason once the signal aborts', async () => {
  assert.is(await raceAbort(Promise.resolve(1), new AbortController().signal), 1);
  assert.is(await raceAbort(Promise.resolve(2), undefined), 2);
  const controller = new AbortController();
  const racing = raceAbort(new Promise(() => {}), controller.signal).catch((e: unknown) => e);
  controller.abort('stop');
  assert.is(await racing, 'stop');
  const late = raceAbort(Promise.reject(new Error('ignored')), AbortSignal.abort('first'));
  assert.is(await late.catch((e: unknown) => e), 'first');
});

test('a scope over a clock without setTimer times out through a sleep, then leaves it', async () => {
  const fake = new FakeClock();
  const clock = {
    now: () => fake.now(),
    sleep: (ms: number, s?: AbortSignal) => fake.sleep(ms, s),
  };
  const deps = { clock, events: new EventHub([]), identity };
  const disposed = new TimeScope('attempt', 100, undefined, deps);
  disposed.dispose();
  assert.equal(fake.pending, []);
  const scope = new TimeScope('total', 100, undefined, deps);
  assert.equal(fake.pending, [{ dueAt: 100, ms: 100 }]);
  await fake.advance(100);
  assert.ok(scope.timedOut);
  assert.ok(isTimeoutError(scope.signal.reason));
});

test("a scope nested in another aborts with the outer one's TimeoutError", async () => {
  const { clock, deps } = makeDeps();
  const total = new TimeScope('total', 100, undefined, deps);
  const attempt = new TimeScope('attempt', 500, total, deps);
  await clock.advance(100);
  assert.ok(total.aborted && attempt.aborted);
  assert.not.ok(attempt.timedOut, 'its own limit did not run out');
  assert.is(attempt.reason, total.reason);
  assert.ok(isTimeoutError(attempt.signal.reason), 'a signal read late is born aborted');
  assert.is(attempt.signal.reason, total.reason);
  assert.equal(clock.pending, [], "the attempt's timer is stopped");
});

test('a disposed nested scope no longer hears of its outer scope', async () => {
  const { clock, deps } = makeDeps();
  const total = new TimeScope('total', 100, undefined, deps);
  const attempt = new TimeScope('attempt', 50, total, deps);
  const { signal } = attempt;
  attempt.dispose();
  await clock.advance(100);
  assert.ok(total.aborted);
  assert.not.ok(attempt.aborted);
  assert.not.ok(signal.aborted);
});

test('a scope nested in an aborted one is born aborted and starts no timer', () => {
  const { clock, deps } = makeDeps();
  const parent = new AbortController();
  const total = new TimeScope('total', 100, parent.signal, deps);
  parent.abort('caller left');
  const attempt = new TimeScope('attempt', 50, total, deps);
  assert.is(attempt.reason, 'caller left');
  assert.is(attempt.signal.reason, 'caller left');
  assert.equal(clock.pending, []);
});

test("raceScope settles like the promise, or with the scope's reason once it aborts", async () => {
  const { clock, deps } = makeDeps();
  const kept = new TimeScope('attempt', 500, undefined, deps);
  assert.is(await raceScope(Promise.resolve(1), kept), 1);
  const racing = raceScope(new Promise(() => {}), kept).catch((e: unknown) => e);
  await clock.advance(500);
  const reason = await racing;
  assert.ok(isTimeoutError(reason));
  const aborted = raceScope(Promise.reject(new Error('ignored')), kept);
  assert.ok(isTimeoutError(await aborted.catch((e: unknown) => e)), 'already aborted');
});

test("nested scopes and races hear of the parent's abort, then stop listening", async () => {
  const { clock, deps } = makeDeps();
  const total = new TimeScope('total', 100, undefined, deps);
  const attempt = new TimeScope('attempt', 1000, total, deps);
  let heard = 0;
  const stop = total.onAbort(() => heard++);
  const settled = new TimeScope('attempt', 1000, total, deps);
  settled.dispose();
  const race = raceScope(new Promise(() => {}), attempt).catch((e: unknown) => e);
  await clock.advance(100);
  assert.ok(isTimeoutError(await race));
  assert.is(
    ((await race) as { scope?: string }).scope,
    'total',
    "the attempt took the parent's reason",
  );
  assert.ok(attempt.aborted);
  assert.not.ok(attempt.timedOut);
  assert.not.ok(settled.aborted, 'a disposed scope is unhooked');
  assert.is(heard, 1);
  stop();
  assert.equal(clock.pending, [], "the attempt's own timer stopped with the parent");
});

test.run();
