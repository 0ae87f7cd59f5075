/**
 * Bounded load with faults: autocannon sends reads and writes to the gateway for a few
 * seconds while the origin flaps between healthy, failing, dropping and slow. The gateway's
 * bulkhead must shed the excess with 503 rather than let latency grow, no promise may be left
 * rejected without a handler, no 500 may come out, and the heap must come back near where it
 * was. Loopback only; the whole suite takes about 8 s.
 */
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { watchSuiteHandles } from '../support/handles.js';
import { formatMiB, measureHeapAfterGc } from '../support/heap.js';
import { SEEDED_USERS, startFlappingStack } from './flapping-stack.js';

/** The part of autocannon's options and result this suite uses (it ships no types). */
interface LoadRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: LoadRequest) => LoadRequest;
}

interface LoadResult {
  readonly latency: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly requests: { readonly total: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
}

type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: LoadRequest[];
}) => Promise<LoadResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** How long the load lasts, in seconds. */
const DURATION_S = 4;

/** Concurrent connections: three times what the gateway's bulkhead holds with its queue. */
const CONNECTIONS = 48;

/**
 * The slowest 1% of answers must come within this, in ms: the route's 1.5 s limit and a queue
 * wait of 100 ms bound the gateway's own time; the rest is room for a loaded 2-core machine,
 * where autocannon, the gateway and the origin share one event loop. Without the bulkhead and
 * the route's limit, calls would wait out retries up to the profiles' 60 s total.
 */
const P99_LIMIT_MS = 6000;

/** How much the heap may keep after the load, once collected. */
const HEAP_GROWTH_LIMIT = 48 * 1024 * 1024;

watchSuiteHandles(test);

test('under flapping load the gateway sheds with 503, never answers 500, and stays bounded', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  process.on('unhandledRejection', onUnhandled);
  const stack = await startFlappingStack();
  try {
    const heapBefore = measureHeapAfterGc();
    const stopFlapping = stack.startFlapping();
    const result = await autocannon({
      url: stack.gatewayURL,
      connections: CONNECTIONS,
      duration: DURATION_S,
      timeout: 10,
      requests: buildMix(),
    });
    await stopFlapping();
    const shed = stack.serverEvents.filter((event) => event.type === 'reject').length;
    const statuses = Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
    );
    process.stderr.write(
      `      load: ${result.requests.total} requests, p50 ${result.latency.p50} ms, ` +
        `p99 ${result.latency.p99} ms, max ${result.latency.max} ms, ` +
        `statuses ${JSON.stringify(statuses)}, ${shed} shed by the bulkhead\n`,
    );

    assert.ok(result.requests.total > 50, 'the load ran');
    assert.is(result.errors, 0, 'no connection failed or timed out');
    assert.is(statuses['500'], undefined, 'no 500');
    assert.ok(shed > 0, 'the bulkhead shed some requests');
    assert.ok((statuses['503'] ?? 0) >= shed, 'each shed request was a 503');
    assert.ok(result.latency.p99 < P99_LIMIT_MS, `p99 ${result.latency.p99} ms`);
    const live = await fetch(`${stack.gatewayURL}/health/live`);
    assert.is(live.status, 200, 'the gateway still answers');
    await live.body?.cancel();
    const growth = measureHeapAfterGc() - heapBefore;
    assert.ok(growth < HEAP_GROWTH_LIMIT, `the heap kept ${formatMiB(growth)}`);
    assert.equal(unhandled, [], 'no unhandled rejection');
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await stack.close();
  }
});

/**
 * What the load sends, over and over on each connection: reads of one user (most of them
 * stored, some not), reads of the list, and writes of new users with unique emails.
 */
function buildMix(): LoadRequest[] {
  let written = 0;
  const readOne = (): LoadRequest => ({
    method: 'GET',
    setupRequest: (request) => ({
      ...request,
      path: `/api/users/${1 + Math.floor(Math.random() * SEEDED_USERS * 1.25)}`,
    }),
  });

  return [
    readOne(),
    readOne(),
    { method: 'GET', path: '/api/users' },
    readOne(),
    {
      method: 'POST',
      path: '/api/users',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => {
        written++;

        return {
          ...request,
          body: JSON.stringify({ name: 'Load', email: `load${written}@example.com` }),
        };
      },
    },
  ];
}

test.run();
