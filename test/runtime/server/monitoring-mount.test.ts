import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MetricsRegistry } from '../../../runtime/metrics.js';
import type { ResilienceSource } from '../../../runtime/snapshot.js';
import { buildUserRoutes, createMemoryHandlers, createUsersServer } from './users-fixture.js';

const routes = buildUserRoutes({
  getUser: { bulkhead: { maxConcurrent: 10, maxQueue: 20, queueTimeoutMs: 1000 } },
});

test('without the monitoring option there are no monitoring endpoints', async () => {
  const app = createUsersServer(createMemoryHandlers());

  assert.is((await app.inject({ url: '/metrics' })).statusCode, 404);
  assert.is((await app.inject({ url: '/health' })).statusCode, 404);
});

test('with the monitoring option the three endpoints are served next to the routes', async () => {
  const metrics = new MetricsRegistry();
  const app = createUsersServer(createMemoryHandlers(), { monitoring: { metrics } }, routes);

  assert.is((await app.inject({ url: '/metrics' })).statusCode, 200);
  assert.is((await app.inject({ url: '/health' })).statusCode, 200);
  assert.is((await app.inject({ url: '/health/ready' })).statusCode, 200);
  assert.is((await app.inject({ url: '/resilience' })).statusCode, 200);
  assert.is((await app.inject({ url: '/api/users/1' })).statusCode, 200);
});

test('an endpoint that a route answers too is refused when the server is made', () => {
  const metrics = new MetricsRegistry();
  const cases = [
    // The same path as a route: fastify would refuse the second route with its own error.
    [
      { metrics: { endpoint: '/api/users' } },
      'monitoring.config.metrics.endpoint',
      'GET /api/users',
    ],
    // A path a route's parameter matches: the route would lose those requests silently.
    [
      { health: { endpoint: '/api/users/health' } },
      'monitoring.config.health.endpoint',
      'GET /api/users/:id',
    ],
  ] as const;
  for (const [config, option, route] of cases) {
    const error = catchError(() =>
      createUsersServer(createMemoryHandlers(), { monitoring: { metrics, config } }, routes),
    );
    assert.is(error?.code, 'RT_INVALID_SERVER_OPTIONS', option);
    assert.match(error?.message ?? '', `'${option}'`);
    assert.match(error?.message ?? '', `'${route}'`);
  }
  // A path only a route of another method has is free.
  const onlyPosts = buildUserRoutes().filter((route) => route.method !== 'GET');
  const app = createUsersServer(
    createMemoryHandlers(),
    { monitoring: { metrics, config: { metrics: { endpoint: '/api/users' } } } },
    onlyPosts,
  );
  assert.ok(app);
});

test('a route on the path of the breaker control is refused when control is on', () => {
  const metrics = new MetricsRegistry();
  const post = buildUserRoutes().find((route) => route.method === 'POST')!;
  const table = [...routes, { ...post, url: '/ops/breakers/:name/reset' }];
  const make = (allowControl: boolean) =>
    createUsersServer(
      createMemoryHandlers(),
      { monitoring: { metrics, config: { resilience: { endpoint: '/ops', allowControl } } } },
      table,
    );

  const error = catchError(() => make(true));
  assert.is(error?.code, 'RT_INVALID_SERVER_OPTIONS');
  assert.match(error?.message ?? '', "'POST /ops/breakers/:name/reset'");
  assert.ok(make(false), 'without control there are no such routes');
});

test('chaos control on a monitoring path, or health probes on another endpoint: refused', () => {
  const metrics = new MetricsRegistry();
  const chaos = catchError(() =>
    createUsersServer(createMemoryHandlers(), {
      monitoring: { metrics },
      chaos: { allowRuntimeControl: true, endpoint: '/health/ready' },
    }),
  );
  assert.is(chaos?.code, 'RT_INVALID_SERVER_OPTIONS');
  assert.match(chaos?.message ?? '', "'chaos.endpoint'");

  const probe = catchError(() =>
    createUsersServer(createMemoryHandlers(), {
      monitoring: { metrics, config: { metrics: { endpoint: '/health/live' } } },
    }),
  );
  assert.is(probe?.code, 'RT_INVALID_MONITORING_OPTIONS');
  assert.match(probe?.message ?? '', '/health/live');
});

