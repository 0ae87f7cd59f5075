import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Clock } from '../../../runtime/clock.js';
import { systemClock } from '../../../runtime/clock.js';
import { FakeClock } from '../../../runtime/fake-clock.js';
import { DeadlineQueue } from '../../../runtime/server/deadline-queue.js';

/** An entry that records, on `log`, the clock's time when it expires. */
function track(clock: Clock, log: string[], name: string) {
  return { expire: () => log.push(`${name}@${clock.now()}`) };
}

test('entries expire in order, each at its own deadline, on one timer', async () => {
  const clock = new FakeClock();
  const queue = new DeadlineQueue(clock, 100);
  const log: string[] = [];
  queue.add(track(clock, log, 'a'));
  await clock.advance(30);
  queue.add(track(clock, log, 'b'));
  queue.add(track(clock, log, 'c'));
  assert.is(clock.pending.length, 1);
  await clock.advance(70);
  assert.equal(log, ['a@100']);
  await clock.advance(29);
  assert.equal(log, ['a@100']);
  await clock.advance(1);

  assert.equal(log, ['a@100', 'b@130', 'c@130']);
  assert.is(clock.pending.length, 0);
});

test('a removed entry never expires, wherever it stood in the queue', async () => {
  const clock = new FakeClock();
  const queue = new DeadlineQueue(clock, 100);
  const log: string[] = [];
  const first = queue.add(track(clock, log, 'first'));
  const middle = queue.add(track(clock, log, 'middle'));
  queue.add(track(clock, log, 'last'));
  queue.remove(middle);
  queue.remove(first);
  queue.remove(first);
  await clock.advance(100);

  assert.equal(log, ['last@100']);
});

test('after the oldest entry leaves, the timer fires again and waits for the next', async () => {
  const clock = new FakeClock();
  const queue = new DeadlineQueue(clock, 100);
  const log: string[] = [];
  const early = queue.add(track(clock, log, 'early'));
  await clock.advance(60);
  queue.add(track(clock, log, 'late'));
  queue.remove(early);
  await clock.advance(40);
  assert.equal(log, []);
  assert.equal(
    clock.pending.map((sleep) => sleep.ms),
    [60],
  );
  await clock.advance(60);

  assert.equal(log, ['late@160']);
});

test('an empty queue sets its timer again for the next entry', async () => {
  const clock = new FakeClock();
  const queue = new DeadlineQueue(clock, 100);
  const log: string[] = [];
  queue.remove(queue.add(track(clock, log, 'gone')));
  await clock.advance(100);
  assert.is(clock.pending.length, 0);
  queue.add(track(clock, log, 'next'));
  await clock.advance(100);

  assert.equal(log, ['next@200']);
});

test('an entry that throws on expiry does not keep the others from expiring', async () => {
  const clock = new FakeClock();
  const queue = new DeadlineQueue(clock, 100);
  const log: string[] = [];
  queue.add({
    expire: () => {
      throw new Error('listener failed');
    },
  });
  queue.add(track(clock, log, 'next'));
  const fired = clock.advance(100).catch((error: unknown) => error);

  assert.ok((await fired) instanceof Error);
  await clock.advance(0);
  assert.equal(log, ['next@100']);
});

test('dispose stops the timer, and a later entry sets it again', async () => {
  const clock = new FakeClock();
  const queue = new DeadlineQueue(clock, 100);
  const log: string[] = [];
  queue.add(track(clock, log, 'a'));
  queue.dispose();
  assert.is(clock.pending.length, 0);
  queue.add(track(clock, log, 'b'));
  await clock.advance(100);

  assert.equal(log, ['a@100', 'b@100']);
});

test('deadlines use the monotonic clock, so setting the system time moves none', async () => {
  let wallMs = 1_000_000;
  let monotonicMs = 5;
  const fake = new FakeClock();
  const clock: Clock = {
    now: () => wallMs,
    sleep: (ms) => fake.sleep(ms),
    setTimer: (ms, fire) => fake.setTimer(ms, fire),
    monotonicNow: () => monotonicMs,
  };
  const queue = new DeadlineQueue(clock, 100);
  const log: string[] = [];
  queue.add({ expire: () => log.push('expired') });
  wallMs += 3_600_000;
  monotonicMs += 99;
  await fake.advance(100);
  assert.equal(log, [], 'only 99 ms passed on the monotonic clock');
  monotonicMs += 1;
  await fake.advance(1);

  assert.equal(log, ['expired']);
});

test("the system clock's queue timer does not keep the process alive", () => {
  const timers = (): number =>
    process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
  const before = timers();
  const queue = new DeadlineQueue(systemClock, 60_000);
  queue.add({ expire: () => {} });

  assert.is(timers(), before);
  queue.dispose();
});

test.run();
