/**
 * Answers that break on the wire: a 2xx whose body is cut by a connection reset must be a
 * failure the policies handle (retried, counted, served by a fallback), never a passthrough.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createResilientHttp,
  FakeClock,
  isNetworkError,
  isRetriesExhaustedError,
  ResilienceRegistry,
} from '../../runtime/index.js';
import type { ResilienceEvent } from '../../runtime/index.js';
import { makePolicy } from '../runtime/policies.js';
import { startFaultUpstream } from '../support/fault-upstream.js';
import type { FaultScript, FaultUpstream } from '../support/fault-upstream.js';
import { watchHandles } from '../support/handles.js';

const handles = watchHandles();

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

const outcomes = (events: ResilienceEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'attempt' || e.type === 'call' ? [e.outcome] : []));

test.before(handles.before);
test.after(handles.after);

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
      assert.equal(outcomes(events), ['failure', 'failure', 'success', 'success']);
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

test.run();
