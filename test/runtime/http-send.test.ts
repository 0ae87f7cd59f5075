import { getEventListeners } from 'node:events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  compileValidator,
  createResilientHttp,
  encodePathParam,
  FakeClock,
  isAbortError,
  isBrokenCircuitError,
  isHttpError,
  isResponseValidationError,
  isRetriesExhaustedError,
  ResilienceRegistry,
} from '../../runtime/index.js';
import type { ResilienceEvent, RoutePolicy } from '../../runtime/index.js';
import { makePolicy } from './policies.js';
import { startUpstream } from './upstream.js';
import type { Script, Upstream } from './upstream.js';

interface Setup {
  readonly clock: FakeClock;
  readonly events: ResilienceEvent[];
  readonly registry: ResilienceRegistry;
  readonly upstream: Upstream;
  readonly http: ReturnType<typeof createResilientHttp>;
}

/** Runs `body` against a scripted upstream, closing it whatever happens. */
async function withUpstream(script: Script, body: (s: Setup) => Promise<void>, startMs = 0) {
  const upstream = await startUpstream(script);
  const clock = new FakeClock(startMs);
  const events: ResilienceEvent[] = [];
  const registry = new ResilienceRegistry({ clock, listeners: [(e) => events.push(e)] });
  const http = createResilientHttp({ baseURL: upstream.baseURL, registry });
  try {
    await body({ clock, events, registry, upstream, http });
  } finally {
    await upstream.close();
  }
}

const refusals = (events: ResilienceEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'retry-refused' ? [e.reason] : []));

test('the FakeClock example of docs/runtime.md works as written', () =>
  withUpstream(
    (_req, i) => (i === 0 ? { status: 503 } : { body: { id: 1 } }),
    async ({ clock, http }) => {
      const GET_USER = {
        route: 'GET /api/users/:id',
        profile: 'default',
        method: 'GET',
        idempotent: false,
        retry: {
          maxAttempts: 3,
          backoff: 'exponential',
          baseDelayMs: 1000,
          maxDelayMs: 10000,
          jitter: 'full',
        },
        circuitBreaker: { failureThreshold: 5, recoveryTimeoutMs: 30000, halfOpenMaxCalls: 3 },
        fallback: { enabled: true, strategy: 'cache' },
        cache: { ttlMs: 300000, staleTtlMs: 3600000 },
        timeout: { attemptMs: 2000, totalMs: 10000 },
      } as const satisfies RoutePolicy;
      // From here on, the example's lines.
      const RETRIED = {
        ...GET_USER,
        retry: { ...GET_USER.retry, jitter: false },
        timeout: {},
      } as const;
      const answer = http.request(RETRIED, { path: '/api/users/1' });
      await clock.waitForPending();
      assert.equal(
        clock.pending.map((sleep) => sleep.ms),
        [1000],
      );
      await clock.advance(1000);
      assert.is((await answer).attempts, 2);
    },
  ));

test('503, 503, 200 takes three attempts with waits of exactly 100 then 200 ms', () =>
  withUpstream(
    (_req, i) => (i < 2 ? { status: 503 } : { body: { id: 1 } }),
    async ({ clock, events, upstream, http }) => {
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
      const retries = events.flatMap((e) => (e.type === 'retry' ? [[e.attempt, e.delayMs]] : []));
      assert.equal(retries, [
        [2, 100],
        [3, 200],
      ]);
    },
  ));

test('the breaker sees every attempt, not just the last', () =>
  withUpstream(
    () => ({ status: 503 }),
    async ({ registry, http }) => {
      const policy = makePolicy({ retry: { maxAttempts: 3, baseDelayMs: 0 } });
      const error = await http.request(policy, { path: '/api/users/1' }).catch((e) => e);
      assert.ok(isRetriesExhaustedError(error));
      assert.is(error.attempts, 3);
      assert.ok(isHttpError(error.cause) && error.cause.status === 503);
      assert.is(registry.breaker('default')?.snapshot().failureCount, 3);
    },
  ));

