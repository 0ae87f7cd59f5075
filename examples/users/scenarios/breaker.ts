/**
 * Scenario 1, the seed's "Teste de Circuit Breaker": ten reads of user 999 while the origin
 * fails, then `/resilience`, then the recovery through half-open trial calls.
 */
import { formatReply, readBreaker, waitForRecovery } from './context.js';
import type { ScenarioContext } from './context.js';
import { failEvery } from './http.js';

/** The seed's loop: `for i in {1..10}; do curl .../api/users/999; done`. */
const CALLS = 10;

/** The default profile's `halfOpenMaxCalls`: the trial calls that close its breaker. */
const TRIAL_CALLS = 3;

/** Runs scenario 1 and leaves the origin healthy and the default breaker closed. */
export async function showCircuitBreaker(context: ScenarioContext): Promise<void> {
  const { http, urls, say } = context;
  say('━━ 1. Circuit breaker: GET /api/users/999 while the origin fails ━━');
  await http.stage(urls.origin, [failEvery()]);
  say(`Staged: the origin answers every request with 503 (PUT ${urls.origin}/chaos).`);
  for (let call = 1; call <= CALLS; call++) {
    const reply = await http.send('GET', `${urls.gateway}/api/users/999`);
    say(`  #${String(call).padStart(2)}  ${formatReply(reply)}`);
    await context.pause(200);
  }
  const open = await readBreaker(context, 'default');
  say(
    `GET /resilience → breaker default@users: ${open.state}, ` +
      `${open.current_failures} failures, next trial at ${open.next_attempt ?? '-'}`,
  );
  say(
    [
      'Why: each call may make 3 attempts (profile default, maxAttempts 3), with an',
      'exponential, jittered backoff between them. The 5th failed attempt in a row opens the',
      'breaker (failureThreshold 5), which also stops the retries of the call in progress.',
      "Those two calls end with the origin's own verdict, 503 upstream_unavailable (another",
      '5xx would be 502 upstream_error). From then on every call is turned away at once,',
      '503 circuit_open with Retry-After, without reaching the origin: compare the times.',
    ].join('\n'),
  );
  await http.restore(urls.origin);
  say('');
  say('Restored the origin. An open breaker still waits out its recovery timeout (30 s):');
  await waitForRecovery(context, 'default', 31_000);
  for (let trial = 1; trial <= TRIAL_CALLS; trial++) {
    const user = context.takeFreshUser();
    const reply = await http.send('GET', `${urls.gateway}/api/users/${user.id}`);
    const breaker = await readBreaker(context, 'default');
    say(`  trial ${trial}: GET /api/users/${user.id}  ${formatReply(reply)}  → ${breaker.state}`);
  }
  say(
    [
      'Why: after the recovery timeout the breaker is half-open and lets at most',
      `halfOpenMaxCalls (${TRIAL_CALLS}) trial calls through; ${TRIAL_CALLS} successes close it,`,
      'one failure would open it again. (A 404 would count neither way: it is not the',
      "origin's failure, which is why the trials read users that exist.)",
    ].join('\n'),
  );
}
