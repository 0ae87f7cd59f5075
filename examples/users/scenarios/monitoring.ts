/**
 * Scenario 4, the seed's "Monitoramento em Tempo Real": one reading of each monitoring
 * endpoint, explained, and the `watch` commands that keep them on screen.
 */
import type { ScenarioContext } from './context.js';

interface HealthBody {
  readonly status: string;
  readonly dependencies: Readonly<Record<string, { readonly state: string }>>;
}

interface ResilienceBody {
  readonly profiles: Readonly<
    Record<
      string,
      {
        readonly circuit_breaker: { readonly state: string; readonly current_failures: number };
        readonly retry: { readonly total_executions: number; readonly retry_executions: number };
      }
    >
  >;
}

/** Runs scenario 4; it changes nothing. */
export async function showMonitoring(context: ScenarioContext): Promise<void> {
  const { http, urls, say } = context;
  say('━━ 4. Monitoring: /health, /metrics, /resilience ━━');
  const health = await http.send('GET', `${urls.gateway}/health`);
  const healthBody = health.body as HealthBody;
  const states = Object.entries(healthBody.dependencies)
    .map(([name, dependency]) => `${name} ${dependency.state}`)
    .join(', ');
  say(`GET /health → ${health.status} ${healthBody.status} (${states})`);
  say(
    '  healthy: every breaker closed; degraded (200): some open or half-open; unhealthy (503):' +
      '\n  every breaker open, so no call can get through.',
  );
  const metrics = await http.read<{ resilience: unknown }>(`${urls.gateway}/metrics`);
  say(`GET /metrics → resilience: ${JSON.stringify(metrics.resilience)}`);
  const resilience = await http.read<ResilienceBody>(`${urls.gateway}/resilience`);
  for (const [name, profile] of Object.entries(resilience.profiles)) {
    const { circuit_breaker: breaker, retry } = profile;
    say(
      `GET /resilience → ${name}: breaker ${breaker.state} (${breaker.current_failures} ` +
        `failures), ${retry.total_executions} calls, ${retry.retry_executions} retried`,
    );
  }
  const prometheus = await http.send('GET', `${urls.gateway}/metrics?format=prometheus`);
  const retries = prometheus.text
    .split('\n')
    .filter((line) => line.startsWith('resilgen_retries_total'));
  say('GET /metrics?format=prometheus | grep resilgen_retries_total →');
  say(retries.map((line) => `  ${line}`).join('\n') || '  (no retries yet)');
  say(
    [
      'Keep them on screen, as the seed does:',
      `  watch -n 2 'curl -s ${urls.gateway}/health | jq .'`,
      `  watch -n 5 'curl -s ${urls.gateway}/metrics | jq .resilience'`,
      `  watch -n 3 'curl -s ${urls.gateway}/resilience | jq .'`,
      `  curl -s '${urls.gateway}/metrics?format=prometheus' | grep resilgen_retries_total`,
    ].join('\n'),
  );
}