test('a 404 takes one attempt, is not counted by the breaker and throws an HttpError', () =>
  withUpstream(
    () => ({ status: 404, body: { error: 'not found' } }),
    async ({ registry, upstream, http }) => {
      const error = await http.request(makePolicy(), { path: '/api/users/9' }).catch((e) => e);
      assert.ok(isHttpError(error));
      assert.is(error.status, 404);
      assert.equal(error.body, { error: 'not found' });
      assert.match(error.message, 'GET /api/users/:id');
      assert.is(upstream.requests.length, 1);
      const breaker = registry.snapshot()[0]?.breakers[0];
      assert.is(breaker?.failureCount, 0);
      assert.is(breaker?.currentFailures, 0);
    },
  ));

const createUser = (idempotent: boolean): RoutePolicy =>
  makePolicy({
    route: 'POST /api/users',
    method: 'POST',
    idempotent,
    retry: { maxAttempts: 3, baseDelayMs: 0 },
    circuitBreaker: { failureThreshold: 100, recoveryTimeoutMs: 1_000 },
  });

test('a POST answered 503 without an idempotency key is sent once', () =>
  withUpstream(
    () => ({ status: 503 }),
    async ({ events, upstream, http }) => {
      const error = await http
        .request(createUser(false), { path: '/api/users', body: { name: 'Ana' } })
        .catch((e) => e);
      assert.ok(isHttpError(error) && error.status === 503);
      assert.is(upstream.requests.length, 1);
      assert.is(upstream.requests[0]?.headers['idempotency-key'], undefined);
      assert.equal(refusals(events), ['not-idempotent']);
    },
  ));

test('a POST with an idempotency key is retried, the same key on every attempt', () =>
  withUpstream(
    () => ({ status: 503 }),
    async ({ upstream, http }) => {
      const spec = { path: '/api/users', body: { name: 'Ana' }, idempotencyKey: 'key-42' };
      await http.request(createUser(false), spec).catch(() => undefined);
      assert.is(upstream.requests.length, 3);
      assert.equal(
        upstream.requests.map((r) => [r.headers['idempotency-key'], r.body]),
        Array(3).fill(['key-42', '{"name":"Ana"}']),
      );
    },
  ));

test('an idempotent POST route gets a generated key, the same on every attempt', () =>
  withUpstream(
    () => ({ status: 503 }),
    async ({ upstream, http }) => {
      await http.request(createUser(true), { path: '/api/users', body: {} }).catch(() => undefined);
      await http.request(createUser(true), { path: '/api/users', body: {} }).catch(() => undefined);
      const keys = upstream.requests.map((r) => r.headers['idempotency-key']);
      assert.is(keys.length, 6);
      assert.match(String(keys[0]), /^[0-9a-f-]{36}$/);
      assert.equal(keys.slice(0, 3), Array(3).fill(keys[0]));
      assert.equal(keys.slice(3), Array(3).fill(keys[3]));
      assert.is.not(keys[0], keys[3], 'each call has its own key');
    },
  ));

test('failureThreshold 5: the 6th call is rejected without reaching the upstream', () =>
  withUpstream(
    () => ({ status: 503 }),
    async ({ upstream, http, events }) => {
      const policy = makePolicy({ retry: { maxAttempts: 1 } });
      for (let i = 0; i < 5; i++) {
        await http.request(policy, { path: '/api/users/1' }).catch(() => undefined);
      }
      const error = await http.request(policy, { path: '/api/users/1' }).catch((e) => e);
      assert.ok(isBrokenCircuitError(error));
      assert.is(error.breaker, 'default');
      assert.is(error.nextAttemptAt, 30_000);
      assert.is(upstream.requests.length, 5);
      assert.ok(events.some((e) => e.type === 'reject' && e.kind === 'circuit-open'));
    },
  ));

