import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  FakeClock,
  isAbortError,
  isRetriesExhaustedError,
  isTimeoutError,
  ResilienceRegistry,
} from '../../runtime/index.js';
import type { ExecuteOptions, ResilienceEvent, RoutePolicy } from '../../runtime/index.js';
import { makeHttpError, makePolicy } from './policies.js';

function setUp() {
  const clock = new FakeClock();
  const events: ResilienceEvent[] = [];
  const registry = new ResilienceRegistry({ clock, listeners: [(e) => events.push(e)] });

  return { clock, events, registry };
}

const unavailable = () => makeHttpError(503);

/** Runs a function that always throws `failure`; says how many attempts it got. */
async function runFailing(
  registry: ResilienceRegistry,
  policy: RoutePolicy,
  failure: unknown,
  options?: ExecuteOptions,
): Promise<{ attempts: number; error: unknown }> {
  let attempts = 0;
  const error = await registry
    .execute(
      policy,
      async () => {
        attempts++;
        throw failure;
      },
      options,
    )
    .catch((e: unknown) => e);

  return { attempts, error };
}
const refusals = (events: ResilienceEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'retry-refused' ? [e.reason] : []));

test('a failing function is retried after the backoff until it succeeds', async () => {
  const { clock, registry } = setUp();
  const seen: number[] = [];
  const call = registry.execute(makePolicy(), async ({ attempt }) => {
    seen.push(attempt);
    if (attempt < 3) {
      throw unavailable();
    }

    return 'ok';
  });
  await clock.waitForPending();
  await clock.advance(100);
  await clock.waitForPending();
  await clock.advance(200);
  assert.is(await call, 'ok');
  assert.equal(seen, [1, 2, 3]);
  assert.equal(clock.history, [100, 200]);
});

test('maxAttempts 1 makes one attempt and throws its error unwrapped', async () => {
  const { registry, events } = setUp();
  const failure = unavailable();
  const { attempts, error } = await runFailing(
    registry,
    makePolicy({ retry: { maxAttempts: 1 } }),
    failure,
  );
  assert.is(attempts, 1);
  assert.is(error, failure);
  assert.equal(refusals(events), []);
});

test('when every attempt fails, RetriesExhaustedError holds the last error', async () => {
  const { registry, events } = setUp();
  const policy = makePolicy({ retry: { maxAttempts: 3, baseDelayMs: 0 } });
  const errors = [unavailable(), unavailable(), unavailable()];
  const error = await registry
    .execute(policy, async ({ attempt }) => {
      throw errors[attempt - 1];
    })
    .catch((e: unknown) => e);
  assert.ok(isRetriesExhaustedError(error));
  assert.is(error.attempts, 3);
  assert.is(error.cause, errors[2]);
  assert.equal(refusals(events), ['attempts-exhausted']);
});

test('a 4xx thrown by the function passes through after one attempt', async () => {
  const notFound = makeHttpError(404);
  const { attempts, error } = await runFailing(setUp().registry, makePolicy(), notFound);
  assert.is(error, notFound);
  assert.is(attempts, 1);
});

const post = (idempotent: boolean): RoutePolicy =>
  makePolicy({
    route: 'POST /api/users',
    method: 'POST',
    idempotent,
    retry: { maxAttempts: 3, baseDelayMs: 0 },
  });

test('a POST is not retried without an idempotency key', async () => {
  const { registry, events } = setUp();
  const { attempts } = await runFailing(registry, post(false), unavailable());
  assert.is(attempts, 1);
  assert.equal(refusals(events), ['not-idempotent']);
});

test('a POST with an idempotency key, or on an idempotent route, is retried', async () => {
  const withKey = await runFailing(setUp().registry, post(false), unavailable(), {
    idempotencyKey: 'k-1',
  });
  assert.is(withKey.attempts, 3);
  const idempotent = await runFailing(setUp().registry, post(true), unavailable());
  assert.is(idempotent.attempts, 3);
});

test('aborting during a backoff wait ends the call at once and leaves no timer', async () => {
  const { clock, registry } = setUp();
  const controller = new AbortController();
  const call = runFailing(registry, makePolicy(), unavailable(), { signal: controller.signal });
  await clock.waitForPending();
  controller.abort('user left');
  const { attempts, error } = await call;
  assert.ok(isAbortError(error));
  assert.is(error.cause, 'user left');
  assert.is(attempts, 1);
  assert.equal(clock.pending, []);
});

