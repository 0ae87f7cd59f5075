import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ChaosOptions } from '../../../runtime/chaos/index.js';
import { createSeededRandom } from '../../../runtime/chaos/index.js';
import { FakeClock } from '../../../runtime/fake-clock.js';
import {
  createMemoryHandlers,
  createUsersServer,
  ERROR_KEYS,
  expectRuntimeError,
} from '../server/users-fixture.js';

function createChaosServer(chaos: ChaosOptions, clock = new FakeClock()) {
  const handlers = createMemoryHandlers();

  return { handlers, app: createUsersServer(handlers, { chaos, clock }) };
}

test('an error fault answers its status with a chaos_fault body, and the handler never runs', async () => {
  const { app, handlers } = createChaosServer({
    enabled: true,
    faults: [{ route: 'GET /api/users/:id', rate: 1, kind: 'error', status: 503 }],
  });
  const response = await app.inject({ url: '/api/users/1' });

  assert.is(response.statusCode, 503);
  assert.equal(Object.keys(response.json()).sort(), ERROR_KEYS);
  assert.is(response.json().error, 'chaos_fault');
  assert.is(response.headers['x-resilience-chaos'], 'error');
  assert.is(handlers.calls.getUser, undefined);
});

test('an error fault without a status answers 500', async () => {
  const { app } = createChaosServer({
    enabled: true,
    faults: [{ route: '*', rate: 1, kind: 'error' }],
  });

  assert.is((await app.inject({ url: '/api/users' })).statusCode, 500);
});

test('a fault hits only the route it names', async () => {
  const { app } = createChaosServer({
    enabled: true,
    faults: [{ route: 'GET /api/users/:id', rate: 1, kind: 'error' }],
  });

  assert.is((await app.inject({ url: '/api/users' })).statusCode, 200);
  assert.is((await app.inject({ method: 'DELETE', url: '/api/users/1' })).statusCode, 204);
});

test('a latency fault waits latencyMs on the clock, then the request is handled', async () => {
  const clock = new FakeClock();
  const { app, handlers } = createChaosServer(
    { enabled: true, faults: [{ route: '*', rate: 1, kind: 'latency', latencyMs: 300 }] },
    clock,
  );
  const pending = app.inject({ url: '/api/users' });
  await clock.waitForPending(1);
  assert.equal(
    clock.pending.map((sleep) => sleep.ms),
    [300],
  );
  assert.is(handlers.calls.listUsers, undefined);
  await clock.advance(300);
  const response = await pending;

  assert.is(response.statusCode, 200);
  assert.is(response.headers['x-resilience-chaos'], 'latency');
  assert.is(handlers.calls.listUsers, 1);
});

test('a drop fault closes the connection without an answer', async () => {
  const { app, handlers } = createChaosServer({
    enabled: true,
    faults: [{ route: 'GET /api/users', rate: 1, kind: 'drop' }],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const { port } = app.server.address() as AddressInfo;
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/users' }, (res) =>
        resolve(`answered ${res.statusCode}`),
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.setTimeout(2000, () => req.destroy(new Error('no drop within 2 s')));
      req.end();
    });

    assert.is(outcome, 'ECONNRESET');
    assert.is(handlers.calls.listUsers, undefined);
  } finally {
    await app.close();
  }
});

test('a seeded rate hits exactly the requests the seeded draws say, run after run', async () => {
  const draws = createSeededRandom(42);
  const expected = Array.from({ length: 200 }, () => (draws() < 0.3 ? 500 : 200));
  const runOnce = async () => {
    const { app } = createChaosServer({
      enabled: true,
      seed: 42,
      faults: [{ route: 'GET /api/users', rate: 0.3, kind: 'error' }],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      statuses.push((await app.inject({ url: '/api/users' })).statusCode);
    }

    return statuses;
  };
  const statuses = await runOnce();
  const hits = statuses.filter((status) => status === 500).length;

  assert.equal(statuses, expected);
  assert.equal(await runOnce(), statuses);
  assert.ok(hits > 40 && hits < 80, `30% of 200 should be near 60, got ${hits}`);
});

test('an injected random source decides the draws', async () => {
  const handlers = createMemoryHandlers();
  const chaos = { enabled: true, faults: [{ route: '*', rate: 0.5, kind: 'error' as const }] };
  const below = createUsersServer(handlers, { chaos, random: () => 0.49 });
  const above = createUsersServer(handlers, { chaos, random: () => 0.5 });

  assert.is((await below.inject({ url: '/api/users' })).statusCode, 500);
  assert.is((await above.inject({ url: '/api/users' })).statusCode, 200);
});

test('faults do nothing while chaos is not enabled', async () => {
  const { app } = createChaosServer({ faults: [{ route: '*', rate: 1, kind: 'error' }] });

  assert.is((await app.inject({ url: '/api/users' })).statusCode, 200);
});

test('without allowRuntimeControl the chaos routes do not exist', async () => {
  const { app } = createChaosServer({ enabled: true, token: 't' });

  assert.is((await app.inject({ url: '/chaos' })).statusCode, 404);
  const put = await app.inject({ method: 'PUT', url: '/chaos', payload: { enabled: false } });
  assert.is(put.statusCode, 404);
});

const control = { enabled: false, allowRuntimeControl: true, token: 's3cret' };
const bearer = { authorization: 'Bearer s3cret' };
const hitAll = {
  enabled: true,
  faults: [{ route: '*', rate: 1, kind: 'error' as const, status: 502 }],
};

test('PUT /chaos without the bearer token is a 401 and changes nothing', async () => {
  const { app } = createChaosServer(control);
  for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: 's3cret' }]) {
    const response = await app.inject({ method: 'PUT', url: '/chaos', headers, payload: hitAll });
    assert.is(response.statusCode, 401);
    assert.equal(Object.keys(response.json()).sort(), ERROR_KEYS);
    assert.is(response.headers['www-authenticate'], 'Bearer');
  }

  assert.is((await app.inject({ url: '/api/users' })).statusCode, 200);
  assert.is((await app.inject({ url: '/chaos' })).statusCode, 401);
});

