import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createResilientHttp,
  FakeClock,
  isHttpError,
  isRetriesExhaustedError,
  ResilienceRegistry,
} from '../../runtime/index.js';
import type { ResilienceEvent, RoutePolicy } from '../../runtime/index.js';
import { makePolicy } from './policies.js';
import { startUpstream } from './upstream.js';
import type { ScriptedReply, SeenRequest } from './upstream.js';

interface Setup {
  readonly clock: FakeClock;
  readonly registry: ResilienceRegistry;
  readonly events: ResilienceEvent[];
  readonly http: ReturnType<typeof createResilientHttp>;
  /** Requests the primary upstream received. */
  readonly seen: readonly SeenRequest[];
  /** Requests the alternative service received. */
  readonly seenByAlternative: readonly SeenRequest[];
  /** Switches the primary upstream between answering and failing with 503. */
  setDown(down: boolean): void;
}

async function withServices(
  options: {
    alternative?: (req: SeenRequest) => ScriptedReply;
    primary?: (req: SeenRequest) => ScriptedReply;
  },
  body: (s: Setup) => Promise<void>,
) {
  let down = false;
  const primary = await startUpstream((req) =>
    down
      ? { status: 503 }
      : (options.primary?.(req) ?? { body: { url: req.url, from: 'primary' } }),
  );
  const alternative = await startUpstream(options.alternative ?? (() => ({ status: 503 })));
  const clock = new FakeClock();
  const events: ResilienceEvent[] = [];
  const registry = new ResilienceRegistry({ clock, listeners: [(e) => events.push(e)] });
  const http = createResilientHttp({
    baseURL: primary.baseURL,
    ...(options.alternative ? { alternativeBaseURL: alternative.baseURL } : {}),
    registry,
  });
  try {
    await body({
      clock,
      registry,
      events,
      http,
      seen: primary.requests,
      seenByAlternative: alternative.requests,
      setDown: (value) => (down = value),
    });
  } finally {
    await Promise.all([primary.close(), alternative.close()]);
  }
}

const cachedRead = (overrides: Partial<RoutePolicy> = {}): RoutePolicy =>
  makePolicy({
    retry: { maxAttempts: 1 },
    cache: { ttlMs: 1_000, staleTtlMs: 60_000 },
    fallback: { enabled: true, strategy: 'cache' },
    ...overrides,
  });

const fallbacks = (events: ResilienceEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'fallback' ? [e.source] : []));

test('a fresh cached answer is served without a call', () =>
  withServices({}, async ({ http, seen, events }) => {
    const first = await http.request(cachedRead(), { path: '/api/users/1' });
    const second = await http.request(cachedRead(), { path: '/api/users/1' });
    assert.is(first.source, 'network');
    assert.is(second.source, 'cache');
    assert.is(second.attempts, 0);
    assert.equal(second.data, first.data);
    assert.is(seen.length, 1);
    assert.equal(
      events.flatMap((e) => (e.type === 'cache' ? [e.result] : [])),
      ['miss', 'hit'],
    );
  }));

test('with the upstream down, the stale entry is served and marked as such', () =>
  withServices({}, async ({ clock, http, setDown, events }) => {
    await http.request(cachedRead(), { path: '/api/users/1' });
    await clock.advance(5_000);
    setDown(true);
    const answer = await http.request(cachedRead(), { path: '/api/users/1' });
    assert.is(answer.source, 'stale-cache');
    assert.is(answer.attempts, 1);
    assert.equal(answer.data, { url: '/api/users/1', from: 'primary' });
    assert.equal(fallbacks(events), ['stale-cache']);
    const call = events.findLast((e) => e.type === 'call');
    assert.equal(call && call.type === 'call' && [call.outcome, call.source], [
      'failure',
      'stale-cache',
    ]);
  }));

test('a cache with ttl 0 never answers without a call, but serves its copy after a failure', () =>
  withServices({}, async ({ http, seen, setDown }) => {
    const policy = cachedRead({ cache: { ttlMs: 0, staleTtlMs: 60_000 } });
    await http.request(policy, { path: '/api/users/1' });
    const again = await http.request(policy, { path: '/api/users/1' });
    assert.is(again.source, 'network');
    assert.is(seen.length, 2);
    setDown(true);
    const served = await http.request(policy, { path: '/api/users/1' });
    assert.is(served.source, 'stale-cache');
  }));

