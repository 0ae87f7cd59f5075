import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ResilienceEvent } from '../../../runtime/events.js';
import { FakeClock } from '../../../runtime/fake-clock.js';
import { isTimeoutError } from '../../../runtime/policy-errors.js';
import type { User } from './users-fixture.js';
import {
  buildUserRoutes,
  createMemoryHandlers,
  createUsersServer,
  ERROR_KEYS,
  expectRuntimeError,
  waitFor,
} from './users-fixture.js';

interface Gate {
  /** Lets the handler's call finish. */
  open(): void;
}

/** Handlers whose listUsers waits at a gate per call; `gates` holds one per call, in order. */
function createGatedHandlers() {
  const handlers = createMemoryHandlers();
  const gates: Gate[] = [];
  handlers.listUsers = () => {
    let open = (): void => {};
    const done = new Promise<User[]>((resolve) => {
      open = () => resolve([]);
    });
    gates.push({ open });

    return done;
  };

  return { handlers, gates };
}

test('a full bulkhead answers 503 with Retry-After, and the running call still ends', async () => {
  const { handlers, gates } = createGatedHandlers();
  const routes = buildUserRoutes({ listUsers: { bulkhead: { maxConcurrent: 1, maxQueue: 0 } } });
  const app = createUsersServer(handlers, {}, routes);
  const first = app.inject({ url: '/api/users' });
  await waitFor(() => gates.length === 1);
  const second = await app.inject({ url: '/api/users' });

  assert.is(second.statusCode, 503);
  assert.equal(Object.keys(second.json()).sort(), ERROR_KEYS);
  assert.is(second.json().error, 'overloaded');
  assert.is(second.headers['retry-after'], '1');
  gates[0]?.open();
  assert.is((await first).statusCode, 200);
  assert.is(gates.length, 1);
});

test('a queued request runs once a slot frees', async () => {
  const { handlers, gates } = createGatedHandlers();
  const routes = buildUserRoutes({
    listUsers: { bulkhead: { maxConcurrent: 1, maxQueue: 1, queueTimeoutMs: 1000 } },
  });
  const app = createUsersServer(handlers, {}, routes);
  const first = app.inject({ url: '/api/users' });
  await waitFor(() => gates.length === 1);
  const second = app.inject({ url: '/api/users' });
  gates[0]?.open();
  await waitFor(() => gates.length === 2);
  gates[1]?.open();

  assert.is((await first).statusCode, 200);
  assert.is((await second).statusCode, 200);
});

test('a request that waits in the queue past queueTimeoutMs gets a 503', async () => {
  const clock = new FakeClock();
  const { handlers, gates } = createGatedHandlers();
  const routes = buildUserRoutes({
    listUsers: { bulkhead: { maxConcurrent: 1, maxQueue: 5, queueTimeoutMs: 1000 } },
  });
  const events: ResilienceEvent[] = [];
  const app = createUsersServer(handlers, { clock, listeners: [(e) => events.push(e)] }, routes);
  const first = app.inject({ url: '/api/users' });
  await waitFor(() => gates.length === 1);
  const second = app.inject({ url: '/api/users' });
  await clock.waitForPending(1);
  await clock.advance(1000);

  assert.is((await second).statusCode, 503);
  assert.is(gates.length, 1);
  assert.equal(
    events.map((e) => e.type === 'reject' && [e.kind, e.route, e.profile]),
    [['bulkhead-queue-timeout', 'GET /api/users', 'highAvailability']],
  );
  gates[0]?.open();
  await first;
});

test('a handler past its timeout gets a 504, and its signal aborts with the timeout', async () => {
  const clock = new FakeClock();
  const handlers = createMemoryHandlers();
  let reason: unknown;
  handlers.listUsers = (context) =>
    new Promise((_resolve, reject) => {
      context.signal.addEventListener('abort', () => {
        reason = context.signal.reason;
        reject(context.signal.reason);
      });
    });
  const routes = buildUserRoutes({ listUsers: { timeoutMs: 500 } });
  const events: ResilienceEvent[] = [];
  const app = createUsersServer(handlers, { clock, listeners: [(e) => events.push(e)] }, routes);
  const pending = app.inject({ url: '/api/users' });
  await clock.waitForPending(1);
  assert.equal(
    clock.pending.map((sleep) => sleep.ms),
    [500],
  );
  await clock.advance(500);
  const response = await pending;

  assert.is(response.statusCode, 504);
  assert.is(response.json().error, 'timeout');
  assert.ok(isTimeoutError(reason));
  assert.equal(
    events.map((e) => e.type === 'timeout' && e.scope),
    ['total'],
  );
});

test('a handler that ignores its signal still gets a 504 at the deadline', async () => {
  const clock = new FakeClock();
  const handlers = createMemoryHandlers();
  handlers.listUsers = () => new Promise(() => {});
  const routes = buildUserRoutes({ listUsers: { timeoutMs: 200 } });
  const pending = createUsersServer(handlers, { clock }, routes).inject({ url: '/api/users' });
  await clock.waitForPending(1);
  await clock.advance(200);

  assert.is((await pending).statusCode, 504);
});

