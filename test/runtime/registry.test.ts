import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createResilientHttp,
  FakeClock,
  isBrokenCircuitError,
  ResilienceRegistry,
} from '../../runtime/index.js';
import type { ResilienceEvent } from '../../runtime/index.js';
import { makePolicy } from './policies.js';

const fail = async (): Promise<never> => {
  throw new Error('down');
};

test('every route of a profile shares one breaker, bulkhead and budget', async () => {
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  const getUser = makePolicy({
    retry: { maxAttempts: 1 },
    circuitBreaker: { failureThreshold: 2, recoveryTimeoutMs: 1000 },
    bulkhead: { maxConcurrent: 4 },
  });
  const listUsers = { ...getUser, route: 'GET /api/users' };
  await registry.execute(getUser, fail).catch(() => undefined);
  await registry.execute(listUsers, fail).catch(() => undefined);
  const error = await registry.execute(getUser, async () => 'ok').catch((e: unknown) => e);
  assert.ok(isBrokenCircuitError(error), 'two failures on two routes opened the one breaker');
  assert.is(registry.runtimeFor(getUser).bulkhead, registry.runtimeFor(listUsers).bulkhead);
  assert.is(registry.runtimeFor(getUser).budget, registry.runtimeFor(listUsers).budget);
});

test('breakers are kept per profile@service when the client names its service', () => {
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  const policy = makePolicy();
  const users = createResilientHttp({ baseURL: 'http://127.0.0.1:1', registry, service: 'users' });
  assert.ok(users.registry === registry);
  registry.runtimeFor(policy, 'users');
  registry.runtimeFor(policy, 'billing');
  registry.runtimeFor(policy);
  const [profile] = registry.snapshot();
  assert.equal(
    profile?.breakers.map((b) => b.name),
    ['default@users', 'default@billing', 'default'],
  );
});

test('the snapshot reports each profile with its breakers and bulkheads', async () => {
  const registry = new ResilienceRegistry({ clock: new FakeClock(7_000) });
  await registry.execute(makePolicy({ retry: { maxAttempts: 1 } }), fail).catch(() => undefined);
  await registry.execute(
    makePolicy({ profile: 'fastFail', retry: { maxAttempts: 1 }, bulkhead: { maxConcurrent: 2 } }),
    async () => 'ok',
  );
  const snapshot = registry.snapshot();
  assert.equal(
    snapshot.map((p) => [p.name, p.maxAttempts, p.breakers.length, p.bulkheads.length]),
    [
      ['default', 1, 1, 0],
      ['fastFail', 1, 1, 1],
    ],
  );
  assert.is(snapshot[0]?.breakers[0]?.failureCount, 1);
  assert.is(snapshot[0]?.breakers[0]?.lastFailureAt, 7_000);
  assert.is(snapshot[1]?.bulkheads[0]?.maxConcurrent, 2);
});

test('isolate and reset control a breaker by name and say when there is none', async () => {
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  const policy = makePolicy();
  registry.runtimeFor(policy);
  assert.ok(registry.isolate('default'));
  const error = await registry.execute(policy, async () => 'ok').catch((e: unknown) => e);
  assert.ok(isBrokenCircuitError(error));
  assert.ok(registry.reset('default'));
  assert.is(await registry.execute(policy, async () => 'ok'), 'ok');
  assert.not.ok(registry.isolate('nope'));
  assert.not.ok(registry.reset('nope'));
});

test('listeners subscribe and unsubscribe; without any, no event is built', async () => {
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  assert.not.ok(registry.events.active);
  const seen: ResilienceEvent[] = [];
  const unsubscribe = registry.on((e) => seen.push(e));
  assert.ok(registry.events.active);
  await registry.execute(makePolicy(), async () => 'ok');
  const count = seen.length;
  assert.ok(count > 0);
  unsubscribe();
  unsubscribe();
  assert.not.ok(registry.events.active);
  await registry.execute(makePolicy(), async () => 'ok');
  assert.is(seen.length, count);
});

test('a listener that throws does not change the outcome of a call', async () => {
  const registry = new ResilienceRegistry({
    clock: new FakeClock(),
    listeners: [
      () => {
        throw new Error('buggy listener');
      },
    ],
  });
  assert.is(await registry.execute(makePolicy(), async () => 'ok'), 'ok');
});

test('the route runtime is built once per policy object', () => {
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  const policy = makePolicy();
  assert.is(registry.runtimeFor(policy), registry.runtimeFor(policy));
});

test.run();
