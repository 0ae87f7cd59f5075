import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Bulkhead,
  EventHub,
  FakeClock,
  isAbortError,
  isBulkheadRejectedError,
} from '../../runtime/index.js';
import type { ResilienceEvent } from '../../runtime/index.js';

const call = { route: 'GET /api/users', profile: 'p' };

function makeBulkhead(maxConcurrent: number, maxQueue: number, queueTimeoutMs = 1000) {
  const clock = new FakeClock();
  const events: ResilienceEvent[] = [];
  const hub = new EventHub([(e) => events.push(e)]);
  const bulkhead = new Bulkhead(
    'p',
    'p',
    { maxConcurrent, maxQueue, queueTimeoutMs },
    { clock, events: hub },
  );

  return { bulkhead, clock, events };
}

function gate(): { promise: Promise<string>; open: () => void } {
  let open = (): void => {};
  const promise = new Promise<string>((resolve) => (open = () => resolve('done')));

  return { promise, open };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('2 slots and a queue of 1, 5 concurrent calls: 2 run, 1 waits, 2 are rejected', async () => {
  const { bulkhead, events } = makeBulkhead(2, 1);
  const gates = Array.from({ length: 5 }, gate);
  const started: number[] = [];
  const calls = gates.map((g, i) =>
    bulkhead
      .execute(
        () => {
          started.push(i);

          return g.promise;
        },
        undefined,
        call,
      )
      .catch((e: unknown) => e),
  );
  await settle();
  assert.equal(started, [0, 1]);
  assert.is(bulkhead.inFlight, 2);
  assert.is(bulkhead.queued, 1);
  const rejected = await Promise.all([calls[3], calls[4]]);
  assert.ok(rejected.every((e) => isBulkheadRejectedError(e) && e.reason === 'queue-full'));
  assert.equal(
    events.map((e) => e.type === 'reject' && e.kind),
    ['bulkhead-full', 'bulkhead-full'],
  );
  gates[0]?.open();
  await settle();
  assert.equal(started, [0, 1, 2], 'the waiting call takes the freed slot');
  gates[1]?.open();
  gates[2]?.open();
  assert.equal(await Promise.all(calls.slice(0, 3)), ['done', 'done', 'done']);
  assert.equal(bulkhead.snapshot(), {
    name: 'p',
    profile: 'p',
    maxConcurrent: 2,
    maxQueue: 1,
    inFlight: 0,
    queued: 0,
    rejected: 2,
  });
});

test('waiters get slots first in, first out', async () => {
  const { bulkhead } = makeBulkhead(1, 3);
  const first = gate();
  const order: string[] = [];
  const running = bulkhead.execute(() => first.promise);
  const waiting = ['a', 'b', 'c'].map((name) =>
    bulkhead.execute(async () => {
      order.push(name);
    }),
  );
  first.open();
  await Promise.all([running, ...waiting]);
  assert.equal(order, ['a', 'b', 'c']);
});

test('a wait past queueTimeout is a rejection that reports how long it waited', async () => {
  const { bulkhead, clock, events } = makeBulkhead(1, 1, 250);
  const running = gate();
  void bulkhead.execute(() => running.promise);
  const waiting = bulkhead.execute(async () => 'late', undefined, call).catch((e: unknown) => e);
  await clock.advance(249);
  assert.is(bulkhead.queued, 1);
  await clock.advance(1);
  const error = await waiting;
  assert.ok(isBulkheadRejectedError(error));
  assert.is(error.reason, 'queue-timeout');
  assert.is(error.waitedMs, 250);
  assert.is(bulkhead.queued, 0);
  assert.ok(events.some((e) => e.type === 'reject' && e.kind === 'bulkhead-queue-timeout'));
  running.open();
});

test('a caller abort while queued frees the queue slot at once', async () => {
  const { bulkhead, clock } = makeBulkhead(1, 1);
  const running = gate();
  void bulkhead.execute(() => running.promise);
  const controller = new AbortController();
  const waiting = bulkhead.execute(async () => 'x', controller.signal).catch((e: unknown) => e);
  assert.is(bulkhead.queued, 1);
  controller.abort('left');
  const error = await waiting;
  assert.ok(isAbortError(error));
  assert.is(error.cause, 'left');
  assert.is(bulkhead.queued, 0);
  assert.equal(clock.pending, [], 'the queue timer is gone');
  const next = bulkhead.execute(async () => 'next');
  assert.is(bulkhead.queued, 1, 'the freed queue slot takes a new waiter');
  running.open();
  assert.is(await next, 'next');
  assert.is(bulkhead.inFlight, 0);
});

test('a call that throws gives its slot back', async () => {
  const { bulkhead } = makeBulkhead(1, 0);
  const error = await bulkhead
    .execute(() => Promise.reject(new Error('boom')))
    .catch((e: unknown) => e);
  assert.instance(error, Error);
  assert.is(bulkhead.inFlight, 0);
  assert.is(await bulkhead.execute(async () => 'free'), 'free');
});

test('a function that throws synchronously gives its slot back', async () => {
  const { bulkhead } = makeBulkhead(1, 0);
  const error = await bulkhead
    .execute(() => {
      throw new Error('sync');
    })
    .catch((e: unknown) => e);
  assert.instance(error, Error);
  assert.is(bulkhead.inFlight, 0);
});

type Kind = 'resolve' | 'reject' | 'abort';

test('random interleavings of throws, timeouts and aborts never leak a slot', async () => {
  const spec = fc.record({
    maxConcurrent: fc.integer({ min: 1, max: 3 }),
    maxQueue: fc.integer({ min: 0, max: 3 }),
    queueTimeoutMs: fc.integer({ min: 1, max: 6 }),
    calls: fc.array(
      fc.record({
        kind: fc.constantFrom<Kind>('resolve', 'reject', 'abort'),
        workMs: fc.integer({ min: 0, max: 5 }),
        abortAtMs: fc.integer({ min: 0, max: 6 }),
        startAtMs: fc.integer({ min: 0, max: 4 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  });
  await fc.assert(
    fc.asyncProperty(spec, async ({ maxConcurrent, maxQueue, queueTimeoutMs, calls }) => {
      const { bulkhead, clock } = makeBulkhead(maxConcurrent, maxQueue, queueTimeoutMs);
      const runs = calls.map(async ({ kind, workMs, abortAtMs, startAtMs }) => {
        await clock.sleep(startAtMs);
        const controller = new AbortController();
        if (kind === 'abort') {
          void clock.sleep(abortAtMs).then(() => controller.abort('caller'));
        }
        const work = async (): Promise<void> => {
          await clock.sleep(workMs, controller.signal);
          if (kind === 'reject') {
            throw new Error('work failed');
          }
        };

        return bulkhead.execute(work, controller.signal).catch(() => undefined);
      });
      for (let t = 0; t < 20; t++) {
        await clock.advance(1);
        assert.ok(bulkhead.inFlight <= maxConcurrent);
        assert.ok(bulkhead.queued <= maxQueue);
      }
      await Promise.all(runs);
      assert.is(bulkhead.inFlight, 0);
      assert.is(bulkhead.queued, 0);
      assert.equal(clock.pending, []);
    }),
    { numRuns: 200 },
  );
});

test('tryEnter takes a free slot without queueing, and release hands it to the next in queue', async () => {
  const { bulkhead } = makeBulkhead(1, 1);
  assert.ok(bulkhead.hasFreeSlot);
  assert.ok(bulkhead.tryEnter());
  assert.not.ok(bulkhead.hasFreeSlot);
  assert.not.ok(bulkhead.tryEnter(), 'no slot left, and tryEnter never queues');
  assert.is(bulkhead.queued, 0);
  const waiting = bulkhead.execute(() => Promise.resolve('queued ran'), undefined, call);
  await settle();
  assert.is(bulkhead.queued, 1);
  bulkhead.release();
  assert.is(await waiting, 'queued ran');
  assert.is(bulkhead.inFlight, 0);
  assert.ok(bulkhead.hasFreeSlot);
});

test('enter takes a free slot at once, else queues for one; a full queue rejects', async () => {
  const { bulkhead } = makeBulkhead(1, 1);
  await bulkhead.enter(undefined, call);
  assert.is(bulkhead.inFlight, 1);
  let granted = false;
  const waiting = bulkhead.enter(undefined, call).then(() => (granted = true));
  const refused = await bulkhead.enter(undefined, call).catch((error: unknown) => error);
  assert.ok(isBulkheadRejectedError(refused));
  await settle();
  assert.not.ok(granted);
  bulkhead.release();
  await waiting;

  assert.ok(granted);
  assert.is(bulkhead.inFlight, 1, 'the slot went straight to the waiter');
  assert.is(bulkhead.queued, 0);
  bulkhead.release();
  assert.is(bulkhead.inFlight, 0);
});

test.run();