test("/resilience lists the routes' bulkheads after the given sources", async () => {
  const metrics = new MetricsRegistry();
  const client: ResilienceSource = {
    snapshot: () => [{ name: 'default', maxAttempts: 3, breakers: [], bulkheads: [] }],
  };
  const app = createUsersServer(
    createMemoryHandlers(),
    { monitoring: { metrics, sources: [client] } },
    routes,
  );
  const body = (await app.inject({ url: '/resilience' })).json();

  assert.equal(body.bulkheads['GET /api/users/:id'], {
    profile: 'default',
    max_concurrent: 10,
    max_queue: 20,
    in_flight: 0,
    queued: 0,
    rejected: 0,
  });
  assert.is(body.profiles.default.retry.max_attempts, 3);
});

test('a server without clients reports no retry figure: it never retries', async () => {
  const metrics = new MetricsRegistry();
  const app = createUsersServer(createMemoryHandlers(), { monitoring: { metrics } }, routes);
  const body = (await app.inject({ url: '/resilience' })).json();

  assert.is(body.profiles.default.retry.max_attempts, null);
  assert.ok(body.bulkheads['GET /api/users/:id'], 'its load protection is still described');
});

test('a client listed after the server still gives its profile its attempts', async () => {
  const metrics = new MetricsRegistry();
  const client: ResilienceSource = {
    snapshot: () => [{ name: 'default', maxAttempts: 3, breakers: [], bulkheads: [] }],
  };
  const server: ResilienceSource = {
    snapshot: () => [{ name: 'default', maxAttempts: undefined, breakers: [], bulkheads: [] }],
  };
  const app = createUsersServer(
    createMemoryHandlers(),
    { monitoring: { metrics, sources: [server, client] } },
    routes,
  );
  const body = (await app.inject({ url: '/resilience' })).json();

  assert.is(body.profiles.default.retry.max_attempts, 3);
});

test('a wrong method on a monitoring path is a 405 too', async () => {
  const metrics = new MetricsRegistry();
  const app = createUsersServer(createMemoryHandlers(), { monitoring: { metrics } });
  const response = await app.inject({ method: 'POST', url: '/metrics' });

  assert.is(response.statusCode, 405);
  assert.is(response.headers.allow, 'GET, HEAD');
});

test('chaos on every route never reaches the monitoring endpoints', async () => {
  const metrics = new MetricsRegistry();
  const app = createUsersServer(createMemoryHandlers(), {
    monitoring: { metrics },
    chaos: { enabled: true, faults: [{ route: '*', rate: 1, kind: 'error' }] },
  });

  assert.is((await app.inject({ url: '/api/users' })).statusCode, 500);
  assert.is((await app.inject({ url: '/metrics' })).statusCode, 200);
  assert.is((await app.inject({ url: '/health' })).statusCode, 200);
});

test('the server feeds its events to the monitoring metrics registry', async () => {
  const metrics = new MetricsRegistry();
  const recorded: string[] = [];
  const original = metrics.listener;
  Object.defineProperty(metrics, 'listener', {
    value: (event: Parameters<typeof original>[0]) => {
      recorded.push(event.type);
      original(event);
    },
  });
  const handlers = createMemoryHandlers();
  handlers.getUser = () => new Promise(() => {});
  const full = buildUserRoutes({ getUser: { bulkhead: { maxConcurrent: 1, maxQueue: 0 } } });
  const app = createUsersServer(handlers, { monitoring: { metrics } }, full);
  void app.inject({ url: '/api/users/1' });
  await new Promise((resolve) => setImmediate(resolve));
  const rejected = await app.inject({ url: '/api/users/1' });

  assert.is(rejected.statusCode, 503);
  assert.equal(recorded, ['reject']);
});

function catchError(make: () => unknown): (Error & { code?: string }) | undefined {
  try {
    make();
  } catch (error) {
    return error as Error & { code?: string };
  }

  return undefined;
}

test.run();
