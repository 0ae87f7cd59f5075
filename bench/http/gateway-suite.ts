/**
 * The generated gateway (`createUsersServer` with `createUsersGateway(client)`) against the
 * proxies a user would pick instead (@fastify/reply-from, a fastify handler with undici), in
 * front of the same origin: throughput, p99 and CPU per request with the origin up, then
 * the p99 with the origin down (the gateway's breaker open).
 */
import { compareServers, formatStatusCodes, loadServer, measureServer } from '../lib/load.js';
import type { CompareSettings, LoadFigures, LoadTarget } from '../lib/load.js';
import type { Section } from '../lib/report.js';
import { formatCount, formatRatio, formatUs } from '../lib/stats.js';
import { startOrigin } from './origin-process.js';
import { startServer } from './server-process.js';

/** How long each target is loaded, in seconds, and how many times with the origin up. */
export interface GatewaySettings extends CompareSettings {
  /** Load before the origin-down figures are taken: long enough for the breaker to open. */
  readonly downWarmupS: number;
  readonly downDurationS: number;
}

const KINDS = [
  { kind: 'gateway', label: 'generated gateway' },
  { kind: 'reply-from', label: '@fastify/reply-from proxy' },
  { kind: 'undici-proxy', label: 'fastify + undici handler' },
] as const;

interface GatewayFigures {
  readonly kind: string;
  readonly up: LoadFigures;
  readonly down: LoadFigures;
  /** The gateway's breaker state after the origin-down run, from `/resilience`. */
  readonly breakerState?: string;
}

// TODO: measure an origin that hangs (accepts connections, never answers) — it matters because
// a plain proxy then holds every request for its whole timeout while an open breaker answers
// at once; it needs the gateway's attempt timeout (10 s in the example config) made shorter,
// or the breaker takes longer to open than a bounded run lasts.
/** Runs the origin-up then the origin-down figures and builds the section. */
export async function runGatewaySuite(settings: GatewaySettings): Promise<Section> {
  const origin = await startOrigin();
  const servers: LoadTarget[] = [];
  const down: LoadFigures[] = [];
  let breakerState: string | undefined;
  let up: LoadFigures[];
  try {
    for (const { kind } of KINDS) {
      servers.push(await startServer(kind, origin.url));
    }
    process.stderr.write(`gateway: ${KINDS.map(({ kind }) => kind).join(', ')}, origin up\n`);
    up = await compareServers(servers, { ...settings, firstId: 1 });
    await origin.child.stop();
    for (const [index, server] of servers.entries()) {
      process.stderr.write(`gateway: ${KINDS[index]!.kind}, origin down\n`);
      await loadServer(server.url, { durationS: settings.downWarmupS, firstId: 1 });
      down.push(
        await measureServer(server.child, server.url, {
          durationS: settings.downDurationS,
          firstId: 1,
        }),
      );
      if (KINDS[index]!.kind === 'gateway') {
        breakerState = await readBreakerState(server.url);
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.child.stop()));
    await origin.child.stop();
  }
  const figures = KINDS.map(({ kind }, index) => ({
    kind,
    up: up[index]!,
    down: down[index]!,
    ...(kind === 'gateway' ? { breakerState } : {}),
  }));

  return buildSection(figures, settings);
}

/** The state of the gateway client's breaker of profile `default`, as `/resilience` says. */
async function readBreakerState(url: string): Promise<string> {
  const answer = await fetch(`${url}/resilience`);
  const body = (await answer.json()) as {
    profiles?: Record<string, { circuit_breaker: { state: string } | null }>;
  };

  return body.profiles?.['default']?.circuit_breaker?.state ?? 'unknown';
}

function buildSection(figures: readonly GatewayFigures[], settings: GatewaySettings): Section {
  const proxy = figures.find((figure) => figure.kind === 'reply-from');
  const ours = figures.find((figure) => figure.kind === 'gateway');
  const rows = figures.map((figure, index) => [
    KINDS[index]!.label,
    formatCount(figure.up.requestsPerSecond),
    `${figure.up.p99Ms} ms`,
    formatUs(figure.up.serverCpuUsPerRequest),
    formatRatio(figure.up.serverCpuUsPerRequest / (proxy?.up.serverCpuUsPerRequest ?? NaN)),
    formatCount(figure.down.requestsPerSecond),
    `${figure.down.p99Ms} ms`,
    formatStatusCodes(figure.down.statusCodes),
  ]);
  const notes = [
    `Origin up: each target warmed up ${settings.warmupS} s, then loaded ${settings.durationS} ` +
      `s at a time in turn, ${settings.rounds} times (the round with the median CPU is shown); ` +
      '10 connections, a new user id per request (so the gateway cache never answers).',
    `Origin down (process stopped: connections refused): ${settings.downWarmupS} s of load ` +
      `first, so the breaker opens, then ${settings.downDurationS} s measured. The gateway's ` +
      `breaker was \`${ours?.breakerState ?? 'unknown'}\` at the end.`,
    'The gateway runs the `default` profile around each call (retry, breaker, cache, ' +
      'fallback, timeouts); its replica is the same origin, so with the origin down it has no ' +
      'answer to fall back to.',
  ];

  return {
    title: 'Gateway against a plain proxy',
    headers: [
      'proxy',
      'req/s',
      'p99',
      'CPU / request',
      '× reply-from',
      'down: req/s',
      'down: p99',
      'down: answers',
    ],
    rows,
    goals:
      ours && proxy
        ? [
            {
              goal: 'origin down: gateway p99 (breaker open) no worse than the plain proxy',
              met: ours.down.p99Ms <= proxy.down.p99Ms,
              measured: `${ours.down.p99Ms} ms against ${proxy.down.p99Ms} ms`,
            },
          ]
        : [],
    notes,
    data: figures,
  };
}
