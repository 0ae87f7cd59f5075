/**
 * Cases reported against other resilience tools that must hold here. Those already proven
 * elsewhere are listed in docs/faults.md with the test that proves them; this file adds the
 * ones no other test covers.
 */
import axios from 'axios';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UsersClient } from '../../generated/users/index.js';
import {
  createResilientHttp,
  encodePathParam,
  FakeClock,
  isAbortError,
  isBulkheadRejectedError,
  isHttpError,
  MetricsRegistry,
  PrometheusExporter,
  ResilienceRegistry,
  systemClock,
} from '../../runtime/index.js';
import type { QueryParams, ResilienceEvent } from '../../runtime/index.js';
import { makePolicy } from '../runtime/policies.js';
import { startFaultUpstream } from '../support/fault-upstream.js';
import { countHandles, watchSuiteHandles } from '../support/handles.js';
import { formatMiB, measureHeapAfterGc } from '../support/heap.js';
import { startOrdersServer } from '../support/orders-server.js';
import { answerHealthy } from './gateway-rig.js';

watchSuiteHandles(test);

for (const status of [404, 422]) {
  test(`a ${status} neither trips the breaker nor brings a fallback: the caller gets the ${status}`, async () => {
    let failing = false;
    const upstream = await startFaultUpstream((request) =>
      failing ? { kind: 'answer', status, body: { error: 'no' } } : answerHealthy(request),
    );
    const clock = new FakeClock();
    const client = new UsersClient({
      baseURL: upstream.baseURL,
      registry: new ResilienceRegistry({ clock }),
    });
    try {
      await client.getUser(1);
      await clock.advance(300_001);
      failing = true;
      const errors = [];
      for (let call = 0; call < 8; call++) {
        errors.push(await client.getUser(1).catch((e: unknown) => e));
      }

      assert.ok(errors.every((error) => isHttpError(error) && error.status === status));
      assert.is(upstream.requests.length, 1 + 8, 'one attempt each, none retried');
      const breaker = client.registry.breaker('default@users')?.snapshot();
      assert.equal([breaker?.state, breaker?.failureCount], ['closed', 0]);
    } finally {
      await upstream.close();
    }
  });
}

