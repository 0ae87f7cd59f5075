import Fastify from 'fastify';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MonitoringOptions } from '../../runtime/monitoring-options.js';
import type { ResilienceSource } from '../../runtime/snapshot.js';
import { FakeClock } from '../../runtime/fake-clock.js';
import { MetricsRegistry } from '../../runtime/metrics.js';
import { monitoringPlugin } from '../../runtime/monitoring.js';
import {
  FakeSource,
  RESILIENCE_BODY_KEYS,
  T0,
  makeBreaker,
  makeScriptedEvents,
  makeSourceWithStates,
} from './monitoring-fixtures.js';

const ERROR_KEYS = ['details', 'error', 'message', 'requestId'];

async function startApp(options: Partial<MonitoringOptions> = {}) {
  const clock = new FakeClock(T0);
  const metrics = new MetricsRegistry({ clock });
  makeScriptedEvents(() => clock.now()).forEach(metrics.listener);
  const source = new FakeSource([
    { name: 'default', maxAttempts: 3, breakers: [makeBreaker('default')], bulkheads: [] },
  ]);
  const app = Fastify({ logger: false });
  await app.register(monitoringPlugin, { metrics, sources: [source], ...options });
  await app.ready();

  return { app, clock, metrics, source };
}

/** Runs `check` against a started app and closes the app whatever happens. */
async function withApp(
  options: Partial<MonitoringOptions>,
  check: (started: Awaited<ReturnType<typeof startApp>>) => Promise<void>,
): Promise<void> {
  const started = await startApp(options);
  try {
    await check(started);
  } finally {
    await started.app.close();
  }
}

test('GET /metrics answers the seed JSON by default, never cached', () =>
  withApp({}, async ({ app }) => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });

    assert.is(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    assert.is(response.headers['cache-control'], 'no-store');
    const body = response.json();
    assert.equal(Object.keys(body).sort(), ['performance', 'resilience', 'timestamp']);
    assert.is(body.timestamp, '2024-01-15T10:30:45.000Z');
    assert.equal(body.resilience.retry, {
      total_attempts: 5,
      successful_retries: 1,
      failed_retries: 1,
      success_rate: 0.75,
    });
  }));

test('?format=prometheus answers the Prometheus text with its content type', () =>
  withApp({}, async ({ app }) => {
    const response = await app.inject({ method: 'GET', url: '/metrics?format=prometheus' });

    assert.is(response.statusCode, 200);
    assert.is(response.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    const families = parsePrometheusTextFormat(response.body);
    const calls = families.find((family) => family.name === 'resilgen_calls_total');
    const success = calls?.metrics.find((sample) => sample.labels?.outcome === 'success');
    assert.is(success?.value, '3');
  }));

const negotiation: readonly [string, RegExp][] = [
  ['*/*', /^application\/json/],
  ['application/json', /^application\/json/],
  ['text/plain', /^text\/plain; version=0\.0\.4/],
  [
    'application/openmetrics-text; version=1.0.0',
    /^application\/openmetrics-text; version=1\.0\.0/,
  ],
  ['text/html', /^application\/json/],
];

for (const [accept, want] of negotiation) {
  test(`Accept: ${accept} is answered with ${want.source}`, () =>
    withApp({}, async ({ app }) => {
      const response = await app.inject({ method: 'GET', url: '/metrics', headers: { accept } });

      assert.is(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), want);
      assert.match(String(response.headers.vary), /accept/i);
    }));
}

test('an unknown format is a 400 in the error body shape', () =>
  withApp({}, async ({ app }) => {
    const response = await app.inject({ method: 'GET', url: '/metrics?format=xml' });

    assert.is(response.statusCode, 400);
    const body = response.json();
    assert.equal(Object.keys(body).sort(), ERROR_KEYS);
    assert.is(body.error, 'validation_failed');
    assert.equal(body.details, [
      { location: 'query', path: '/format', message: 'must be one of json,prometheus,openmetrics' },
    ]);
    assert.is(typeof body.requestId, 'string');
  }));

const healthCases = [
  { states: ['closed', 'closed'], status: 'healthy', code: 200 },
  { states: ['closed', 'open'], status: 'degraded', code: 200 },
  { states: ['half-open'], status: 'degraded', code: 200 },
  { states: ['open', 'isolated'], status: 'unhealthy', code: 503 },
] as const;

for (const { states, status, code } of healthCases) {
  test(`GET /health answers ${status} with ${code} for breakers [${states.join(', ')}]`, () =>
    withApp({ sources: [makeSourceWithStates(states)] }, async ({ app }) => {
      const response = await app.inject({ method: 'GET', url: '/health' });

      assert.is(response.statusCode, code);
      const body = response.json();
      assert.equal(Object.keys(body).sort(), ['dependencies', 'status', 'timestamp']);
      assert.is(body.status, status);
      assert.equal(body.dependencies.p0, { state: states[0], profile: 'p0' });
    }));
}

test('GET /health/live answers 200 whenever the process answers', () =>
  withApp({ sources: [makeSourceWithStates(['open'])] }, async ({ app }) => {
    const response = await app.inject({ method: 'GET', url: '/health/live' });

    assert.is(response.statusCode, 200);
    assert.equal(response.json(), { status: 'alive', timestamp: '2024-01-15T10:30:45.000Z' });
  }));

