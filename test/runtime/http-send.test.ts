import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createResilientHttp,
  FakeClock,
  isHttpError,
  ResilienceRegistry,
} from '../../runtime/index.js';
import type { ResilienceEvent } from '../../runtime/index.js';
import { makePolicy } from './policies.js';
import { startUpstream } from './upstream.js';

test('503, 503, 200 takes three attempts with waits of exactly 100 then 200 ms', async () => {
  const upstream = await startUpstream((_req, i) =>
    i < 2 ? { status: 503 } : { body: { id: 1 } },
  );
  const clock = new FakeClock();
  const events: ResilienceEvent[] = [];
  const registry = new ResilienceRegistry({ clock, listeners: [(e) => events.push(e)] });
  const http = createResilientHttp({ baseURL: upstream.baseURL, registry });
  try {
    const pending = http.request<{ id: number }>(makePolicy(), { path: '/api/users/1' });
    await clock.waitForPending();
    assert.equal(
      clock.pending.map((s) => s.ms),
      [100],
    );
    await clock.advance(100);
    await clock.waitForPending();
    assert.equal(
      clock.pending.map((s) => s.ms),
      [200],
    );
    await clock.advance(200);
    const answer = await pending;
    assert.equal(answer.data, { id: 1 });
    assert.is(answer.attempts, 3);
    assert.is(answer.source, 'network');
    assert.is(upstream.requests.length, 3);
    assert.equal(clock.history, [100, 200]);
    assert.equal(
      events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.delayMs),
      [100, 200],
    );
  } finally {
    await upstream.close();
  }
});

test('a 404 takes one attempt, is not counted by the breaker and throws an HttpError', async () => {
  const upstream = await startUpstream(() => ({ status: 404, body: { error: 'not found' } }));
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  const http = createResilientHttp({ baseURL: upstream.baseURL, registry });
  try {
    const error = await http.request(makePolicy(), { path: '/api/users/9' }).catch((e) => e);
    assert.ok(isHttpError(error));
    assert.is(error.status, 404);
    assert.equal(error.body, { error: 'not found' });
    assert.is(upstream.requests.length, 1);
    const breaker = registry.snapshot()[0]?.breakers[0];
    assert.is(breaker?.failureCount, 0);
    assert.is(breaker?.currentFailures, 0);
  } finally {
    await upstream.close();
  }
});

test.run();
