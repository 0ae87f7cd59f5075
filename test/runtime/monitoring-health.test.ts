import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BreakerState } from '../../runtime/events.js';
import type { HealthStatus } from '../../runtime/monitoring-health.js';
import { FakeClock } from '../../runtime/fake-clock.js';
import {
  buildHealthBody,
  decideHealth,
  readHealthStatusCode,
} from '../../runtime/monitoring-health.js';
import { T0, makeSourceWithStates } from './monitoring-fixtures.js';

const cases: readonly { states: BreakerState[]; want: HealthStatus; code: number }[] = [
  { states: [], want: 'healthy', code: 200 },
  { states: ['closed', 'closed'], want: 'healthy', code: 200 },
  { states: ['closed', 'half-open'], want: 'degraded', code: 200 },
  { states: ['closed', 'open'], want: 'degraded', code: 200 },
  { states: ['isolated', 'closed'], want: 'degraded', code: 200 },
  { states: ['half-open', 'open'], want: 'degraded', code: 200 },
  { states: ['half-open'], want: 'degraded', code: 200 },
  { states: ['open'], want: 'unhealthy', code: 503 },
  { states: ['open', 'isolated'], want: 'unhealthy', code: 503 },
];

for (const { states, want, code } of cases) {
  test(`breakers [${states.join(', ')}] make the service ${want} with ${code}`, () => {
    const status = decideHealth(states);

    assert.is(status, want);
    assert.is(readHealthStatusCode(status), code);
  });
}

test('the body lists every breaker as a dependency with its state and profile', () => {
  const body = buildHealthBody([makeSourceWithStates(['closed', 'open'])], new FakeClock(T0));

  assert.equal(body, {
    status: 'degraded',
    timestamp: '2024-01-15T10:30:45.000Z',
    dependencies: {
      p0: { state: 'closed', profile: 'p0' },
      p1: { state: 'open', profile: 'p1' },
    },
  });
});

test.run();