test('after recoveryTimeout exactly halfOpenMaxCalls trials pass; a failed trial re-opens', () =>
  withUpstream(
    () => ({ status: 503 }),
    async ({ clock, upstream, http, registry }) => {
      const policy = makePolicy({
        retry: { maxAttempts: 1 },
        circuitBreaker: { failureThreshold: 2, recoveryTimeoutMs: 5_000, halfOpenMaxCalls: 2 },
      });
      const send = () => http.request(policy, { path: '/api/users/1' }).catch((e: unknown) => e);
      await send();
      await send();
      assert.is(registry.breaker('default')?.state, 'open');
      await clock.advance(5_000);
      const results = await Promise.all(Array.from({ length: 6 }, send));
      assert.is(upstream.requests.length, 2 + 2);
      assert.is(results.filter(isBrokenCircuitError).length, 4);
      assert.is(results.filter(isHttpError).length, 2);
      assert.is(registry.breaker('default')?.state, 'open');
      assert.is(registry.breaker('default')?.snapshot().nextAttemptAt, 10_000);
    },
  ));

test('successful trials close the breaker again', () =>
  withUpstream(
    (_req, i) => (i < 2 ? { status: 500 } : { body: { ok: true } }),
    async ({ clock, http, registry }) => {
      const policy = makePolicy({
        retry: { maxAttempts: 1 },
        circuitBreaker: { failureThreshold: 2, recoveryTimeoutMs: 1_000, halfOpenMaxCalls: 2 },
      });
      const send = () => http.request(policy, { path: '/api/users/1' }).catch((e: unknown) => e);
      await send();
      await send();
      await clock.advance(1_000);
      await Promise.all([send(), send()]);
      assert.is(registry.breaker('default')?.state, 'closed');
    },
  ));

const retryAfterPolicy = (totalMs?: number): RoutePolicy =>
  makePolicy({
    retry: { maxAttempts: 2, backoff: 'exponential', baseDelayMs: 100, maxDelayMs: 10_000 },
    ...(totalMs === undefined ? {} : { timeout: { totalMs } }),
  });

test('Retry-After: 2 makes the retry wait 2000 ms', () =>
  withUpstream(
    (_req, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '2' } } : { body: 'ok' }),
    async ({ clock, http }) => {
      const pending = http.request(retryAfterPolicy(), { path: '/api/users/1' });
      await clock.waitForPending();
      assert.equal(
        clock.pending.map((s) => s.ms),
        [2000],
      );
      await clock.advance(2000);
      assert.is((await pending).data, 'ok');
    },
  ));

test('Retry-After as an HTTP date waits until that date', () =>
  withUpstream(
    (_req, i) =>
      i === 0
        ? { status: 503, headers: { 'retry-after': 'Mon, 15 Jan 2024 10:30:03 GMT' } }
        : { body: 'ok' },
    async ({ clock, http }) => {
      const pending = http.request(retryAfterPolicy(), { path: '/api/users/1' });
      await clock.waitForPending();
      assert.equal(
        clock.pending.map((s) => s.ms),
        [3000],
      );
      await clock.advance(3000);
      assert.is((await pending).attempts, 2);
    },
    Date.parse('2024-01-15T10:30:00Z'),
  ));

test('Retry-After: 3600 under a 10 s budget gives up at once with the upstream 503', () =>
  withUpstream(
    () => ({ status: 503, headers: { 'retry-after': '3600' } }),
    async ({ clock, events, upstream, http }) => {
      const error = await http
        .request(retryAfterPolicy(10_000), { path: '/api/users/1' })
        .catch((e) => e);
      assert.ok(isHttpError(error));
      assert.is(error.status, 503);
      assert.is(error.headers['retry-after'], '3600');
      assert.is(upstream.requests.length, 1);
      assert.equal(clock.history, [10_000], 'only the total timeout was ever armed');
      assert.equal(clock.pending, []);
      assert.equal(refusals(events), ['retry-after-beyond-budget']);
    },
  ));

