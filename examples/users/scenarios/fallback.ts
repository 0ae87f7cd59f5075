/**
 * Scenario 3, the seed's "Teste de Fallback": reads while the origin is down (cache, then the
 * replica, then the declared default), and a write, which has no fallback.
 */
import { formatReply, waitForRecovery } from './context.js';
import type { ScenarioContext } from './context.js';
import { failEvery } from './http.js';

/** What each `X-Resilience-Fallback` value means, for the explanations. */
const SOURCES: Readonly<Record<string, string>> = {
  'stale-cache': 'a cached answer past its freshness, kept for exactly this',
  alternative: 'the read-only replica (the alternative service)',
  default: "the contract's declared default (@FallbackValue([]))",
};

/** Runs scenario 3 and leaves the origin and the replica healthy. */
export async function showFallback(context: ScenarioContext): Promise<void> {
  const { http, urls, say } = context;
  const get = async (path: string, withoutFallback: string): Promise<void> => {
    const reply = await http.send('GET', `${urls.gateway}${path}`);
    const source = reply.headers['x-resilience-fallback'];
    const why = source === undefined ? withoutFallback : (SOURCES[source] ?? source);
    say(`  GET ${path}  ${formatReply(reply)}\n      ← ${why}`);
  };
  say('━━ 3. Fallback: reads and a write while the origin is down ━━');
  const cached = context.takeFreshUser();
  const uncached = context.takeFreshUser();
  await get(`/api/users/${cached.id}`, 'the origin (now cached for 5 minutes)');
  await http.stage(urls.origin, [failEvery()]);
  say('Staged: the origin answers every request with 503.');
  await get(`/api/users/${cached.id}`, 'the fresh cache: the origin was not even asked');
  await get(`/api/users/${uncached.id}`, 'the origin answered after all');
  await get('/api/users', 'the fresh cache (a list read in the last 2 minutes)');
  await http.stage(urls.replica, [failEvery()]);
  say('Staged: the replica fails too.');
  await get('/api/users', 'the fresh cache (a list read in the last 2 minutes)');
  say(
    [
      'Why: a read first takes a fresh cached answer (5 minutes for a user, 2 for the list)',
      'without any call. After a failed call, it falls back: the stale cached answer, then the',
      'replica, then the default the contract declares; the header says which one served.',
      'GET /api/users/:id declares no default, so with nothing cached and the replica down',
      'it would fail: 503 upstream_unavailable, or 503 circuit_open once its breaker opens.',
    ].join('\n'),
  );
  say('');
  await showWriteWithoutFallback(context);
  await http.restore(urls.replica);
  await http.restore(urls.origin);
  say('Restored the origin and the replica.');
}

async function showWriteWithoutFallback(context: ScenarioContext): Promise<void> {
  const { http, urls, say } = context;
  const email = `scenario-write-${Date.now()}@example.com`;
  const post = async (): Promise<void> => {
    const reply = await http.send('POST', `${urls.gateway}/api/users`, { name: 'Wanda', email });
    say(`  POST /api/users  ${formatReply(reply)}`);
  };
  for (let call = 0; call < 3; call++) {
    await post();
  }
  say(
    [
      'Why: writes use the fastFail profile: one attempt, no fallback, no retry. The',
      "origin's 503 is passed on as 503 upstream_unavailable (another 5xx would be 502",
      'upstream_error); the 2nd failure opens the fastFail breaker (failureThreshold 2), so',
      'the 3rd write is a 503 circuit_open at once, with Retry-After: the caller knows when',
      'to come back.',
    ].join('\n'),
  );
  await http.restore(urls.origin);
  say('Restored the origin; the write again once the breaker lets a trial through:');
  await waitForRecovery(context, 'fastFail', 6_000);
  await post();
  const users = await http.read<{ email: string; id: number }[]>(`${urls.origin}/api/users`);
  const made = users.filter((user) => user.email === email);
  say(`  the origin holds ${made.length} user with ${email}: failed writes left nothing behind.`);
  for (const user of made) {
    await http.send('DELETE', `${urls.gateway}/api/users/${user.id}`);
  }
}