test('GET /health/ready follows isReady, and a failing check is not ready', async () => {
  let ready = true;
  const readiness = async () => ready;
  await withApp({ isReady: readiness }, async ({ app }) => {
    const before = await app.inject({ method: 'GET', url: '/health/ready' });
    ready = false;
    const draining = await app.inject({ method: 'GET', url: '/health/ready' });

    assert.is(before.statusCode, 200);
    assert.is(before.json().status, 'ready');
    assert.is(draining.statusCode, 503);
    assert.is(draining.json().status, 'not-ready');
  });
  const failing = () => {
    throw new Error('database gone');
  };
  await withApp({ isReady: failing }, async ({ app }) => {
    const response = await app.inject({ method: 'GET', url: '/health/ready' });

    assert.is(response.statusCode, 503);
    assert.not.match(response.body, 'database gone');
  });
});

test('GET /resilience answers the profiles and what lies beyond the seed', () =>
  withApp({}, async ({ app }) => {
    const response = await app.inject({ method: 'GET', url: '/resilience' });

    assert.is(response.statusCode, 200);
    const body = response.json();
    assert.equal(Object.keys(body).sort(), RESILIENCE_BODY_KEYS);
    assert.is(body.profiles.default.retry.max_attempts, 3);
  }));

test('breaker control routes do not exist unless the config allows them', () =>
  withApp({}, async ({ app }) => {
    const response = await app.inject({
      method: 'POST',
      url: '/resilience/breakers/default/isolate',
    });

    assert.is(response.statusCode, 404);
  }));

test('isolate and reset drive the named breaker when control is allowed', () =>
  withApp({ config: { resilience: { allowControl: true } } }, async ({ app, source }) => {
    const isolate = await app.inject({
      method: 'POST',
      url: '/resilience/breakers/default/isolate',
    });
    const health = await app.inject({ method: 'GET', url: '/health' });
    const reset = await app.inject({ method: 'POST', url: '/resilience/breakers/default/reset' });

    assert.is(isolate.statusCode, 200);
    assert.equal(isolate.json(), { breaker: 'default', action: 'isolate', state: 'isolated' });
    assert.is(health.statusCode, 503);
    assert.equal(reset.json(), { breaker: 'default', action: 'reset', state: 'closed' });
    assert.is(source.snapshot()[0]?.breakers[0]?.state, 'closed');
  }));

test('with a token, control wants the bearer token and refuses others with 401', () =>
  withApp(
    { config: { resilience: { allowControl: true, token: 's3cret-token' } } },
    async ({ app, source }) => {
      const url = '/resilience/breakers/default/isolate';
      const refusals = await Promise.all(
        [undefined, 'Bearer wrong-token', 'Basic s3cret-token', 'Bearer s3cret-token extra'].map(
          (authorization) =>
            app.inject({
              method: 'POST',
              url,
              headers: authorization === undefined ? {} : { authorization },
            }),
        ),
      );
      for (const response of refusals) {
        assert.is(response.statusCode, 401);
        assert.equal(Object.keys(response.json()).sort(), ERROR_KEYS);
        assert.is(response.json().error, 'unauthorized');
        assert.is(response.headers['www-authenticate'], 'Bearer');
        assert.not.match(response.body, 's3cret');
      }

      assert.is(source.snapshot()[0]?.breakers[0]?.state, 'closed', 'nothing was isolated');
      const allowed = await app.inject({
        method: 'POST',
        url,
        headers: { authorization: 'Bearer s3cret-token' },
      });
      assert.is(allowed.statusCode, 200);
      assert.is(source.snapshot()[0]?.breakers[0]?.state, 'isolated');
    },
  ));

test('an unknown breaker name is a 404 in the error body shape', () =>
  withApp({ config: { resilience: { allowControl: true } } }, async ({ app }) => {
    const response = await app.inject({ method: 'POST', url: '/resilience/breakers/nope/reset' });

    assert.is(response.statusCode, 404);
    const body = response.json();
    assert.equal(Object.keys(body).sort(), ERROR_KEYS);
    assert.is(body.error, 'not_found');
    assert.match(body.message, '"nope"');
    assert.equal(body.details, []);
  }));

test('a disabled endpoint is not served', () =>
  withApp(
    {
      config: {
        metrics: { enabled: false, endpoint: '/metrics' },
        health: { enabled: false },
        resilience: { enabled: false, allowControl: true },
      },
    },
    async ({ app }) => {
      for (const url of ['/metrics', '/health', '/health/live', '/health/ready', '/resilience']) {
        const response = await app.inject({ method: 'GET', url });
        assert.is(response.statusCode, 404, url);
      }

      const control = await app.inject({
        method: 'POST',
        url: '/resilience/breakers/default/reset',
      });
      assert.is(control.statusCode, 404);
    },
  ));

test('endpoints are served on the paths the config names', () =>
  withApp(
    {
      config: {
        metrics: { enabled: true, endpoint: '/ops/metrics' },
        health: { enabled: true, endpoint: '/ops/health/' },
      },
    },
    async ({ app }) => {
      const metrics = await app.inject({ method: 'GET', url: '/ops/metrics' });
      const live = await app.inject({ method: 'GET', url: '/ops/health/live' });
      const old = await app.inject({ method: 'GET', url: '/metrics' });

      assert.equal([metrics.statusCode, live.statusCode, old.statusCode], [200, 200, 404]);
    },
  ));

test('a failing source gives a 500 that tells nothing of the failure', async () => {
  const broken: ResilienceSource = {
    snapshot: () => {
      throw new Error('secret internals at /srv/app.js:12');
    },
  };
  await withApp({ sources: [broken] }, async ({ app }) => {
    const response = await app.inject({ method: 'GET', url: '/health' });

    assert.is(response.statusCode, 500);
    const body = response.json();
    assert.equal(Object.keys(body).sort(), ERROR_KEYS);
    assert.is(body.error, 'internal_error');
    assert.not.match(response.body, 'secret');
    assert.not.match(response.body, 'app.js');
  });
});

test.run();