test('a Retry-After beyond maxDelay also gives up at once', () =>
  withUpstream(
    () => ({ status: 429, headers: { 'retry-after': '60' } }),
    async ({ upstream, http }) => {
      const error = await http
        .request(retryAfterPolicy(), { path: '/api/users/1' })
        .catch((e) => e);
      assert.ok(isHttpError(error) && error.status === 429);
      assert.is(upstream.requests.length, 1);
    },
  ));

test('an unparsable Retry-After falls back to the computed backoff', () =>
  withUpstream(
    (_req, i) =>
      i === 0 ? { status: 503, headers: { 'retry-after': 'soon-ish' } } : { body: 'ok' },
    async ({ clock, http }) => {
      const pending = http.request(retryAfterPolicy(), { path: '/api/users/1' });
      await clock.waitForPending();
      assert.equal(
        clock.pending.map((s) => s.ms),
        [100],
      );
      await clock.advance(100);
      assert.is((await pending).data, 'ok');
    },
  ));

test('an attempt timeout aborts the request and the retry gets a full attempt timeout', () =>
  withUpstream(
    (_req, i) => (i === 0 ? { hang: true } : { body: { id: 1 } }),
    async ({ clock, upstream, http }) => {
      const policy = makePolicy({ timeout: { attemptMs: 1_000 } });
      const pending = http.request(policy, { path: '/api/users/1' });
      await upstream.waitForRequests(1);
      assert.equal(clock.pending, [{ dueAt: 1_000, ms: 1_000 }]);
      await clock.advance(1_000);
      await clock.waitForPending();
      assert.equal(clock.pending, [{ dueAt: 1_100, ms: 100 }]);
      await clock.advance(100);
      const answer = await pending;
      assert.is(answer.attempts, 2);
      assert.equal(clock.pending, [], 'the second attempt timer is gone with the call');
    },
  ));

test('aborting during a backoff wait ends the call at once with an AbortError', () =>
  withUpstream(
    () => ({ status: 503 }),
    async ({ clock, upstream, http }) => {
      const controller = new AbortController();
      const pending = http
        .request(makePolicy(), { path: '/api/users/1' }, { signal: controller.signal })
        .catch((e) => e);
      await clock.waitForPending();
      controller.abort('user left');
      const error = await pending;
      assert.ok(isAbortError(error));
      assert.is(upstream.requests.length, 1);
      assert.equal(clock.pending, []);
    },
  ));

test('a finished call leaves no timer and no abort listener behind', () =>
  withUpstream(
    (_req, i) => (i % 2 === 0 ? { status: 503 } : { body: 'ok' }),
    async ({ clock, http }) => {
      const policy = makePolicy({
        retry: { maxAttempts: 2, baseDelayMs: 0 },
        timeout: { attemptMs: 5_000, totalMs: 20_000 },
      });
      const controller = new AbortController();
      const options = { signal: controller.signal };
      assert.is((await http.request(policy, { path: '/a' }, options)).attempts, 2);
      const failing = makePolicy({ ...policy, retry: { maxAttempts: 1 } });
      await http.request(failing, { path: '/b' }, options).catch(() => undefined);
      assert.equal(clock.pending, []);
      assert.is(getEventListeners(controller.signal, 'abort').length, 0);
    },
  ));

test('an HTML 502 page becomes an HttpError with a preview, not a crash', () =>
  withUpstream(
    () => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
    }),
    async ({ http }) => {
      const policy = makePolicy({ retry: { maxAttempts: 1 } });
      const error = await http.request(policy, { path: '/api/users/1' }).catch((e) => e);
      assert.ok(isHttpError(error));
      assert.is(error.status, 502);
      assert.is(error.contentType, 'text/html');
      assert.match(error.bodyPreview, '502 Bad Gateway');
    },
  ));

