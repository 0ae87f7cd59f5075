/**
 * Nothing lost, nothing doubled: writes that lose their answer on the way back are repeated
 * only when repeating is safe, an idempotent write repeated through resets is done once, and
 * the stale cache never answers one request with another request's answer.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UsersClient } from '../../generated/users/index.js';
import {
  createResilientHttp,
  FakeClock,
  isHttpError,
  isNetworkError,
  isRetriesExhaustedError,
  isTimeoutError,
  ResilienceRegistry,
} from '../../runtime/index.js';
import type { ResilienceEvent, RoutePolicy } from '../../runtime/index.js';
import { makePolicy } from '../runtime/policies.js';
import { startCuttingProxy } from '../support/cutting-proxy.js';
import { startFaultUpstream } from '../support/fault-upstream.js';
import type { FaultReply } from '../support/fault-upstream.js';
import { watchSuiteHandles } from '../support/handles.js';
import { startOrdersServer } from '../support/orders-server.js';
import { answerHealthy } from './gateway-rig.js';

watchSuiteHandles(test);

/** A POST route retried up to 3 times without waiting. */
const makePostPolicy = (path: string, idempotent: boolean): RoutePolicy =>
  makePolicy({
    route: `POST ${path}`,
    profile: 'writes',
    method: 'POST',
    idempotent,
    retry: { maxAttempts: 3, baseDelayMs: 0 },
  });

const listRefusals = (events: readonly ResilienceEvent[]): string[] =>
  events.flatMap((event) => (event.type === 'retry-refused' ? [event.reason] : []));

/** Runs `body` with the orders server behind a proxy that loses the first `cuts` answers. */
async function runThroughCuts(
  cuts: number,
  body: (setup: {
    http: ReturnType<typeof createResilientHttp>;
    events: ResilienceEvent[];
    stored: () => number;
  }) => Promise<void>,
): Promise<void> {
  const server = await startOrdersServer();
  const proxy = await startCuttingProxy(server.port, cuts);
  const events: ResilienceEvent[] = [];
  const registry = new ResilienceRegistry({
    clock: new FakeClock(),
    listeners: [(event) => events.push(event)],
  });
  try {
    const http = createResilientHttp({ baseURL: proxy.baseURL, registry });
    await body({ http, events, stored: () => server.stored.length });
    assert.is(proxy.cut, cuts, 'every planned reset happened');
  } finally {
    await proxy.close();
    await server.close();
  }
}

test('an @Idempotent POST retried through two connection resets creates exactly one order', () =>
  runThroughCuts(2, async ({ http, stored }) => {
    const answer = await http.request<{ id: number; item: string }>(
      makePostPolicy('/api/orders', true),
      {
        path: '/api/orders',
        body: { item: 'book' },
      },
    );

    assert.is(answer.attempts, 3);
    assert.is(answer.status, 201);
    assert.equal(answer.data, { id: 1, item: 'book' });
    assert.is(answer.headers['idempotency-replayed'], 'true', 'the third attempt was a replay');
    assert.is(stored(), 1);
  }));

test('a POST without an idempotency key is sent once: the caller gets the reset, the order exists once', () =>
  runThroughCuts(1, async ({ http, events, stored }) => {
    const error = await http
      .request(makePostPolicy('/api/notes', false), { path: '/api/notes', body: { item: 'pen' } })
      .catch((e: unknown) => e);

    assert.ok(isNetworkError(error), String(error));
    assert.is(stored(), 1);
    assert.equal(listRefusals(events), ['not-idempotent']);
  }));

test("a caller's idempotency key makes a plain POST retryable, and the server keeps it to one order", () =>
  runThroughCuts(1, async ({ http, stored }) => {
    const answer = await http.request(makePostPolicy('/api/orders', false), {
      path: '/api/orders',
      body: { item: 'lamp' },
      idempotencyKey: 'order-lamp-1',
    });

    assert.is(answer.attempts, 2);
    assert.is(stored(), 1);
  }));

/** Counts the writes a slow origin did: it stores each, then answers after `lateMs`. */
async function withSlowOrigin(
  lateMs: number,
  body: (setup: {
    clock: FakeClock;
    registry: ResilienceRegistry;
    baseURL: string;
    writes: () => number;
    keys: () => unknown[];
  }) => Promise<void>,
): Promise<void> {
  const clock = new FakeClock();
  const upstream = await startFaultUpstream(
    (request): FaultReply => ({ kind: 'late', afterMs: lateMs, reply: answerHealthy(request) }),
    { clock },
  );
  const registry = new ResilienceRegistry({ clock, random: () => 0 });
  try {
    await body({
      clock,
      registry,
      baseURL: upstream.baseURL,
      writes: () => upstream.requests.length,
      keys: () => upstream.requests.map((request) => request.headers['idempotency-key']),
    });
  } finally {
    await upstream.close();
  }
}