test('PUT /chaos with the token replaces the faults, and GET /chaos shows them', async () => {
  const { app } = createChaosServer(control);
  const put = await app.inject({ method: 'PUT', url: '/chaos', headers: bearer, payload: hitAll });
  const read = await app.inject({ url: '/chaos', headers: bearer });

  assert.is(put.statusCode, 200);
  assert.equal(put.json(), hitAll);
  assert.equal(read.json(), hitAll);
  assert.is((await app.inject({ url: '/api/users' })).statusCode, 502);
});

test('PUT /chaos also takes faults spelled as in the config file', async () => {
  const { app } = createChaosServer(control);
  const payload = {
    enabled: true,
    faults: [
      { route: '*', rate: 0.5, status: 503 },
      { route: '*', rate: 0.25, latency: 200 },
      { route: '*', rate: 0.1, drop: true },
    ],
  };
  const put = await app.inject({ method: 'PUT', url: '/chaos', headers: bearer, payload });

  assert.is(put.statusCode, 200);
  assert.equal(put.json().faults, [
    { route: '*', rate: 0.5, kind: 'error', status: 503 },
    { route: '*', rate: 0.25, kind: 'latency', latencyMs: 200 },
    { route: '*', rate: 0.1, kind: 'drop' },
  ]);
});

test('a fault with two effects is refused, whichever spelling it uses', async () => {
  const { app } = createChaosServer(control);
  const payload = { enabled: true, faults: [{ route: '*', rate: 1, status: 503, latency: 5 }] };
  const put = await app.inject({ method: 'PUT', url: '/chaos', headers: bearer, payload });

  assert.is(put.statusCode, 400);
  assert.is(put.json().error, 'validation_failed');
});

test('chaos never hits the /chaos routes themselves', async () => {
  const { app } = createChaosServer({ ...control, ...hitAll });

  assert.is((await app.inject({ url: '/api/users' })).statusCode, 502);
  assert.is((await app.inject({ url: '/chaos', headers: bearer })).statusCode, 200);
});

test('the control routes live on the endpoint the options name', async () => {
  const { app } = createChaosServer({ allowRuntimeControl: true, endpoint: '/ops/chaos' });

  assert.is((await app.inject({ url: '/ops/chaos' })).statusCode, 200);
  assert.is((await app.inject({ url: '/chaos' })).statusCode, 404);
});

test('an endpoint that is not a path fails when the server is created', () => {
  assert.throws(
    () => createChaosServer({ allowRuntimeControl: true, endpoint: 'chaos?x=1' }),
    /chaos\.endpoint/,
  );
  for (const endpoint of ['/chaos/:fault', '/chaos/*', '/a/%41']) {
    assert.throws(
      () => createChaosServer({ allowRuntimeControl: true, endpoint }),
      (error: Error) =>
        error.message.includes('chaos.endpoint') && error.message.includes(endpoint),
    );
  }
});

test('without a token the chaos routes take any request', async () => {
  const { app } = createChaosServer({ allowRuntimeControl: true });
  const put = await app.inject({ method: 'PUT', url: '/chaos', payload: hitAll });

  assert.is(put.statusCode, 200);
});

for (const [what, payload, path] of [
  [
    'a rate above 1',
    { enabled: true, faults: [{ route: '*', rate: 2, kind: 'error' }] },
    '/faults/0/rate',
  ],
  [
    'a latency fault without latencyMs',
    { enabled: true, faults: [{ route: '*', rate: 1, kind: 'latency' }] },
    '/faults/0/latencyMs',
  ],
  [
    'an unknown route',
    { enabled: true, faults: [{ route: 'GET /nope', rate: 1, kind: 'drop' }] },
    '/faults/0/route',
  ],
  ['an extra key', { enabled: true, faults: [], mode: 'x' }, '/mode'],
] as const) {
  test(`PUT /chaos with ${what} is a 400 naming the field, and changes nothing`, async () => {
    const { app } = createChaosServer(control);
    const put = await app.inject({ method: 'PUT', url: '/chaos', headers: bearer, payload });

    assert.is(put.statusCode, 400);
    assert.is(put.json().error, 'validation_failed');
    assert.is(put.json().details[0].path, path);
    assert.equal((await app.inject({ url: '/chaos', headers: bearer })).json(), {
      enabled: false,
      faults: [],
    });
  });
}

test('chaos options naming an unknown route fail when the server is created', () => {
  expectRuntimeError(
    () => createChaosServer({ faults: [{ route: 'GET /api/user', rate: 1, kind: 'error' }] }),
    'RT_INVALID_SERVER_OPTIONS',
    /chaos\.faults\.0\.route/,
  );
});

test('the seeded random source repeats and stays in [0, 1)', () => {
  const a = createSeededRandom(7);
  const b = createSeededRandom(7);
  const c = createSeededRandom(8);
  const first = Array.from({ length: 1000 }, () => a());

  assert.equal(
    Array.from({ length: 1000 }, () => b()),
    first,
  );
  assert.not.equal(
    Array.from({ length: 1000 }, () => c()),
    first,
  );
  assert.ok(first.every((n) => n >= 0 && n < 1));
});

test.run();
