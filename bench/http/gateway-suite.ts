/**
 * The generated gateway (`createUsersServer` with `createUsersGateway(client)`) against the
 * proxies a user would pick instead (@fastify/reply-from, a fastify handler with undici), in
 * front of the same origin: CPU per request and p99 with the origin up; then with the origin
 * down and its replica up (the gateway's breaker open, its fallback reading the replica);
 * then with both down.
 */
import { compareServers, formatStatusCodes, loadServer, measureServer } from '../lib/load.js';
import type { CompareSettings, LoadFigures, LoadTarget } from '../lib/load.js';
import type { GoalCheck, Section } from '../lib/report.js';
import { formatCount, formatRatio, formatUs } from '../lib/stats.js';
import { startOrigin } from './origin-process.js';
import { startServer } from './server-process.js';

/** How long each target is loaded, in seconds, and how many times with the origin up. */
export interface GatewaySettings extends CompareSettings {
  /** The gateway's load before the origin-down figures: long enough for its breaker to open. */
  readonly downWarmupS: number;
  readonly downDurationS: number;
}

const KINDS = [
  { kind: 'gateway', label: 'generated gateway' },
  { kind: 'reply-from', label: '@fastify/reply-from proxy' },
  { kind: 'undici-proxy', label: 'fastify + undici handler' },
] as const;

type Scenario = 'origin up' | 'origin down, replica up' | 'origin and replica down';

interface ScenarioFigures {
  readonly scenario: Scenario;
  /** Per target, in the order of `KINDS`. */
  readonly figures: readonly LoadFigures[];
  /** The gateway's breaker of profile `default` afterwards, as `/resilience` says. */
  readonly breakerState: string;
}

// TODO: measure an origin that hangs (accepts connections, never answers) — it matters because
// a plain proxy then holds every request for its whole timeout while an open breaker answers
// at once; it needs the gateway's attempt timeout (10 s in the example config) made shorter,
// or the breaker takes longer to open than a bounded run lasts.
/** Runs the three scenarios and builds the section. */
export async function runGatewaySuite(settings: GatewaySettings): Promise<Section> {
  const origin = await startOrigin();
  const replica = await startOrigin();
  const servers: LoadTarget[] = [];
  const scenarios: ScenarioFigures[] = [];
  try {
    for (const { kind } of KINDS) {
      servers.push(await startServer(kind, { origin: origin.url, replica: replica.url }));
    }
    process.stderr.write('gateway: origin up\n');
    const up = await compareServers(servers, { ...settings, firstId: 1 });
    scenarios.push({
      scenario: 'origin up',
      figures: up.figures,
      breakerState: await readBreakerState(servers[0]!.url),
    });
    for (const [scenario, stopped] of [
      ['origin down, replica up', origin],
      ['origin and replica down', replica],
    ] as const) {
      process.stderr.write(`gateway: ${scenario}\n`);
      await stopped.child.stop();
      scenarios.push(await measureDown(scenario, servers, up.rate, settings));
    }

    return buildSection(scenarios, up.rate, settings);
  } finally {
    await Promise.all(servers.map((server) => server.child.stop()));
    await Promise.all([origin.child.stop(), replica.child.stop()]);
  }
}

/** Loads each target at `rate` after a warm-up that lets the gateway's breaker open. */
async function measureDown(
  scenario: Scenario,
  servers: readonly LoadTarget[],
  rate: number,
  settings: GatewaySettings,
): Promise<ScenarioFigures> {
  const figures: LoadFigures[] = [];
  let breakerState = 'unknown';
  for (const [index, server] of servers.entries()) {
    const isGateway = KINDS[index]!.kind === 'gateway';
    await loadServer(server.url, {
      durationS: isGateway ? settings.downWarmupS : 1,
      firstId: 1,
    });
    figures.push(
      await measureServer(server.child, server.url, {
        durationS: settings.downDurationS,
        firstId: 1,
        rate,
      }),
    );
    if (isGateway) {
      // Read at once: the breaker turns half-open 30 s after it opened.
      breakerState = await readBreakerState(server.url);
    }
  }

  return { scenario, figures, breakerState };
}

/** The state of the gateway client's breaker of profile `default`, as `/resilience` says. */
async function readBreakerState(url: string): Promise<string> {
  const answer = await fetch(`${url}/resilience`);
  const body = (await answer.json()) as {
    profiles?: Record<string, { circuit_breaker: { state: string } | null }>;
  };

  return body.profiles?.['default']?.circuit_breaker?.state ?? 'unknown';
}

function buildSection(
  scenarios: readonly ScenarioFigures[],
  rate: number,
  settings: GatewaySettings,
): Section {
  const rows = scenarios.flatMap(({ scenario, figures }) => {
    const proxy = figures[1];

    return figures.map((figure, index) => [
      KINDS[index]!.label,
      scenario,
      formatCount(figure.requestsPerSecond),
      `${figure.p99Ms} ms`,
      formatUs(figure.serverCpuUsPerRequest),
      formatRatio(figure.serverCpuUsPerRequest / (proxy?.serverCpuUsPerRequest ?? Number.NaN)),
      formatStatusCodes(figure.statusCodes),
    ]);
  });
  const goals: GoalCheck[] = scenarios
    .filter(({ scenario }) => scenario !== 'origin up')
    .map(({ scenario, figures, breakerState }) => ({
      goal: `${scenario}: gateway p99 (breaker ${breakerState}) no worse than reply-from's`,
      met: (figures[0]?.p99Ms ?? Infinity) <= (figures[1]?.p99Ms ?? 0),
      measured: `${figures[0]?.p99Ms} ms against ${figures[1]?.p99Ms} ms`,
    }));

  return {
    title: 'Gateway against a plain proxy',
    headers: ['proxy', 'upstream', 'req/s', 'p99', 'CPU / request', '× reply-from', 'answers'],
    rows,
    goals,
    notes: [
      `Every target was loaded at ${formatCount(rate)} req/s (60% of the slowest one's ` +
        `maximum in its ${settings.warmupS} s warm-up), 10 connections, a new user id per ` +
        'request, so the gateway cache never answers. Origin up: each target loaded ' +
        `${settings.durationS} s at a time in turn, ${settings.rounds} times, the round with ` +
        'the median CPU shown.',
      `Origin down (its process stopped: connections refused): the gateway was loaded ` +
        `${settings.downWarmupS} s at full speed first, so its breaker opened, then every ` +
        `target ${settings.downDurationS} s. The gateway's breaker: ` +
        scenarios.map(({ scenario, breakerState }) => `${breakerState} (${scenario})`).join(', ') +
        '.',
      'The gateway runs the `default` profile around each call: retry, breaker, cache, ' +
        'fallback (stale cache, then the replica), timeouts. The plain proxies know no replica.',
    ],
    data: { rate, scenarios },
  };
}
