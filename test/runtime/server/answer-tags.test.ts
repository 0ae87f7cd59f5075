import type { InjectOptions } from 'fastify';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MetricsRegistry } from '../../../runtime/metrics.js';
import { markDraining } from '../../../runtime/server/readiness.js';
import type { User } from './users-fixture.js';
import { createMemoryHandlers, createUsersServer, waitFor } from './users-fixture.js';

/**
 * A users server with monitoring, chaos control and a route added by hand, whose listUsers
 * and createUser wait at a gate until `open()`.
 */
function createTaggedServer() {
  const handlers = createMemoryHandlers();
  let waiting = 0;
  const opens: (() => void)[] = [];
  const held = <T>(value: T): Promise<T> => {
    waiting++;

    return new Promise<T>((resolve) => opens.push(() => resolve(value)));
  };
  handlers.listUsers = () => held<User[]>([]);
  handlers.createUser = (body) => held<User>({ id: 9, ...body });
  const app = createUsersServer(handlers, {
    monitoring: { metrics: new MetricsRegistry() },
    chaos: { allowRuntimeControl: true },
  });
  app.get('/extra', async () => ({ extra: true }));

  return {
    app,
    waiting: () => waiting,
    open: () => opens.splice(0).forEach((open) => open()),
  };
}

/** What to ask; `closes`: fastify itself closes the connection of a body it refused. */
const REQUESTS: readonly { what: string; ask: InjectOptions; closes?: true }[] = [
  { what: 'a contract GET route', ask: { url: '/api/users/1' } },
  { what: 'the HEAD of a contract GET route', ask: { method: 'HEAD', url: '/api/users/1' } },
  {
    what: 'a contract POST whose body does not parse',
    ask: {
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    },
    closes: true,
  },
  { what: 'an unknown path', ask: { url: '/nowhere' } },
  { what: 'a wrong method', ask: { method: 'PATCH', url: '/api/users' } },
  { what: 'a monitoring endpoint', ask: { url: '/health' } },
  { what: 'the chaos control route', ask: { url: '/chaos' } },
  { what: 'a route added by hand', ask: { url: '/extra' } },
];

for (const { what, ask, closes } of REQUESTS) {
  test(`${what} echoes the request id`, async () => {
    const { app } = createTaggedServer();
    const response = await app.inject({
      ...ask,
      headers: { ...ask.headers, 'x-request-id': 'r-42' },
    });

    assert.is(response.headers['x-request-id'], 'r-42');
    assert.is(response.headers.connection, closes ? 'close' : 'keep-alive');
  });
}

const IN_FLIGHT: readonly { what: string; ask: InjectOptions }[] = [
  { what: 'a contract GET route', ask: { url: '/api/users' } },
  {
    what: 'a contract POST route',
    ask: { method: 'POST', url: '/api/users', payload: { name: 'Ada', email: 'ada@example.com' } },
  },
];

for (const { what, ask } of IN_FLIGHT) {
  test(`an answer of ${what} sent while the server drains closes its connection`, async () => {
    const { app, waiting, open } = createTaggedServer();
    const answer = app.inject(ask);
    await waitFor(() => waiting() === 1);
    markDraining(app);
    open();
    const response = await answer;

    assert.ok(response.statusCode < 300);
    assert.is(response.headers.connection, 'close');
  });
}

test('every other answer of a draining server closes its connection too', async () => {
  const { app } = createTaggedServer();
  await app.ready();
  markDraining(app);

  for (const url of [
    '/api/users/1',
    '/nowhere',
    '/api/users/%ZZ',
    '/health/ready',
    '/chaos',
    '/extra',
  ]) {
    const response = await app.inject({ url });
    assert.is(response.headers.connection, 'close', url);
  }
});

test.run();
