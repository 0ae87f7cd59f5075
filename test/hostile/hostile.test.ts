/**
 * Hostile requests to the generated users server over real HTTP: each gets its documented
 * status with the one JSON error shape (docs/server.md), none is a 500, no prototype is
 * polluted, and the process stays up with its heap bounded after sending them all again.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatMiB, measureHeapAfterGc } from '../support/heap.js';
import { HOSTILE_REQUESTS } from './cases.js';
import type { HostileRequest } from './cases.js';
import { ERROR_KEYS, useTarget } from './target.js';
import type { Target } from './target.js';

/** How often the whole list is sent again for the memory check. */
const ROUNDS = 5;

/** How much the heap may grow over those rounds (bodies of 1 MiB are among the requests). */
const HEAP_GROWTH_LIMIT = 24 * 1024 * 1024;

const getTarget = useTarget(test);

test('the list holds at least 40 requests, each named once', () => {
  const names = HOSTILE_REQUESTS.map((request) => request.name);

  assert.ok(names.length >= 40, `${names.length} requests`);
  assert.is(new Set(names).size, names.length);
});

for (const request of HOSTILE_REQUESTS) {
  test(`${request.name}: ${request.status} ${request.error ?? ''}`, async () => {
    const answer = await send(getTarget(), request);

    assert.is(answer.status, request.status, answer.text.slice(0, 300));
    if (request.error === undefined) {
      return;
    }
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    assert.equal(Object.keys(body), ERROR_KEYS);
    assert.is(body['error'], request.error);
    assert.type(body['message'], 'string');
    assert.ok(Array.isArray(body['details']));
    assert.is(body['requestId'], answer.headers.get('x-request-id'));
  });
}

test('no request polluted a prototype or created a user', () => {
  assert.is(({} as Record<string, unknown>)['admin'], undefined);
  assert.is(Object.hasOwn(Object.prototype, 'admin'), false);
  assert.equal(
    getTarget()
      .store.list()
      .map((user) => user.id),
    [1],
  );
});

test(`${ROUNDS} more rounds of every request: no 500, the process answers, the heap stays bounded`, async () => {
  const before = measureHeapAfterGc();
  for (let round = 0; round < ROUNDS; round++) {
    const answers = await Promise.all(
      HOSTILE_REQUESTS.map((request) => send(getTarget(), request)),
    );
    const failed = answers.filter((answer) => answer.status >= 500);
    assert.equal(failed, [], 'no 5xx');
  }
  const growth = measureHeapAfterGc() - before;

  assert.ok(growth < HEAP_GROWTH_LIMIT, `the heap grew by ${formatMiB(growth)}`);
  const live = await fetch(`${getTarget().baseURL}/health/live`);
  assert.is(live.status, 200);
  await live.body?.cancel();
});

async function send(server: Target, request: HostileRequest) {
  const response = await fetch(`${server.baseURL}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });

  return { status: response.status, headers: response.headers, text: await response.text() };
}

test.run();
