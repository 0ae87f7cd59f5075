/**
 * Scenario 2, the seed's "Teste de Retry Policy": one read while the origin fails for a
 * moment, and the retry figures of `/metrics` before and after.
 */
import { formatReply, readBreaker } from './context.js';
import type { ScenarioContext } from './context.js';
import { failEvery } from './http.js';

/** `/metrics` → `resilience.retry`, the seed's retry figures. */
interface RetryFigures {
  readonly total_attempts: number;
  readonly successful_retries: number;
  readonly failed_retries: number;
  readonly success_rate: number | null;
}

/** How often to look whether the first attempt failed, in ms. */
const POLL_MS = 5;

/** Runs scenario 2 and leaves the origin healthy. */
export async function showRetry(context: ScenarioContext): Promise<void> {
  const { http, urls, say } = context;
  say('━━ 2. Retry: GET /api/users/:id while the origin fails for a moment ━━');
  const before = await readRetryFigures(context);
  say(`GET /metrics → resilience.retry before: ${JSON.stringify(before)}`);
  const user = context.takeFreshUser();
  const failuresBefore = (await readBreaker(context, 'default')).current_failures;
  await http.stage(urls.origin, [failEvery('GET /api/users/:id')]);
  say('Staged: the origin fails GET /api/users/:id with 503, until the first attempt has failed.');
  const call = http.send('GET', `${urls.gateway}/api/users/${user.id}`);
  let settled = false;
  call.then(
    () => (settled = true),
    () => (settled = true),
  );
  // The origin comes back while the gateway waits out its backoff before the next attempt.
  while (!settled && (await readBreaker(context, 'default')).current_failures <= failuresBefore) {
    await context.pause(POLL_MS);
  }
  await http.restore(urls.origin);
  const reply = await call;
  say(`  GET /api/users/${user.id}  ${formatReply(reply)}`);
  const after = await readRetryFigures(context);
  say(`GET /metrics → resilience.retry after:  ${JSON.stringify(after)}`);
  say(
    [
      `Attempts made: ${after.total_attempts - before.total_attempts}; calls that succeeded ` +
        `after a retry: ${after.successful_retries - before.successful_retries}.`,
      'Why: the first attempt got 503, a failure worth retrying (so are timeouts, network',
      'errors, 408 and 429; other 4xx never are). The gateway waited a jittered exponential',
      'backoff (up to 1 s, then up to 2 s) and tried again, by then the origin was back: the',
      'caller got 200, only later, and never saw the failure. A write (POST, PATCH) is retried',
      'only with an Idempotency-Key, so a retry cannot create a user twice.',
    ].join('\n'),
  );
}

async function readRetryFigures(context: ScenarioContext): Promise<RetryFigures> {
  const body = await context.http.read<{ resilience: { retry: RetryFigures } }>(
    `${context.urls.gateway}/metrics`,
  );

  return body.resilience.retry;
}