test('a stale entry past its stale window is not served', () =>
  withServices({}, async ({ clock, http, setDown }) => {
    await http.request(cachedRead(), { path: '/api/users/1' });
    await clock.advance(61_000);
    setDown(true);
    const error = await http.request(cachedRead(), { path: '/api/users/1' }).catch((e) => e);
    assert.ok(isHttpError(error) && error.status === 503);
  }));

test('with no cache, the alternative service answers', () =>
  withServices(
    { alternative: (req) => ({ body: { url: req.url, from: 'alternative' } }) },
    async ({ http, setDown, seenByAlternative }) => {
      setDown(true);
      const answer = await http.request(cachedRead(), {
        path: '/api/users/2',
        query: { full: true },
      });
      assert.is(answer.source, 'alternative');
      assert.equal(answer.data, { url: '/api/users/2?full=true', from: 'alternative' });
      assert.is(seenByAlternative.length, 1);
    },
  ));

test('the alternative_service strategy asks the alternative before the stale cache', () =>
  withServices(
    { alternative: () => ({ body: 'from alternative' }) },
    async ({ clock, http, setDown }) => {
      const policy = cachedRead({ fallback: { enabled: true, strategy: 'alternative_service' } });
      await http.request(policy, { path: '/api/users' });
      await clock.advance(2_000);
      setDown(true);
      const answer = await http.request(policy, { path: '/api/users' });
      assert.is(answer.source, 'alternative');
    },
  ));

test('the declared default comes last, after stale cache and alternative', () =>
  withServices({ alternative: () => ({ status: 500 }) }, async ({ http, setDown, events }) => {
    setDown(true);
    const answer = await http.request<string[]>(
      cachedRead(),
      { path: '/api/users' },
      { fallbackValue: () => [] },
    );
    assert.is(answer.source, 'default');
    assert.equal(answer.data, []);
    assert.equal(fallbacks(events), ['default']);
  }));

test('when nothing is left the original error is thrown', () =>
  withServices({ alternative: () => ({ status: 500 }) }, async ({ http, setDown }) => {
    setDown(true);
    const policy = cachedRead({ retry: { maxAttempts: 2, baseDelayMs: 0 } });
    const error = await http.request(policy, { path: '/api/users/1' }).catch((e) => e);
    assert.ok(isRetriesExhaustedError(error));
    assert.ok(isHttpError(error.cause) && error.cause.status === 503);
  }));

test('a 404 passes through typed and is never replaced by a fallback', () =>
  withServices(
    {
      primary: (req) => (req.url.includes('gone') ? { status: 404, body: { error: 'gone' } } : {}),
      alternative: () => ({ body: 'alternative' }),
    },
    async ({ http, events }) => {
      const error = await http
        .request(cachedRead(), { path: '/api/users/gone' }, { fallbackValue: () => 'default' })
        .catch((e) => e);
      assert.ok(isHttpError(error));
      assert.is(error.status, 404);
      assert.equal(fallbacks(events), []);
    },
  ));

test('fallback off means the failure is thrown even with a stale entry', () =>
  withServices({}, async ({ clock, http, setDown }) => {
    const policy = cachedRead({ fallback: { enabled: false } });
    await http.request(policy, { path: '/api/users/1' });
    await clock.advance(2_000);
    setDown(true);
    const error = await http.request(policy, { path: '/api/users/1' }).catch((e) => e);
    assert.ok(isHttpError(error) && error.status === 503);
  }));

test('a successful write invalidates its resource and its collection', () =>
  withServices({}, async ({ http, seen }) => {
    const read = cachedRead();
    const update = makePolicy({ route: 'PUT /api/users/:id', method: 'PUT' });
    await http.request(read, { path: '/api/users/1' });
    await http.request(read, { path: '/api/users', query: { page: 2 } });
    await http.request(read, { path: '/api/users/2' });
    await http.request(update, { path: '/api/users/1', body: { name: 'Bea' } });
    const after = await Promise.all([
      http.request(read, { path: '/api/users/1' }),
      http.request(read, { path: '/api/users', query: { page: 2 } }),
      http.request(read, { path: '/api/users/2' }),
    ]);
    assert.equal(
      after.map((a) => a.source),
      ['network', 'network', 'cache'],
    );
    assert.is(seen.length, 4 + 2);
  }));