test('a retry after an attempt timeout gets the full attempt timeout again', async () => {
  const { clock, registry, events } = setUp();
  const policy = makePolicy({ timeout: { attemptMs: 1000 } });
  const call = registry.execute(policy, ({ signal, attempt }) =>
    attempt === 1
      ? clock.sleep(60_000, signal).then(() => 'too late')
      : clock.sleep(10, signal).then(() => 'second'),
  );
  await clock.waitForPending(2);
  assert.equal(
    clock.pending.map((s) => s.ms),
    [1000, 60_000],
  );
  await clock.advance(1000);
  assert.ok(events.some((e) => e.type === 'timeout' && e.scope === 'attempt'));
  assert.equal(
    clock.pending.map((s) => s.ms),
    [100],
    'the hung attempt was aborted; the backoff waits',
  );
  await clock.advance(100);
  assert.equal(
    clock.pending,
    [
      { dueAt: 1110, ms: 10 },
      { dueAt: 2100, ms: 1000 },
    ],
    'the second attempt works under a fresh, full attempt timeout',
  );
  await clock.advance(10);
  assert.is(await call, 'second');
  assert.equal(clock.pending, []);
});

test('an attempt that ignores its signal is abandoned when its time runs out', async () => {
  const { clock, registry } = setUp();
  const policy = makePolicy({ retry: { maxAttempts: 1 }, timeout: { attemptMs: 50 } });
  const call = registry.execute(policy, () => new Promise(() => {})).catch((e: unknown) => e);
  await clock.waitForPending();
  await clock.advance(50);
  const error = await call;
  assert.ok(isTimeoutError(error));
  assert.is(error.scope, 'attempt');
  assert.is(error.timeoutMs, 50);
});

test('an attempt with time limits that never reads its signal makes no AbortSignal', async () => {
  const { clock, registry } = setUp();
  const policy = makePolicy({
    retry: { maxAttempts: 1 },
    timeout: { attemptMs: 50, totalMs: 500 },
  });
  const made: AbortController[] = [];
  const original = globalThis.AbortController;
  globalThis.AbortController = class extends original {
    constructor() {
      super();
      made.push(this);
    }
  };
  try {
    assert.is(await registry.execute(policy, async () => 'quiet'), 'quiet');
    assert.is(made.length, 0);
    const signals: (AbortSignal | undefined)[] = [];
    const reading = registry
      .execute(policy, ({ signal }) => {
        signals.push(signal);
        return new Promise(() => {});
      })
      .catch((e: unknown) => e);
    await clock.waitForPending();
    await clock.advance(50);
    assert.ok(isTimeoutError(await reading));
    assert.is(made.length, 1, 'the attempt that read its signal made one');
    assert.ok(signals[0]?.aborted, 'and it aborted when the attempt timed out');
  } finally {
    globalThis.AbortController = original;
  }
});

test('the total timeout ends the call, even during a backoff wait', async () => {
  const { clock, registry } = setUp();
  const policy = makePolicy({
    retry: { maxAttempts: 5, backoff: 'fixed', baseDelayMs: 400, maxDelayMs: 1000 },
    timeout: { totalMs: 1000 },
  });
  const call = runFailing(registry, policy, unavailable());
  await clock.waitForPending(2);
  await clock.advance(1000);
  const { attempts, error } = await call;
  assert.ok(isTimeoutError(error));
  assert.is(error.scope, 'total');
  assert.is(attempts, 3);
  assert.equal(clock.pending, []);
});

test('an open breaker stops further attempts at once', async () => {
  const { registry, events } = setUp();
  const policy = makePolicy({
    retry: { maxAttempts: 5, baseDelayMs: 0 },
    circuitBreaker: { failureThreshold: 2, recoveryTimeoutMs: 10_000 },
  });
  const failure = unavailable();
  const { attempts, error } = await runFailing(registry, policy, failure);
  assert.is(attempts, 2);
  assert.is(error, failure);
  assert.equal(refusals(events), ['circuit-open']);
});

test('attempt and call events describe the run', async () => {
  const { registry, events } = setUp();
  const policy = makePolicy({ retry: { maxAttempts: 2, baseDelayMs: 0 } });
  await registry.execute(policy, async ({ attempt }) => {
    if (attempt === 1) {
      throw unavailable();
    }
  });
  const summary = events.map((e) =>
    e.type === 'attempt'
      ? `attempt ${e.attempt} ${e.outcome}`
      : e.type === 'call'
        ? `call ${e.outcome} ${e.attempts}`
        : e.type,
  );
  assert.equal(summary, ['attempt 1 failure', 'retry', 'attempt 2 success', 'call success 2']);
});

test.run();
