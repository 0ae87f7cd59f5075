import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  FakeClock,
  isAbortError,
  MetricsRegistry,
  ResilienceRegistry,
} from '../../runtime/index.js';
import type { Clock, ResilienceEvent, ResilienceListener } from '../../runtime/index.js';
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

/** A fake clock that counts its readings. */
function countingClock(startMs = 1000): { clock: Clock; fake: FakeClock; reads: () => number } {
  const fake = new FakeClock(startMs);
  let reads = 0;
  const clock: Clock = {
    now: () => {
      reads++;
      return fake.now();
    },
    sleep: (ms, signal) => fake.sleep(ms, signal),
  };

  return { clock, fake, reads: () => reads };
}

test('with nobody listening, a successful call reads the clock once, unless its breaker times calls', async () => {
  const timed = makePolicy({
    route: 'GET /timed',
    // Breakers are kept per profile: this one needs a profile of its own.
    profile: 'timed',
    circuitBreaker: {
      type: 'count-window',
      windowSize: 10,
      minimumCalls: 10,
      failureRateThreshold: 0.5,
      slowCallDurationMs: 100,
      slowCallRateThreshold: 0.5,
      recoveryTimeoutMs: 30_000,
      halfOpenMaxCalls: 1,
    },
  });
  const plain = makePolicy({ route: 'GET /plain', bulkhead: { maxConcurrent: 2 } });
  const { clock, reads } = countingClock();
  const registry = new ResilienceRegistry({ clock });
  registry.runtimeFor(plain);
  registry.runtimeFor(timed);
  const before = reads();
  assert.is(await registry.execute(plain, async () => 1), 1);
  assert.is(reads() - before, 1, 'consecutive breaker');
  const middle = reads();
  assert.is(await registry.execute(timed, async () => 2), 2);
  assert.is(reads() - middle, 2, 'a slow-call rate needs the duration');
});

/**
 * Runs the same calls through two registries on one fake clock: one whose metrics bind a
 * first-try recorder, one whose metrics listener hides it and so gets every event.
 */
async function recordBothWays(
  calls: (registry: ResilienceRegistry, fake: FakeClock) => Promise<void>,
) {
  const results = [];
  for (const bind of [true, false]) {
    const fake = new FakeClock(5000);
    const metrics = new MetricsRegistry({ clock: fake });
    const listener: ResilienceListener = bind ? metrics.listener : (e) => metrics.listener(e);
    const registry = new ResilienceRegistry({ clock: fake, listeners: [listener] });
    await calls(registry, fake);
    const histograms = await Promise.all(metrics.readHistograms().map((h) => h.get()));
    results.push({
      series: JSON.parse(JSON.stringify(metrics.readSeries())),
      latency: metrics.readLatency(),
      rate: metrics.readRequestsPerSecond(),
      histograms: histograms.map((h) => h.values),
    });
  }

  return results;
}

test('metrics count first-try successes through the bound recorder exactly as from the events', async () => {
  const policy = makePolicy({ bulkhead: { maxConcurrent: 4 } });
  const other = makePolicy({ route: 'POST /api/users', method: 'POST' });
  const [bound, evented] = await recordBothWays(async (registry, fake) => {
    let failuresLeft = 2;
    for (let index = 0; index < 25; index++) {
      await registry.execute(index % 3 === 0 ? other : policy, async () => {
        await fake.advance(index * 7);
        return index;
      });
    }
    // A first attempt that fails leaves the fast path: its retry goes the general way.
    const retried = registry.execute(policy, async () => {
      if (failuresLeft-- > 0) {
        throw new Error('flaky');
      }
      return 0;
    });
    await fake.waitForPending();
    await fake.advance(100);
    await fake.waitForPending();
    await fake.advance(200);
    await retried;
  });
  assert.ok(bound !== undefined && evented !== undefined);
  assert.equal(bound, evented);
  const series = bound.series.find((s: { route: string }) => s.route === 'GET /api/users/:id');
  assert.equal(series?.attempts, { success: 17, failure: 2, passthrough: 0 });
  assert.equal(series?.calls, { success: 17, failure: 0, passthrough: 0 });
  assert.is(series?.retries, 2);
});

test('a listener added or removed later gets the events again, or stops getting them', async () => {
  const fake = new FakeClock();
  const metrics = new MetricsRegistry({ clock: fake });
  const registry = new ResilienceRegistry({ clock: fake, listeners: [metrics.listener] });
  const policy = makePolicy();
  await registry.execute(policy, async () => 1);
  const seen: string[] = [];
  const off = registry.on((e) => seen.push(e.type));
  await registry.execute(policy, async () => 2);
  assert.equal(seen, ['attempt', 'call']);
  off();
  await registry.execute(policy, async () => 3);
  assert.equal(seen, ['attempt', 'call'], 'unsubscribed');
  assert.equal(metrics.readTotals().calls, { success: 3, failure: 0, passthrough: 0 });
});

test('a recorder that throws neither fails the call nor stops the other recorders', async () => {
  const fake = new FakeClock();
  const metrics = new MetricsRegistry({ clock: fake });
  const faulty: ResilienceListener = Object.assign(() => {}, {
    bindFirstTrySuccess: () => () => {
      throw new Error('subscriber bug');
    },
  });
  const registry = new ResilienceRegistry({ clock: fake, listeners: [faulty, metrics.listener] });
  assert.is(await registry.execute(makePolicy(), async () => 9), 9);
  assert.equal(metrics.readTotals().calls, { success: 1, failure: 0, passthrough: 0 });
});

test.run();