test('a handler that finishes in time is never answered 504, and its timer stops', async () => {
  const clock = new FakeClock();
  const routes = buildUserRoutes({ listUsers: { timeoutMs: 200 } });
  const events: ResilienceEvent[] = [];
  const app = createUsersServer(
    createMemoryHandlers(),
    { clock, listeners: [(e) => events.push(e)] },
    routes,
  );
  const response = await app.inject({ url: '/api/users' });
  await clock.advance(200);

  assert.is(response.statusCode, 200);
  assert.equal(events, []);
  assert.is(clock.pending.length, 0, 'the shared timer found nothing due and stopped');
});

test("a route's requests share one timer, and each times out at its own deadline", async () => {
  const clock = new FakeClock();
  const handlers = createMemoryHandlers();
  let started = 0;
  handlers.listUsers = () => {
    started++;

    return new Promise(() => {});
  };
  const routes = buildUserRoutes({ listUsers: { timeoutMs: 200 } });
  const app = createUsersServer(handlers, { clock }, routes);
  const first = app.inject({ url: '/api/users' });
  await waitFor(() => started === 1);
  await clock.advance(50);
  const second = app.inject({ url: '/api/users' });
  let secondDone = false;
  void second.then(() => (secondDone = true));
  await waitFor(() => started === 2);
  assert.is(clock.pending.length, 1, 'one timer for both');
  await clock.advance(150);

  assert.is((await first).statusCode, 504);
  assert.not.ok(secondDone, 'the second request still has 50 ms');
  assert.equal(
    clock.pending.map((sleep) => sleep.ms),
    [50],
  );
  await clock.advance(50);
  assert.is((await second).statusCode, 504);
});

test('closing the server stops the timer of its time limits', async () => {
  const clock = new FakeClock();
  const routes = buildUserRoutes({ listUsers: { timeoutMs: 200 } });
  const app = createUsersServer(createMemoryHandlers(), { clock }, routes);
  await app.inject({ url: '/api/users' });
  assert.is(clock.pending.length, 1);
  await app.close();

  assert.is(clock.pending.length, 0);
});

test('past its deadline, a request gives its slot to the next; its handler runs on', async () => {
  const clock = new FakeClock();
  const { handlers, gates } = createGatedHandlers();
  const routes = buildUserRoutes({
    listUsers: {
      timeoutMs: 200,
      bulkhead: { maxConcurrent: 1, maxQueue: 1, queueTimeoutMs: 5000 },
    },
  });
  const app = createUsersServer(handlers, { clock }, routes);
  const first = app.inject({ url: '/api/users' });
  await waitFor(() => gates.length === 1);
  const second = app.inject({ url: '/api/users' });
  await clock.waitForPending(2);
  await clock.advance(200);

  assert.is((await first).statusCode, 504);
  await waitFor(() => gates.length === 2);
  gates[1]?.open();
  assert.is((await second).statusCode, 200);
});

test('a handler answering after its deadline changes nothing; its slot returns once', async () => {
  const clock = new FakeClock();
  const { handlers, gates } = createGatedHandlers();
  const routes = buildUserRoutes({
    listUsers: { timeoutMs: 200, bulkhead: { maxConcurrent: 1, maxQueue: 0 } },
  });
  const sent: number[] = [];
  const app = createUsersServer(handlers, { clock }, routes);
  app.addHook('onSend', (_request, reply, payload, done) => {
    sent.push(reply.statusCode);
    done(null, payload);
  });
  const late = app.inject({ url: '/api/users' });
  await waitFor(() => gates.length === 1);
  await clock.advance(200);
  assert.is((await late).statusCode, 504);
  gates[0]?.open();
  const running = app.inject({ url: '/api/users' });
  await waitFor(() => gates.length === 2);
  const refused = await app.inject({ url: '/api/users' });

  assert.is(refused.statusCode, 503, 'one slot, held by the running request');
  gates[1]?.open();
  assert.is((await running).statusCode, 200);
  assert.equal(sent, [504, 503, 200]);
});

test('a queued request whose client leaves gives up its place in the queue', async () => {
  const clock = new FakeClock();
  const { handlers, gates } = createGatedHandlers();
  const routes = buildUserRoutes({
    listUsers: { bulkhead: { maxConcurrent: 1, maxQueue: 1, queueTimeoutMs: 5000 } },
  });
  const app = createUsersServer(handlers, { clock }, routes);
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const first = app.inject({ url: '/api/users' });
    await waitFor(() => gates.length === 1);
    const { port } = app.server.address() as AddressInfo;
    const leaving = httpRequest({ host: '127.0.0.1', port, path: '/api/users' });
    leaving.on('error', () => {});
    leaving.end();
    await clock.waitForPending(1);
    leaving.destroy();
    await waitFor(() => clock.pending.length === 0);
    const third = app.inject({ url: '/api/users' });
    await clock.waitForPending(1);
    gates[0]?.open();
    await waitFor(() => gates.length === 2);
    gates[1]?.open();

    assert.is((await first).statusCode, 200);
    assert.is((await third).statusCode, 200, 'it took the place the leaving client gave up');
  } finally {
    await app.close();
  }
});

test('a protection number the runtime cannot use fails when the server is created', () => {
  const routes = buildUserRoutes({ getUser: { bulkhead: { maxConcurrent: 0 } } });

  expectRuntimeError(
    () => createUsersServer(createMemoryHandlers(), {}, routes),
    'RT_INVALID_POLICY',
    /bulkhead\.maxConcurrent/,
  );
});

test.run();