test('a call the bulkhead rejects never sends its request', async () => {
  const upstream = await startFaultUpstream(() => ({ kind: 'hang' }));
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  const http = createResilientHttp({ baseURL: upstream.baseURL, registry });
  const policy = makePolicy({ bulkhead: { maxConcurrent: 1, maxQueue: 0 } });
  const leave = new AbortController();
  try {
    const first = http
      .request(policy, { path: '/api/users/1' }, { signal: leave.signal })
      .catch((e: unknown) => e);
    while (upstream.requests.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const second = await http.request(policy, { path: '/api/users/2' }).catch((e: unknown) => e);

    assert.ok(isBulkheadRejectedError(second), String(second));
    assert.equal(
      upstream.requests.map((request) => request.url),
      ['/api/users/1'],
    );
    leave.abort();
    assert.ok(isAbortError(await first));
  } finally {
    await upstream.close();
  }
});

test('aborting during a real backoff ends the call at once: no timer left, no unhandled rejection', async () => {
  const upstream = await startFaultUpstream(() => ({ kind: 'answer', status: 503 }));
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  process.on('unhandledRejection', onUnhandled);
  const timers = () => countHandles().get('Timeout') ?? 0;
  let waiting = false;
  const registry = new ResilienceRegistry({
    clock: systemClock,
    listeners: [(event) => (waiting ||= event.type === 'retry')],
  });
  const http = createResilientHttp({ baseURL: upstream.baseURL, registry });
  const policy = makePolicy({ retry: { maxAttempts: 2, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
  const controller = new AbortController();
  try {
    const call = http
      .request(policy, { path: '/api/users/1' }, { signal: controller.signal })
      .catch((e: unknown) => e);
    while (!waiting) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const timersWhileWaiting = timers();
    const abortedAt = performance.now();
    controller.abort(new Error('the user left'));
    const error = await call;

    assert.ok(isAbortError(error), String(error));
    assert.ok(performance.now() - abortedAt < 1000, 'it ended at once');
    assert.is(upstream.requests.length, 1);
    assert.ok(timers() < timersWhileWaiting, 'the 60 s wait is gone');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await upstream.close();
  }
});

const IN_TWO_HOURS = new Date(Date.UTC(2024, 0, 15, 12, 30)).toUTCString();
const AN_HOUR_AGO = new Date(Date.UTC(2024, 0, 15, 9, 30)).toUTCString();
const RETRY_AFTERS: ReadonlyArray<[string, string, number[] | 'gives up']> = [
  ['an HTTP date two hours ahead', IN_TWO_HOURS, 'gives up'],
  ['an HTTP date an hour ago', AN_HOUR_AGO, [100]],
  ['Infinity', 'Infinity', [100]],
  ['a negative number', '-5', [100]],
  ['a number in exponent form', '1e3', [100]],
  ['an empty value', '', [100]],
];

for (const [name, header, want] of RETRY_AFTERS) {
  test(`Retry-After as ${name} ${want === 'gives up' ? 'ends the call at once' : 'waits the computed backoff'}`, async () => {
    const upstream = await startFaultUpstream((_request, index) =>
      index === 0
        ? { kind: 'answer', status: 503, headers: { 'retry-after': header } }
        : { kind: 'answer', body: 'ok' },
    );
    const clock = new FakeClock(Date.UTC(2024, 0, 15, 10, 30));
    const events: ResilienceEvent[] = [];
    const registry = new ResilienceRegistry({ clock, listeners: [(e) => events.push(e)] });
    const http = createResilientHttp({ baseURL: upstream.baseURL, registry });
    const policy = makePolicy({ retry: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 5000 } });
    try {
      const call = http.request(policy, { path: '/api/users/1' }).catch((e: unknown) => e);
      if (want === 'gives up') {
        const error = await call;
        assert.ok(isHttpError(error) && error.status === 503, String(error));
        assert.is(upstream.requests.length, 1);
        assert.equal(clock.history, [], 'nothing was slept');
        return;
      }
      await clock.waitForPending();
      assert.equal(
        clock.pending.map((sleep) => sleep.ms),
        want,
      );
      await clock.advance(want[0] ?? 0);
      assert.is(((await call) as { data: string }).data, 'ok');
      const delays = events.flatMap((e) => (e.type === 'retry' ? [e.delayMs] : []));
      assert.ok(delays.every(Number.isFinite) && delays[0] === 100);
    } finally {
      await upstream.close();
    }
  });
}

test('path parameters reach the server exactly, and an id that is a URL never leaves the host', async () => {
  const server = await startOrdersServer();
  const tripwire = await startFaultUpstream(() => ({ kind: 'answer', body: 'stolen' }));
  const elsewhere = tripwire.baseURL.replace('http:', '');
  const names = [
    'a/b',
    '../admin',
    'x?y=1',
    '50%',
    'é',
    'a#b',
    ' spaced ',
    '%2F',
    'http://169.254.169.254/x',
    '//evil.example',
    `http:${elsewhere}/steal`,
    `${elsewhere}/steal`,
  ];
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  const http = createResilientHttp({
    baseURL: server.baseURL,
    registry,
    headers: { authorization: 'Bearer secret' },
  });
  const policy = makePolicy({ route: 'GET /files/:name', profile: 'reads' });
  try {
    const received = [];
    for (const name of names) {
      const answer = await http.request<{ name: string }>(policy, {
        path: `/files/${encodePathParam(name)}`,
      });
      received.push(answer.data.name);
    }

    assert.equal(received, names);
    assert.is(tripwire.requests.length, 0);
  } finally {
    await Promise.all([server.close(), tripwire.close()]);
  }
});

test("absolute URLs are refused even on the caller's own axios instance", async () => {
  const server = await startOrdersServer();
  const tripwire = await startFaultUpstream(() => ({ kind: 'answer', body: 'stolen' }));
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  const http = createResilientHttp({
    baseURL: server.baseURL,
    registry,
    axios: axios.create({ allowAbsoluteUrls: true }),
    headers: { authorization: 'Bearer secret' },
  });
  const policy = makePolicy({ route: 'GET /files/:name', profile: 'reads' });
  try {
    const error = await http
      .request(policy, { path: `${tripwire.baseURL}/steal` })
      .catch((e: unknown) => e);

    assert.ok(isHttpError(error) && error.status === 404, String(error));
    assert.is(tripwire.requests.length, 0);
  } finally {
    await Promise.all([server.close(), tripwire.close()]);
  }
});

test('a query list travels as repeated keys, an empty list as no key, and commas survive', async () => {
  const server = await startOrdersServer();
  const registry = new ResilienceRegistry({ clock: new FakeClock() });
  const http = createResilientHttp({ baseURL: server.baseURL, registry });
  const policy = makePolicy({ route: 'GET /search', profile: 'reads' });
  const search = async (query: QueryParams) =>
    (await http.request<{ query: unknown }>(policy, { path: '/search', query })).data.query;
  try {
    assert.equal(await search({ ids: [1, 2], tags: 'a,b', none: [] }), {
      ids: [1, 2],
      tags: 'a,b',
    });
    assert.equal(await search({ ids: [7] }), { ids: [7] }, 'a list of one stays a list');
    assert.equal(await search({ ids: [], tags: 'x, y,,z' }), { tags: 'x, y,,z' });
  } finally {
    await server.close();
  }
});

test('a million events for distinct ids leave the metrics as large as ten thousand did', () => {
  const metrics = new MetricsRegistry({ clock: new FakeClock() });
  const feed = (from: number, to: number): void => {
    for (let id = from; id < to; id++) {
      // What the client emits for GET /api/users/<id>: the route is always the template.
      const common = { route: 'GET /api/users/:id', profile: 'default', at: id } as const;
      metrics.record({
        type: 'attempt',
        ...common,
        attempt: 1,
        outcome: 'success',
        durationMs: id % 97,
      });
      metrics.record({
        type: 'call',
        ...common,
        outcome: 'success',
        attempts: 1,
        durationMs: id % 97,
        source: 'network',
      });
    }
  };
  // Each id makes two events, an attempt and a call: 500 000 ids, a million events.
  feed(0, 5_000);
  const footprint = metrics.readFootprint();
  const heap = measureHeapAfterGc();
  feed(5_000, 500_000);
  const growth = measureHeapAfterGc() - heap;

  assert.equal(metrics.readFootprint(), footprint);
  assert.is(metrics.readSeries().length, 1);
  assert.ok(growth < 4 * 1024 * 1024, `the heap grew by ${formatMiB(growth)}`);
});

test('two thousand real calls for distinct ids: one series, no id in any label', async () => {
  const upstream = await startFaultUpstream(answerHealthy);
  const metrics = new MetricsRegistry({ clock: new FakeClock() });
  const client = new UsersClient({
    baseURL: upstream.baseURL,
    registry: new ResilienceRegistry({ clock: new FakeClock(), listeners: [metrics.listener] }),
  });
  try {
    for (let id = 1; id <= 2000; id += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => client.getUser(id + i)));
    }
    const text = await new PrometheusExporter(metrics, [client.registry]).render();

    assert.is(upstream.requests.length, 2000);
    assert.equal(
      metrics.readSeries().map((series) => series.route),
      ['GET /api/users/:id'],
    );
    assert.not.match(text, /\/api\/users\/\d/);
    assert.ok(client.registry.cache.size <= 1000, 'the answer cache is bounded too');
  } finally {
    await upstream.close();
  }
});

test.run();
