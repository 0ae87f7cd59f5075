import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeClock, isAbortError, ResilienceRegistry } from '../../runtime/index.js';
import type { ResilienceEvent } from '../../runtime/index.js';
import { makePolicy } from './policies.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function gate(): { promise: Promise<string>; open: () => void } {
  let open = (): void => {};
  const promise = new Promise<string>((resolve) => (open = () => resolve('done')));

  return { promise, open };
}

function makeRig() {
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  const policy = makePolicy({
    retry: { maxAttempts: 1, backoff: 'fixed', baseDelayMs: 0, maxDelayMs: 0, jitter: 'none' },
    bulkhead: { maxConcurrent: 1, maxQueue: 1, queueTimeoutMs: 1000 },
  });
  const bulkhead = registry.runtimeFor(policy).bulkhead;
  if (bulkhead === undefined) {
    throw new Error('expected a bulkhead');
  }

  return { registry, policy, bulkhead };
}

test('a call holds its bulkhead slot while it runs and gives it back on success', async () => {
  const { registry, policy, bulkhead } = makeRig();
  const first = gate();
  const running = registry.execute(policy, () => first.promise);
  assert.is(bulkhead.inFlight, 1);
  const queued = registry.execute(policy, async () => 'second');
  await settle();
  assert.is(bulkhead.queued, 1, 'the second call waits for the slot');
  first.open();
  assert.equal(await Promise.all([running, queued]), ['done', 'second']);
  assert.is(bulkhead.inFlight, 0);
  assert.is(bulkhead.queued, 0);
});

test('a call that fails gives its slot back to the call waiting in the queue', async () => {
  const { registry, policy, bulkhead } = makeRig();
  let fail = (): void => {};
  const failing = registry.execute(
    policy,
    () => new Promise<string>((_, reject) => (fail = () => reject(new Error('down')))),
  );
  const queued = registry.execute(policy, async () => 'after');
  await settle();
  fail();
  assert.instance(await failing.catch((e: unknown) => e), Error);
  assert.is(await queued, 'after');
  assert.is(bulkhead.inFlight, 0);
});

test("a caller's abort takes a queued call out of the queue and leaves the slot held", async () => {
  const { registry, policy, bulkhead } = makeRig();
  const first = gate();
  const running = registry.execute(policy, () => first.promise);
  const controller = new AbortController();
  const queued = registry.execute(policy, async () => 'never', { signal: controller.signal });
  await settle();
  controller.abort('caller left');
  assert.ok(isAbortError(await queued.catch((e: unknown) => e)));
  assert.is(bulkhead.queued, 0);
  assert.is(bulkhead.inFlight, 1);
  first.open();
  await running;
  assert.is(bulkhead.inFlight, 0);
});

test('a successful call reads the clock twice, when it starts and when its attempt ends', async () => {
  const fake = new FakeClock(1000);
  let reads = 0;
  const clock = {
    now: () => {
      reads++;
      return fake.now();
    },
    sleep: (ms: number, signal?: AbortSignal) => fake.sleep(ms, signal),
  };
  const events: ResilienceEvent[] = [];
  const registry = new ResilienceRegistry({ clock, listeners: [(e) => events.push(e)] });
  const policy = makePolicy({ bulkhead: { maxConcurrent: 2 } });
  registry.runtimeFor(policy);
  reads = 0;
  const value = await registry.execute(policy, async () => {
    await fake.advance(30);
    return 7;
  });
  assert.is(value, 7);
  assert.is(reads, 2);
  const call = events.find((e) => e.type === 'call');
  const attempt = events.find((e) => e.type === 'attempt');
  assert.equal([call?.at, call?.type === 'call' && call.durationMs], [1030, 30]);
  assert.equal([attempt?.at, attempt?.type === 'attempt' && attempt.durationMs], [1030, 30]);
});

test.run();
