import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  FakeClock,
  isAbortError,
  isBrokenCircuitError,
  isHttpError,
  isRetriesExhaustedError,
  isTimeoutError,
  ResilienceRegistry,
} from '../../runtime/index.js';
import type { ResilienceEvent, RoutePolicy } from '../../runtime/index.js';
import { makeHttpError, makePolicy } from './policies.js';

/** A registry on a fake clock that keeps its events, and a policy with the fallback on. */
function makeRig(overrides: Partial<RoutePolicy> = {}) {
  const clock = new FakeClock(1000);
  const events: ResilienceEvent[] = [];
  const registry = new ResilienceRegistry({ clock, listeners: [(e) => events.push(e)] });
  const policy = makePolicy({
    retry: { maxAttempts: 2, backoff: 'fixed', baseDelayMs: 0, maxDelayMs: 0, jitter: 'none' },
    fallback: { enabled: true, strategy: 'default' },
    ...overrides,
  });

  return { clock, events, registry, policy };
}

const down = async (): Promise<number> => {
  throw new Error('down');
};

const typesOf = (events: readonly ResilienceEvent[]): string[] => events.map((e) => e.type);

test('a call whose attempts all fail answers the fallback, its source the default', async () => {
  const { events, registry, policy } = makeRig();
  let attempts = 0;
  let given: unknown;
  const value = await registry.execute(
    policy,
    async () => {
      attempts++;
      throw new Error(`down ${attempts}`);
    },
    {
      fallback: (error) => {
        given = error;
        return -1;
      },
    },
  );
  assert.is(value, -1);
  assert.is(attempts, 2, 'the retries come first');
  assert.ok(isRetriesExhaustedError(given), 'the fallback is told why the call failed');
  const fallback = events.find((e) => e.type === 'fallback');
  assert.equal(fallback?.type === 'fallback' && fallback.source, 'default');
  const call = events.find((e) => e.type === 'call');
  assert.equal(call?.type === 'call' && [call.source, call.outcome], ['default', 'failure']);
  const breaker = registry.runtimeFor(policy).breaker.snapshot();
  assert.is(breaker.failureCount, 2, 'the breaker still counts both failed attempts');
});

test('a first attempt that succeeds never calls the fallback', async () => {
  const { events, registry, policy } = makeRig();
  let served = 0;
  const value = await registry.execute(policy, async () => 5, { fallback: () => served++ });
  assert.is(value, 5);
  assert.is(served, 0);
  assert.not.ok(typesOf(events).includes('fallback'));
});

test('an answer the classifier passes through is never replaced by the fallback', async () => {
  const { events, registry, policy } = makeRig();
  const notFound = makeHttpError(404);
  const thrown = await registry
    .execute(
      policy,
      async () => {
        throw notFound;
      },
      { fallback: () => 0 },
    )
    .catch((e: unknown) => e);
  assert.is(thrown, notFound);
  assert.ok(isHttpError(thrown));
  assert.not.ok(typesOf(events).includes('fallback'));
});

test('a policy with fallback disabled throws the error even when a fallback is given', async () => {
  const { registry, policy } = makeRig({ fallback: { enabled: false } });
  const thrown = await registry
    .execute(policy, down, { fallback: () => 0 })
    .catch((e: unknown) => e);
  assert.ok(isRetriesExhaustedError(thrown));
});

test('a fallback that throws leaves the call with its own error', async () => {
  const { events, registry, policy } = makeRig();
  const thrown = await registry
    .execute(policy, down, {
      fallback: () => {
        throw new Error('no default either');
      },
    })
    .catch((e: unknown) => e);
  assert.ok(isRetriesExhaustedError(thrown));
  assert.not.ok(typesOf(events).includes('fallback'));
  const call = events.find((e) => e.type === 'call');
  assert.equal(call?.type === 'call' && call.source, 'network');
});

test('an open breaker is answered by the fallback without calling the function', async () => {
  const { registry, policy } = makeRig({
    retry: { maxAttempts: 1, backoff: 'fixed', baseDelayMs: 0, maxDelayMs: 0, jitter: 'none' },
    circuitBreaker: { failureThreshold: 1, recoveryTimeoutMs: 30_000, halfOpenMaxCalls: 1 },
  });
  await registry.execute(policy, down).catch(() => undefined);
  let calls = 0;
  let given: unknown;
  const value = await registry.execute(
    policy,
    async () => {
      calls++;
      return 1;
    },
    {
      fallback: (error) => {
        given = error;
        return 0;
      },
    },
  );
  assert.is(value, 0);
  assert.is(calls, 0);
  assert.ok(isBrokenCircuitError(given));
});

test('a call that runs out of its total time is answered by the fallback', async () => {
  const { clock, registry, policy } = makeRig({ timeout: { totalMs: 500 } });
  let given: unknown;
  const pending = registry.execute(policy, () => new Promise<number>(() => {}), {
    fallback: async (error) => {
      given = error;
      return 0;
    },
  });
  await clock.advance(500);
  assert.is(await pending, 0);
  assert.ok(isTimeoutError(given));
});

test("the caller's abort is not replaced by the fallback", async () => {
  const { registry, policy } = makeRig();
  const controller = new AbortController();
  const pending = registry.execute(policy, () => new Promise<number>(() => {}), {
    signal: controller.signal,
    fallback: () => 0,
  });
  controller.abort('caller left');
  assert.ok(isAbortError(await pending.catch((e: unknown) => e)));
});

test('a function that throws before returning a promise failed its attempt: retried', async () => {
  const { registry, policy } = makeRig();
  let attempts = 0;
  const value = await registry.execute(policy, (): Promise<number> => {
    attempts++;
    if (attempts === 1) {
      throw new Error('thrown at once');
    }
    return Promise.resolve(2);
  });
  assert.is(value, 2);
  assert.is(attempts, 2);
});

test('a function that answers a plain value (from JavaScript) is taken as its answer', async () => {
  const { registry, policy } = makeRig();
  const plain = (() => 3) as unknown as () => Promise<number>;
  assert.is(await registry.execute(policy, plain), 3);
  assert.is(registry.runtimeFor(policy).bulkhead?.inFlight ?? 0, 0);
});

test.run();
