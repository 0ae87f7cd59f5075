import Fastify from 'fastify';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MonitoringOptions } from '../../runtime/monitoring-options.js';
import { RuntimeErrorCodes } from '../../runtime/error-codes.js';
import { isRuntimeError } from '../../runtime/errors.js';
import { FakeClock } from '../../runtime/fake-clock.js';
import { MetricsRegistry } from '../../runtime/metrics.js';
import { joinPath, resolveMonitoringOptions } from '../../runtime/monitoring-options.js';
import { monitoringPlugin } from '../../runtime/monitoring.js';
import { FakeSource, T0 } from './monitoring-fixtures.js';

const metrics = new MetricsRegistry({ clock: new FakeClock(T0) });

function readFailure(options: MonitoringOptions): string {
  try {
    resolveMonitoringOptions(options);
  } catch (error) {
    assert.ok(isRuntimeError(error));
    assert.is(error.code, RuntimeErrorCodes.INVALID_MONITORING_OPTIONS);

    return error.message;
  }

  assert.unreachable('the options were accepted');

  return '';
}

test('the seed config serves every endpoint on its paths, control off', () => {
  const settings = resolveMonitoringOptions({
    metrics,
    config: {
      metrics: { enabled: true, endpoint: '/metrics' },
      health: { enabled: true, endpoint: '/health' },
    },
  });

  assert.equal(settings.endpoints, {
    metrics: { enabled: true, endpoint: '/metrics' },
    health: { enabled: true, endpoint: '/health' },
    resilience: { enabled: true, endpoint: '/resilience', allowControl: false, token: undefined },
  });
  assert.is(settings.clock, metrics.clock, 'the registry clock is the default');
});

test('sources that can isolate and reset are the default controls', () => {
  const controllable = new FakeSource([]);
  const readOnly = { snapshot: () => [] };
  const settings = resolveMonitoringOptions({ metrics, sources: [readOnly, controllable] });

  assert.equal(settings.controls, [controllable]);
});

test('an endpoint without a leading slash is refused, naming the option', () => {
  const message = readFailure({ metrics, config: { health: { endpoint: 'health' } } });

  assert.match(message, "'config.health.endpoint'");
  assert.match(message, '"health"');
});

test('an endpoint the router would read as a parameter, a wildcard or an escape is refused', () => {
  for (const endpoint of ['/stats/:name', '/stats/*', '/stats%2F', '/ops/../health', '/.']) {
    const message = readFailure({ metrics, config: { metrics: { endpoint } } });

    assert.match(message, "'config.metrics.endpoint'");
    assert.match(message, JSON.stringify(endpoint));
  }
  const settings = resolveMonitoringOptions({
    metrics,
    config: { metrics: { endpoint: '/ops/metrics/' }, health: { endpoint: "/ops/health(v1)'s" } },
  });
  assert.is(settings.endpoints.metrics.endpoint, '/ops/metrics/');
});

test('two enabled endpoints on one path are refused', () => {
  const config = { metrics: { endpoint: '/ops' }, resilience: { endpoint: '/ops' } };

  assert.match(
    readFailure({ metrics, config }),
    "config.resilience.endpoint' must be a path that the metrics endpoint does not serve too " +
      '(/ops)',
  );
  assert.match(
    readFailure({
      metrics,
      config: { health: { endpoint: '/ops' }, metrics: { endpoint: '/ops/ready' } },
    }),
    "'config.metrics.endpoint' must be a path that the health endpoint does not serve too " +
      '(/ops/ready)',
  );
  assert.match(
    readFailure({ metrics, config: { metrics: { enabled: 'yes' as unknown as boolean } } }),
    "'config.metrics.enabled' must be true or false",
  );
  const disabled = { ...config, resilience: { endpoint: '/ops', enabled: false } };
  assert.is(
    resolveMonitoringOptions({ metrics, config: disabled }).endpoints.metrics.endpoint,
    '/ops',
  );
});

test('an empty token is refused without being quoted', () => {
  const message = readFailure({ metrics, config: { resilience: { token: '' } } });

  assert.match(message, 'config.resilience.token');
  assert.match(message, '(hidden)');
});

test('options without a metrics registry are refused', () => {
  assert.match(readFailure({} as MonitoringOptions), "'metrics' must be a MetricsRegistry");
});

test('bad options make the plugin registration fail', async () => {
  const app = Fastify({ logger: false });
  try {
    await app.register(monitoringPlugin, { metrics, config: { metrics: { endpoint: 'm' } } });
    await app.ready();
    assert.unreachable('the app started');
  } catch (error) {
    assert.ok(isRuntimeError(error));
    assert.is(error.code, RuntimeErrorCodes.INVALID_MONITORING_OPTIONS);
  } finally {
    await app.close();
  }
});

test('sub-paths join without doubling or dropping the slash', () => {
  assert.is(joinPath('/health', 'live'), '/health/live');
  assert.is(joinPath('/health/', 'ready'), '/health/ready');
  assert.is(joinPath('/', 'live'), '/live');
});

test.run();
