/**
 * Answers that break on the wire: a 2xx whose body is cut by a connection reset, and a body
 * far over the client's size limit. Both must be failures the policies handle (retried,
 * counted, served by a fallback), never a passthrough and never a process out of memory.
 */
import axios from 'axios';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createResilientHttp,
  FakeClock,
  isNetworkError,
  isResponseTooLargeError,
  isRetriesExhaustedError,
  isRuntimeError,
  ResilienceRegistry,
  RUNTIME_DEFAULTS,
} from '../../runtime/index.js';
import type { ResilienceEvent } from '../../runtime/index.js';
import { makePolicy } from '../runtime/policies.js';
import { startFaultUpstream } from '../support/fault-upstream.js';
import type { FaultScript, FaultUpstream } from '../support/fault-upstream.js';
import { watchSuiteHandles } from '../support/handles.js';

const MiB = 1024 * 1024;
watchSuiteHandles(test);

interface Rig {
  readonly upstream: FaultUpstream;
  readonly events: ResilienceEvent[];
  readonly registry: ResilienceRegistry;
}

async function withRig(script: FaultScript, body: (rig: Rig) => Promise<void>): Promise<void> {
  const upstream = await startFaultUpstream(script);
  const events: ResilienceEvent[] = [];
  const registry = new ResilienceRegistry({
    clock: new FakeClock(),
    listeners: [(event) => events.push(event)],
  });
  try {
    await body({ upstream, events, registry });
  } finally {
    await upstream.close();
  }
}

const listOutcomes = (events: ResilienceEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'attempt' || e.type === 'call' ? [e.outcome] : []));

test('a 200 whose body is cut by a reset is a network failure, retried and counted', () =>
  withRig(
    (_request, index) =>
      index < 2
        ? { kind: 'cut', text: '{"id": 1, "name": "An', declaredBytes: 200 }
        : { kind: 'answer', body: { id: 1 } },
    async ({ upstream, events, registry }) => {
      const http = createResilientHttp({ baseURL: upstream.baseURL, registry });
      const policy = makePolicy({ retry: { maxAttempts: 3, baseDelayMs: 0 } });
      const answer = await http.request<{ id: number }>(policy, { path: '/api/users/1' });

      assert.equal(answer.data, { id: 1 });
      assert.is(answer.attempts, 3);
      assert.is(upstream.requests.length, 3);
      assert.equal(listOutcomes(events), ['failure', 'failure', 'success', 'success']);
    },
  ));

test('a cut body on every attempt ends as a NetworkError, never an HttpError with status 200', () =>
  withRig(
    () => ({ kind: 'cut', text: '[{"id": 1}, {"id"', declaredBytes: 4096 }),
    async ({ upstream, registry }) => {
      const http = createResilientHttp({ baseURL: upstream.baseURL, registry });
      const policy = makePolicy({ retry: { maxAttempts: 2, baseDelayMs: 0 } });
      const error = await http.request(policy, { path: '/api/users' }).catch((e) => e);

      assert.ok(isRetriesExhaustedError(error));
      assert.ok(isNetworkError(error.lastError));
      assert.is(error.lastError.systemCode, 'ERR_BAD_RESPONSE');
      assert.is(registry.breaker('default')?.snapshot().currentFailures, 2);
    },
  ));

test('a body far over the default limit is refused once 10 MiB are read, and not retried', () =>
  withRig(
    () => ({ kind: 'flood', bytes: 64 * MiB }),
    async ({ upstream, registry }) => {
      const http = createResilientHttp({ baseURL: upstream.baseURL, registry });
      const policy = makePolicy({ retry: { maxAttempts: 3, baseDelayMs: 0 } });
      const error = await http.request(policy, { path: '/api/users' }).catch((e) => e);

      assert.is(RUNTIME_DEFAULTS.http.maxResponseBytes, 10 * MiB);
      assert.ok(isResponseTooLargeError(error), String(error));
      assert.is(error.limitBytes, 10 * MiB);
      assert.is(error.code, 'RT_RESPONSE_TOO_LARGE');
      assert.is(upstream.requests.length, 1, 'the same body would come again');
      assert.is(registry.breaker('default')?.snapshot().currentFailures, 1, 'but it counts');
      assert.ok(upstream.floodedBytes < 32 * MiB, `${upstream.floodedBytes} bytes were sent`);
    },
  ));

test('maxResponseBytes sets the limit, and an answer within it is read whole', () =>
  withRig(
    (request) => ({ kind: 'flood', bytes: request.url === '/small' ? 1000 : 5000 }),
    async ({ upstream, registry }) => {
      const http = createResilientHttp({
        baseURL: upstream.baseURL,
        registry,
        maxResponseBytes: 4096,
      });
      const policy = makePolicy({ retry: { maxAttempts: 1 } });
      const error = await http.request(policy, { path: '/large' }).catch((e) => e);

      assert.ok(isResponseTooLargeError(error));
      assert.is(error.limitBytes, 4096);
      assert.match(error.message, 'at most 4096 bytes');
      const small = await http.request(policy, { path: '/small' }).catch((e) => e);
      assert.ok(isRuntimeError(small), 'a run of x is not JSON, so it fails to decode');
      assert.is(small.code, 'RT_RESPONSE_INVALID');
    },
  ));

test("the limit of the caller's own axios instance is kept when no option is given", () =>
  withRig(
    () => ({ kind: 'flood', bytes: 10_000 }),
    async ({ upstream, registry }) => {
      const instance = axios.create({ maxContentLength: 2048 });
      const http = createResilientHttp({ baseURL: upstream.baseURL, registry, axios: instance });
      const policy = makePolicy({ retry: { maxAttempts: 1 } });
      const error = await http.request(policy, { path: '/api/users' }).catch((e) => e);

      assert.ok(isResponseTooLargeError(error));
      assert.is(error.limitBytes, 2048);
    },
  ));

for (const limit of [0, -1, 1.5, Number.NaN]) {
  test(`maxResponseBytes ${limit} is refused with RT_INVALID_ARGUMENT`, () => {
    const registry = new ResilienceRegistry();
    const create = () =>
      createResilientHttp({ baseURL: 'http://127.0.0.1:1', registry, maxResponseBytes: limit });

    assert.throws(create, (error: unknown) => {
      return isRuntimeError(error) && error.code === 'RT_INVALID_ARGUMENT';
    });
  });
}

test.run();