/** Lets the attempt timeouts of `call` run out, one request at a time, until it ends. */
async function runOutAttempts<T>(
  clock: FakeClock,
  writes: () => number,
  call: Promise<T>,
  attemptMs: number,
): Promise<unknown> {
  const ended = call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  let done = false;
  void ended.then(() => (done = true));
  for (let seen = 0; !done;) {
    await clock.waitForPending();
    if (writes() > seen) {
      seen = writes();
      await clock.advance(attemptMs);
    } else {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
  const result = await ended;

  return 'error' in result ? result.error : result.value;
}

const makeSlowPolicy = (method: 'POST' | 'PUT'): RoutePolicy =>
  makePolicy({
    route: `${method} /api/users`,
    profile: 'writes',
    method,
    retry: { maxAttempts: 3, baseDelayMs: 0 },
    timeout: { attemptMs: 1000 },
  });

test('a POST that timed out at the client but was stored at the origin is not sent again', () =>
  withSlowOrigin(2000, async ({ clock, registry, baseURL, writes }) => {
    const http = createResilientHttp({ baseURL, registry });
    const call = http.request(makeSlowPolicy('POST'), {
      path: '/api/users',
      body: { name: 'Ana' },
    });
    const error = await runOutAttempts(clock, writes, call, 1000);

    assert.ok(isTimeoutError(error) && error.scope === 'attempt', String(error));
    assert.is(writes(), 1);
  }));

test("the generated client's createUser, timed out, is sent once too", () =>
  withSlowOrigin(11_000, async ({ clock, registry, baseURL, writes }) => {
    const client = new UsersClient({ baseURL, registry });
    const call = client.createUser({ name: 'Ana', email: 'ana@example.com' }).withAnswer();
    const error = await runOutAttempts(clock, writes, call, 10_000);

    assert.ok(isTimeoutError(error), String(error));
    assert.is(writes(), 1);
  }));

test('with an idempotency key the timed-out POST is repeated, the same key each time', () =>
  withSlowOrigin(2000, async ({ clock, registry, baseURL, writes, keys }) => {
    const http = createResilientHttp({ baseURL, registry });
    const spec = { path: '/api/users', body: { name: 'Ana' }, idempotencyKey: 'create-ana' };
    const error = await runOutAttempts(
      clock,
      writes,
      http.request(makeSlowPolicy('POST'), spec),
      1000,
    );

    assert.ok(isRetriesExhaustedError(error), String(error));
    assert.equal(keys(), ['create-ana', 'create-ana', 'create-ana']);
  }));

test('a PUT, which may be repeated, is retried after a timeout', () =>
  withSlowOrigin(2000, async ({ clock, registry, baseURL, writes }) => {
    const http = createResilientHttp({ baseURL, registry });
    const call = http.request(makeSlowPolicy('PUT'), { path: '/api/users', body: { name: 'Ana' } });
    await runOutAttempts(clock, writes, call, 1000);

    assert.is(writes(), 3);
  }));

test("the stale cache answers each user's id with that user only", async () => {
  let down = false;
  const upstream = await startFaultUpstream((request) =>
    down ? { kind: 'answer', status: 503 } : answerHealthy(request),
  );
  const clock = new FakeClock();
  // Jitter draws 0, so every backoff is 0 ms and no wait needs the clock.
  const client = new UsersClient({
    baseURL: upstream.baseURL,
    registry: new ResilienceRegistry({ clock, random: () => 0 }),
  });
  try {
    await client.getUser(1);
    await client.getUser(2);
    await clock.advance(300_001);
    down = true;
    const never = await client.getUser(3).catch((e: unknown) => e);
    const first = await client.getUser(1).withAnswer();
    const second = await client.getUser(2).withAnswer();

    assert.ok(isRetriesExhaustedError(never) && isHttpError(never.lastError), 'no stale user 3');
    assert.equal([first.source, first.data.id], ['stale-cache', 1]);
    assert.equal([second.source, second.data.id], ['stale-cache', 2]);
  } finally {
    await upstream.close();
  }
});

test('the stale cache keeps answers apart by query and by credentials', async () => {
  let down = false;
  const upstream = await startFaultUpstream((request) =>
    down
      ? { kind: 'answer', status: 503 }
      : { kind: 'answer', body: { url: request.url, auth: request.headers['authorization'] } },
  );
  const clock = new FakeClock();
  const registry = new ResilienceRegistry({ clock });
  const http = createResilientHttp({ baseURL: upstream.baseURL, registry });
  const policy = makePolicy({
    route: 'GET /api/users',
    retry: { maxAttempts: 1 },
    fallback: { enabled: true, strategy: 'cache' },
    cache: { ttlMs: 1000, staleTtlMs: 60_000 },
  });
  const read = (page: number, auth: string) =>
    http
      .request(policy, {
        path: '/api/users',
        query: { page },
        headers: { authorization: auth },
      })
      .then(
        (answer) => [answer.source, answer.data],
        (error: unknown) => (isHttpError(error) ? error.status : String(error)),
      );
  try {
    await read(1, 'Bearer alice');
    await clock.advance(1001);
    down = true;

    assert.equal(await read(1, 'Bearer alice'), [
      'stale-cache',
      { url: '/api/users?page=1', auth: 'Bearer alice' },
    ]);
    assert.is(await read(1, 'Bearer bob'), 503, "never Alice's page for Bob");
    assert.is(await read(2, 'Bearer alice'), 503, 'never page 1 for page 2');
  } finally {
    await upstream.close();
  }
});

test.run();
