/**
 * Runs every cell of the fault matrix (`matrix.ts`) through the generated gateway and client
 * and compares what happened with what the cell says: attempts, waits, what the client threw,
 * what the caller got, the breaker, the `/metrics` counters, and how the breaker opens.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GET_USER_POLICY } from '../../generated/users/index.js';
import type { MetricsRegistry } from '../../runtime/index.js';
import { watchSuiteHandles } from '../support/handles.js';
import { describeClientError, startGatewayRig } from './gateway-rig.js';
import type { GatewayRig } from './gateway-rig.js';
import type { Answer as GatewayAnswer } from '../e2e/users-stack.js';
import { FAULTS, PROFILE_CALLS, PROFILES } from './faults.js';
import type { Fault, ProfileName } from './faults.js';
import { MATRIX } from './matrix.js';
import type { CallerAnswer, Cell, MetricChanges } from './matrix.js';

/** No cell opens its breaker later than this call. */
const MAX_CALLS = 8;

watchSuiteHandles(test);

for (const fault of FAULTS) {
  for (const profile of PROFILES) {
    const cell = MATRIX[fault.name]?.[profile];
    test(`${fault.name}, ${profile}: as the matrix says`, async () => {
      assert.ok(cell, `the matrix has no cell for ${fault.name} × ${profile}`);
      const rig = await startGatewayRig();
      try {
        await checkCell(rig, fault, profile, cell);
      } finally {
        await rig.close();
      }
    });
  }
}

test('the matrix has a cell for every fault and profile, and no other', () => {
  assert.equal(
    Object.keys(MATRIX),
    FAULTS.map((fault) => fault.name),
  );
  for (const cells of Object.values(MATRIX)) {
    assert.equal(Object.keys(cells), [...PROFILES]);
  }
});

async function checkCell(rig: GatewayRig, fault: Fault, profile: ProfileName, cell: Cell) {
  const call = PROFILE_CALLS[profile];
  if (call.primed) {
    assert.is((await rig.send(call)).status, 200, 'the priming call');
    await rig.clock.advance(GET_USER_POLICY.cache.ttlMs + 1);
  }
  await rig.stage(fault);
  const before = readCounters(rig, profile);
  const eventsBefore = rig.events.length;
  const requestsBefore = rig.upstream.requests.length;
  const answer = await rig.send(call);
  const events = rig.events.slice(eventsBefore);

  const attempts = events.filter((event) => event.type === 'attempt').length;
  assert.is(attempts, cell.attempts, 'attempts');
  const reached = fault.refuses ? 0 : cell.attempts;
  assert.is(rig.upstream.requests.length - requestsBefore, reached, 'requests at the upstream');
  const delays = events.flatMap((event) => (event.type === 'retry' ? [event.delayMs] : []));
  assert.equal(delays, cell.delaysMs, 'waits between attempts');
  assert.equal(rig.clientErrors.map(describeClientError), listDefined(cell.clientError));
  assert.equal(readCaller(answer), cell.caller, 'what the caller got');
  const breaker = rig.client.registry.breaker(`${profile}@users`)?.snapshot();
  assert.equal(
    { state: breaker?.state, failures: breaker?.currentFailures },
    cell.breaker,
    'the breaker after the call',
  );
  assert.equal(diffCounters(before, readCounters(rig, profile)), cell.metrics, 'metrics');
  if (cell.untilOpen) {
    await checkUntilOpen(rig, profile, cell.untilOpen);
  }
}

/** Repeats the call until the breaker is open, then checks a call while it is open. */
async function checkUntilOpen(
  rig: GatewayRig,
  profile: ProfileName,
  want: NonNullable<Cell['untilOpen']>,
): Promise<void> {
  const call = PROFILE_CALLS[profile];
  const isOpen = () => rig.client.registry.breaker(`${profile}@users`)?.state === 'open';
  let calls = 1;
  while (!isOpen() && calls < MAX_CALLS) {
    await rig.send(call);
    calls++;
  }
  assert.is(isOpen() ? calls : null, want.calls, 'the call after which the breaker is open');
  const requests = rig.upstream.requests.length;
  const answer = await rig.send(call);
  assert.equal(readCaller(answer), want.whileOpen, 'what a call gets while the breaker is open');
  assert.is(rig.upstream.requests.length, requests, 'no request reaches the upstream');
}

function readCaller(answer: GatewayAnswer): CallerAnswer {
  const error = (answer.body as { error?: unknown } | undefined)?.error;
  const fallback = answer.headers['x-resilience-fallback'];
  const retryAfter = answer.headers['retry-after'];

  return {
    status: answer.status,
    ...(answer.status >= 400 && typeof error === 'string' ? { error } : {}),
    ...(fallback === undefined ? {} : { fallback: fallback as CallerAnswer['fallback'] }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
}

function listDefined(value: string | undefined): string[] {
  return value === undefined ? [] : [value];
}

function readCounters(rig: GatewayRig, profile: ProfileName): Map<string, number> {
  return flattenCounters(rig.metrics.readTotals(profile));
}

/** `{ attempts: { failure: 3 } }` as `attempts.failure → 3`. */
function flattenCounters(counters: ReturnType<MetricsRegistry['readTotals']>): Map<string, number> {
  const flat = new Map<string, number>();
  for (const [name, value] of Object.entries(counters)) {
    if (typeof value === 'number') {
      flat.set(name, value);
      continue;
    }
    for (const [key, count] of Object.entries(value as Record<string, number>)) {
      flat.set(`${name}.${key}`, count);
    }
  }

  return flat;
}

function diffCounters(before: Map<string, number>, after: Map<string, number>): MetricChanges {
  const changes: Record<string, number> = {};
  for (const [name, count] of after) {
    const change = count - (before.get(name) ?? 0);
    if (change !== 0) {
      changes[name] = change;
    }
  }

  return changes;
}

test.run();
