import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { systemClock } from '../../runtime/index.js';

function countTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

test('systemClock reads Date.now', () => {
  const before = Date.now();
  const now = systemClock.now();
  assert.ok(now >= before && now <= Date.now());
});

test('an aborted systemClock sleep rejects at once and leaves no timer behind', async () => {
  const timers = countTimers();
  const controller = new AbortController();
  const sleeping = systemClock.sleep(60_000, controller.signal);
  assert.is(countTimers(), timers + 1);
  controller.abort('caller left');
  assert.is(await sleeping.catch((e: unknown) => e), 'caller left');
  assert.is(countTimers(), timers);
});

test('an infinite systemClock sleep starts no timer and ends on abort', async () => {
  const timers = countTimers();
  const controller = new AbortController();
  const sleeping = systemClock.sleep(Infinity, controller.signal);
  assert.is(countTimers(), timers);
  controller.abort('done');
  assert.is(await sleeping.catch((e: unknown) => e), 'done');
});

test('a systemClock sleep on an aborted signal rejects without a timer', async () => {
  const timers = countTimers();
  assert.is(await systemClock.sleep(10, AbortSignal.abort('no')).catch((e: unknown) => e), 'no');
  assert.is(countTimers(), timers);
});

test('a cancelled systemClock timer never fires and leaves no timer behind', async () => {
  const timers = countTimers();
  let fired = 0;
  const cancel = systemClock.setTimer?.(60_000, () => fired++);
  assert.is(countTimers(), timers + 1);
  cancel?.();
  assert.is(countTimers(), timers);
  const fire = new Promise<void>((resolve) => systemClock.setTimer?.(1, resolve));
  await fire;
  assert.is(fired, 0);
  assert.is(countTimers(), timers);
});

test('an unref systemClock timer keeps no process alive and still fires', async () => {
  const timers = countTimers();
  const fire = new Promise<void>((resolve) => {
    systemClock.setTimer?.(1, resolve, { unref: true });
    assert.is(countTimers(), timers);
  });
  await new Promise((resolve) => setTimeout(resolve, 5));

  await fire;
});

test('systemClock reads a monotonic time that does not go back', () => {
  const first = systemClock.monotonicNow?.() ?? Number.NaN;
  const second = systemClock.monotonicNow?.() ?? Number.NaN;
  assert.ok(second >= first);
  assert.ok(Math.abs(first - performance.now()) < 1000);
});

test.run();
