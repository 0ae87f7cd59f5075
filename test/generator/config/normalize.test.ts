import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateConfigFile } from '../../../generator/config/load.js';
import { normalizeJitter } from '../../../generator/config/normalize.js';
import type { NormalizedConfig } from '../../../generator/config/types.js';
import { CONFIG_FIXTURES } from './fixtures.js';

async function loadGood(name: string): Promise<NormalizedConfig> {
  const report = await validateConfigFile(`${CONFIG_FIXTURES}good/${name}`);
  assert.ok(report.config !== undefined, `${name} is invalid`);

  return report.config;
}

test('the seed keeps its numbers and gets the documented defaults for the rest', async () => {
  const config = await loadGood('seed.json');
  const { default: byDefault, highAvailability, fastFail } = config.resilience;
  assert.equal(byDefault?.retry, {
    maxAttempts: 3,
    backoffType: 'exponential',
    baseDelay: 1000,
    maxDelay: 10000,
    jitter: 'full',
    budget: { enabled: true, ratio: 0.2, minRetriesPerSecond: 1, window: 10000 },
  });
  assert.is(highAvailability?.circuitBreaker.failureThreshold, 3);
  assert.is(highAvailability?.circuitBreaker.halfOpenMaxCalls, 5);
  assert.equal(highAvailability?.fallback, { enabled: true, strategy: 'alternative_service' });
  assert.is(fastFail?.retry.maxAttempts, 1);
  assert.is(fastFail?.retry.maxDelay, 10000);
  assert.equal(fastFail?.fallback, { enabled: false, strategy: 'cache' });
  assert.equal(config.monitoring.resilience, {
    enabled: true,
    endpoint: '/resilience',
    allowControl: false,
    token: undefined,
  });
});

test('the seed’s boolean jitter becomes a named kind', () => {
  assert.is(normalizeJitter(true), 'full');
  assert.is(normalizeJitter(false), 'none');
  assert.is(normalizeJitter('decorrelated'), 'decorrelated');
});

test('every key of a full config arrives in the normalized form', async () => {
  const config = await loadGood('full.json');
  assert.is(config.service, 'users');
  assert.equal(config.services.users, {
    name: 'users',
    baseUrl: 'https://users.internal:8443',
    alternativeBaseUrl: 'https://users-replica.internal:8443',
  });
  assert.is(config.resilience.audit?.service, 'audit');
  assert.is(config.resilience.default?.service, 'users');
  assert.equal(config.resilience.default?.bulkhead, {
    maxConcurrent: 20,
    maxQueue: 50,
    queueTimeout: 1000,
  });
  assert.is(config.resilience.default?.circuitBreaker.slowCallRateThreshold, 0.8);
  assert.equal(config.cache, { maxEntries: 500, ttl: 120000, staleTtl: 600000 });
  assert.equal(config.chaos.faults, [
    { route: 'GET /api/users/:id', rate: 0.05, kind: 'error', status: 503 },
    { route: 'GET /api/users', rate: 0.1, kind: 'latency', latency: 1500 },
    { route: '*', rate: 0.01, kind: 'drop' },
  ]);
  assert.is(config.chaos.token, 'chaos-token');
  assert.is(config.chaos.endpoint, '/internal/chaos');
  assert.is(config.monitoring.health.enabled, false);
});

test('the normalized config is frozen all the way down', async () => {
  const config = await loadGood('full.json');
  for (const value of [
    config,
    config.resilience,
    config.resilience.default,
    config.resilience.default?.retry.budget,
    config.chaos.faults,
    config.chaos.faults[0],
    config.services.users,
  ]) {
    assert.ok(Object.isFrozen(value));
  }
  assert.throws(() => {
    (config.cache as { ttl: number }).ttl = 1;
  });
});

test('the records of profiles and services have no prototype', async () => {
  const config = await loadGood('full.json');
  assert.is(Object.getPrototypeOf(config.resilience), null);
  assert.is(Object.getPrototypeOf(config.services), null);
  assert.is('toString' in config.resilience, false);
});

test('the source names the file and hashes its bytes', async () => {
  const first = await loadGood('seed.json');
  const second = await loadGood('full.json');
  assert.ok(first.source.file.endsWith('good/seed.json'));
  assert.match(first.source.sha256, /^[0-9a-f]{64}$/);
  assert.is.not(first.source.sha256, second.source.sha256);
});

test.run();