test('a truncated JSON answer is a ResponseValidationError counted as a failure', () =>
  withUpstream(
    () => ({ headers: { 'content-type': 'application/json' }, body: '{"id": 1, "na' }),
    async ({ http, registry, upstream }) => {
      const error = await http.request(makePolicy(), { path: '/api/users/1' }).catch((e) => e);
      assert.ok(isResponseValidationError(error));
      assert.is(error.reason, 'decode');
      assert.is(error.status, 200);
      assert.is(upstream.requests.length, 1, 'an undecodable answer is not retried');
      assert.is(registry.breaker('default')?.snapshot().failureCount, 1);
    },
  ));

test('an answer that fails validate is a failure, not a crash', () =>
  withUpstream(
    () => ({ body: { id: 'not a number' } }),
    async ({ http }) => {
      const isUser = (data: unknown): data is { id: number } =>
        typeof (data as { id?: unknown }).id === 'number';
      const error = await http
        .request(makePolicy(), { path: '/api/users/1' }, { validate: isUser })
        .catch((e) => e);
      assert.ok(isResponseValidationError(error));
      assert.is(error.reason, 'validate');
      assert.equal(error.issues, [], 'a plain type guard says nothing of what failed');
      assert.match(error.message, /failed validation \(status 200/);
    },
  ));

test('an answer that fails a compiled schema names the field and the rule it broke', () =>
  withUpstream(
    () => ({ body: { id: 1, name: '' } }),
    async ({ http }) => {
      const validate = compileValidator<{ id: number; name: string }>({
        type: 'object',
        required: ['id', 'name'],
        properties: { id: { type: 'integer' }, name: { type: 'string', minLength: 1 } },
      });
      const error = await http
        .request(makePolicy(), { path: '/api/users/1' }, { validate })
        .catch((e) => e);
      assert.ok(isResponseValidationError(error));
      assert.equal(error.issues, [
        { location: 'body', path: '/name', message: 'must NOT have fewer than 1 characters' },
      ]);
      assert.match(
        error.message,
        'failed validation at /name: must NOT have fewer than 1 characters (status 200',
      );
    },
  ));

test('path parameters cannot send the request to another host', () =>
  withUpstream(
    () => ({ body: 'here' }),
    async ({ upstream, http }) => {
      const policy = makePolicy();
      for (const id of ['//evil.example', 'http://169.254.169.254/x']) {
        const answer = await http.request(policy, { path: `/api/users/${encodePathParam(id)}` });
        assert.is(answer.data, 'here');
      }
      await http.request(policy, { path: '//evil.example/x' });
      await http.request(policy, { path: 'http://169.254.169.254/latest' });
      assert.equal(
        upstream.requests.map((r) => r.url),
        [
          '/api/users/%2F%2Fevil.example',
          '/api/users/http%3A%2F%2F169.254.169.254%2Fx',
          '/evil.example/x',
          '/http://169.254.169.254/latest',
        ],
      );
    },
  ));

test('a redirect is never followed, so it cannot send the call to another host', async () => {
  const elsewhere = await startUpstream(() => ({ body: 'elsewhere' }));
  try {
    await withUpstream(
      () => ({ status: 302, headers: { location: `${elsewhere.baseURL}/steal` }, body: '' }),
      async ({ upstream, http }) => {
        const error = await http
          .request(makePolicy(), { path: '/api/users/1', headers: { authorization: 'secret' } })
          .catch((e) => e);

        assert.ok(isHttpError(error));
        assert.is(error.status, 302);
        assert.is(upstream.requests.length, 1);
        assert.is(elsewhere.requests.length, 0);
      },
    );
  } finally {
    await elsewhere.close();
  }
});

test('the query reaches the upstream with repeated keys and commas kept', () =>
  withUpstream(
    () => ({ body: [] }),
    async ({ upstream, http }) => {
      await http.request(makePolicy(), {
        path: '/api/users',
        query: { ids: [1, 2], tags: 'a,b', empty: [], skipped: undefined, q: 'x y' },
      });
      assert.is(upstream.requests[0]?.url, '/api/users?ids=1&ids=2&tags=a,b&q=x%20y');
    },
  ));

test.run();
