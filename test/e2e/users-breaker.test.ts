import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DOWN, errorOf, withTestStack } from './users-stack.js';
import type { TestStack } from './users-stack.js';

interface BreakerView {
  readonly state: string;
  readonly current_failures: number;
  readonly next_attempt: string | null;
}

const readBreaker = async (stack: TestStack, name: string): Promise<BreakerView | undefined> =>
  (await stack.read<{ breakers: Record<string, BreakerView> }>('/resilience')).breakers[name];

/** The value of one Prometheus series in `/metrics?format=prometheus`, or undefined. */
async function readSeries(stack: TestStack, series: string): Promise<number | undefined> {
  const response = await fetch(`${stack.urls.gateway}/metrics?format=prometheus`);
  const line = (await response.text()).split('\n').find((text) => text.startsWith(`${series} `));

  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const makeUsers = (stack: TestStack, count: number): number[] =>
  Array.from({ length: count }, (_, n) => {
    const outcome = stack.store.create({ name: `User ${n}`, email: `user${n}@example.com` });
    assert.is(outcome.kind, 'written');

    return outcome.kind === 'written' ? outcome.user.id : -1;
  });

test('the default breaker opens after 5 failed attempts, then calls fail fast without reaching the origin', () =>
  withTestStack(async (stack) => {
    await stack.stage('origin', DOWN);

    const first = await stack.drive('GET', '/api/users/999');
    assert.is(first.status, 503, "the origin's 503 says the route is unavailable for now");
    assert.is(errorOf(first.body), 'upstream_unavailable');
    assert.is(stack.seen.origin, 3, 'maxAttempts 3: one attempt and two retries');
    assert.is((await readBreaker(stack, 'default@users'))?.state, 'closed');

    const second = await stack.drive('GET', '/api/users/999');
    assert.is(second.status, 503);
    assert.is(stack.seen.origin, 5, 'the 5th failure opens the breaker and stops the retries');
    const open = await readBreaker(stack, 'default@users');
    assert.is(open?.state, 'open');
    assert.is(open?.current_failures, 5);
    assert.is(open?.next_attempt, new Date(stack.clock.now() + 30_000).toISOString());

    for (let call = 0; call < 3; call++) {
      const rejected = await stack.send('GET', '/api/users/999');
      assert.is(rejected.status, 503);
      assert.is(errorOf(rejected.body), 'circuit_open');
      assert.is(rejected.headers['retry-after'], '30');
    }
    assert.is(stack.seen.origin, 5, 'an open breaker does no I/O');
    const health = await stack.read<{ dependencies: Record<string, { state: string }> }>('/health');
    assert.is(health.dependencies['default@users']?.state, 'open');
  }));

test('/metrics counts exactly the attempts and retries the failing calls made', () =>
  withTestStack(async (stack) => {
    await stack.stage('origin', DOWN);
    await stack.drive('GET', '/api/users/999');
    await stack.drive('GET', '/api/users/999');
    await stack.send('GET', '/api/users/999');

    const metrics = await stack.read<{ resilience: { retry: Record<string, unknown> } }>(
      '/metrics',
    );
    assert.equal(metrics.resilience.retry, {
      total_attempts: 5,
      successful_retries: 0,
      failed_retries: 2,
      success_rate: 0,
    });
    const labels = '{profile="default",route="GET /api/users/:id"}';
    assert.is(await readSeries(stack, `resilgen_retries_total${labels}`), 3);
    const refused = (reason: string) =>
      readSeries(
        stack,
        `resilgen_retries_refused_total{profile="default",route="GET /api/users/:id",reason="${reason}"}`,
      );
    assert.is(await refused('attempts-exhausted'), 1);
    assert.is(await refused('circuit-open'), 1);
    assert.is(
      await readSeries(
        stack,
        `resilgen_rejections_total{profile="default",route="GET /api/users/:id",kind="circuit-open"}`,
      ),
      1,
    );
  }));

test('after the recovery timeout the breaker is half-open, and 3 successful trials close it', () =>
  withTestStack(async (stack) => {
    const ids = makeUsers(stack, 3);
    await stack.stage('origin', DOWN);
    await stack.drive('GET', '/api/users/999');
    await stack.drive('GET', '/api/users/999');
    assert.is((await readBreaker(stack, 'default@users'))?.state, 'open');
    await stack.stage('origin', []);

    await stack.clock.advance(29_999);
    const seen = stack.seen.origin;
    const whileOpen = await stack.send('GET', `/api/users/${ids[0]}`);
    assert.is(whileOpen.status, 200, 'still open: the replica answers instead');
    assert.is(whileOpen.headers['x-resilience-fallback'], 'alternative');
    assert.is(stack.seen.origin, seen);
    await stack.clock.advance(2);
    assert.is((await readBreaker(stack, 'default@users'))?.state, 'half-open');

    // A 404 is the caller's problem: it neither closes nor re-opens the breaker.
    assert.is((await stack.send('GET', '/api/users/999')).status, 404);
    assert.is((await readBreaker(stack, 'default@users'))?.state, 'half-open');
    const states: (string | undefined)[] = [];
    for (const id of ids) {
      assert.is((await stack.send('GET', `/api/users/${id}`)).status, 200);
      states.push((await readBreaker(stack, 'default@users'))?.state);
    }
    assert.equal(states, ['half-open', 'half-open', 'closed']);
    assert.is((await readBreaker(stack, 'default@users'))?.current_failures, 0);
  }));

test('a failed trial opens the breaker again for another recovery timeout', () =>
  withTestStack(async (stack) => {
    await stack.stage('origin', DOWN);
    await stack.drive('GET', '/api/users/999');
    await stack.drive('GET', '/api/users/999');
    await stack.clock.advance(30_001);
    const before = stack.seen.origin;

    const trial = await stack.drive('GET', '/api/users/999');

    assert.is(trial.status, 503);
    assert.is(stack.seen.origin, before + 1, 'one trial, and no retry once it re-opened');
    const reopened = await readBreaker(stack, 'default@users');
    assert.is(reopened?.state, 'open');
    assert.is(reopened?.next_attempt, new Date(stack.clock.now() + 30_000).toISOString());
  }));

test.run();