test('a failed write invalidates nothing', () =>
  withServices(
    { primary: (req) => (req.method === 'PUT' ? { status: 409 } : {}) },
    async ({ http }) => {
      const read = cachedRead();
      await http.request(read, { path: '/api/users/1' });
      const update = makePolicy({ route: 'PUT /api/users/:id', method: 'PUT' });
      await http.request(update, { path: '/api/users/1', body: {} }).catch(() => undefined);
      assert.is((await http.request(read, { path: '/api/users/1' })).source, 'cache');
    },
  ));

test("cache keys hold the full path, the query and the caller's credentials", () =>
  withServices({}, async ({ http, seen }) => {
    const read = cachedRead();
    await http.request(read, { path: '/api/users', query: { page: 1 } });
    const page2 = await http.request(read, { path: '/api/users', query: { page: 2 } });
    assert.is(page2.source, 'network');
    const ana = { headers: { Authorization: 'Bearer ana' } };
    const bob = { headers: { authorization: 'Bearer bob' } };
    await http.request(read, { path: '/api/me' }, ana);
    const forBob = await http.request(read, { path: '/api/me' }, bob);
    const forAna = await http.request(read, { path: '/api/me' }, ana);
    assert.is(forBob.source, 'network', "bob never gets ana's answer");
    assert.is(forAna.source, 'cache');
    assert.is(seen.length, 4);
  }));

/** A read whose breakers open at the second failure and stay open 30 s. */
const quickBreakerRead = (): RoutePolicy =>
  cachedRead({
    circuitBreaker: { failureThreshold: 2, recoveryTimeoutMs: 30_000, halfOpenMaxCalls: 1 },
  });

test('an alternative service that keeps failing gets its own breaker, then is skipped', () =>
  withServices(
    { alternative: () => ({ status: 500 }) },
    async ({ http, registry, setDown, seenByAlternative }) => {
      setDown(true);
      const policy = quickBreakerRead();
      const sources: string[] = [];
      for (let index = 0; index < 5; index++) {
        const answer = await http.request<string>(
          policy,
          { path: `/api/users/${index}` },
          { fallbackValue: () => 'default' },
        );
        sources.push(answer.source);
      }
      assert.equal(sources, ['default', 'default', 'default', 'default', 'default']);
      assert.is(seenByAlternative.length, 2, 'no connection once its breaker opened');
      assert.is(registry.breaker('default@alternative')?.state, 'open');
      assert.is(registry.breaker('default')?.state, 'open', 'the primary has its own');
    },
  ));

test("the alternative's breaker lets a trial through after its recovery timeout", () => {
  let healthy = false;

  return withServices(
    { alternative: () => (healthy ? { body: 'replica' } : { status: 503 }) },
    async ({ clock, http, registry, setDown, seenByAlternative }) => {
      setDown(true);
      const policy = quickBreakerRead();
      for (let index = 0; index < 3; index++) {
        await http.request(policy, { path: '/api/users/1' }).catch(() => undefined);
      }
      assert.is(seenByAlternative.length, 2);
      healthy = true;
      await clock.advance(30_000);
      const answer = await http.request(policy, { path: '/api/users/1' });
      assert.is(answer.source, 'alternative');
      assert.is(registry.breaker('default@alternative')?.state, 'closed');
    },
  );
});

test('a 404 from the alternative service is no failure of it: its breaker stays closed', () =>
  withServices(
    { alternative: () => ({ status: 404, body: { error: 'not_here' } }) },
    async ({ http, registry, setDown, seenByAlternative }) => {
      setDown(true);
      const policy = quickBreakerRead();
      for (let index = 0; index < 4; index++) {
        await http.request(policy, { path: '/api/users/1' }).catch(() => undefined);
      }
      assert.is(seenByAlternative.length, 4);
      assert.is(registry.breaker('default@alternative')?.state, 'closed');
    },
  ));

test('with a named service, the alternative breaker is named after it', () =>
  withServices({}, async ({ clock }) => {
    const down = await startUpstream(() => ({ status: 503 }));
    try {
      const registry = new ResilienceRegistry({ clock });
      const named = createResilientHttp({
        baseURL: down.baseURL,
        alternativeBaseURL: down.baseURL,
        registry,
        service: 'users',
      });
      await named.request(quickBreakerRead(), { path: '/api/users/1' }).catch(() => undefined);
      const names = registry.snapshot().flatMap((p) => p.breakers.map((b) => b.name));
      assert.equal(names, ['default@users', 'default@users.alternative']);
    } finally {
      await down.close();
    }
  }));

test.run();
