/**
 * Load from autocannon, run in the bench runner's process (never in the server's), and the
 * server's CPU time per request read from the server child around the run.
 */
import autocannon from 'autocannon';
import type { BenchChild } from './child.js';

/** What one load run measured. */
export interface LoadFigures {
  /** Answers received. */
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** Latency percentiles, in ms, as autocannon records them. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  /** Answers per status code. */
  readonly statusCodes: Readonly<Record<string, number>>;
  /** The server's CPU time (user + system) per answer, in µs; NaN when not read. */
  readonly serverCpuUsPerRequest: number;
}

/** How to load a server. */
export interface LoadOptions {
  readonly durationS: number;
  /** Connections kept open (and requests in flight). Default 10. */
  readonly connections?: number;
  /** `GET /api/users/:id` with a new id per request from this one on. */
  readonly firstId: number;
  /** Requests per second, all connections together; default: as fast as the server answers. */
  readonly rate?: number;
}

let nextOffset = 0;

/** Loads `url` with `GET /api/users/:id`, a new id each time, for `durationS` seconds. */
export async function loadServer(url: string, options: LoadOptions): Promise<LoadFigures> {
  let next = options.firstId + nextOffset;
  nextOffset += 10_000_000;
  const result = await autocannon({
    url,
    connections: options.connections ?? 10,
    duration: options.durationS,
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
    timeout: 20,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: `/api/users/${next++}` }),
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats)) {
    statusCodes[code] = stats.count;
  }

  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
    serverCpuUsPerRequest: Number.NaN,
  };
}

/** Loads `server` at `url` and reads its CPU time around the run. */
export async function measureServer(
  server: BenchChild,
  url: string,
  options: LoadOptions,
): Promise<LoadFigures> {
  const cpuBefore = await server.readCpuUs();
  const figures = await loadServer(url, options);
  const cpuUs = (await server.readCpuUs()) - cpuBefore;

  return { ...figures, serverCpuUsPerRequest: cpuUs / Math.max(1, figures.requests) };
}

/** How long servers are loaded when compared, in seconds, and how many times. */
export interface CompareSettings {
  readonly warmupS: number;
  readonly durationS: number;
  readonly rounds: number;
}

/** A server under test: its child process (for CPU time) and its base URL. */
export interface LoadTarget {
  readonly child: BenchChild;
  readonly url: string;
}

/** What {@link compareServers} measured. */
export interface Comparison {
  /** Each target's answers per second in its warm-up, as fast as it could go. */
  readonly maxRequestsPerSecond: readonly number[];
  /** The rate every target was then loaded at. */
  readonly rate: number;
  /** Each target's round with the median CPU time per request, at `rate`. */
  readonly figures: readonly LoadFigures[];
}

/**
 * Warms every target up as fast as it answers, then loads them in turn at one rate, 60% of
 * the slowest one's, `rounds` times over. One rate for all, because the CPU time of a request
 * depends on the load: at full speed the kernel's cost of waking the other side of each
 * socket shifts with the throughput. Taking turns makes a change of machine load hit each
 * target alike.
 */
export async function compareServers(
  targets: readonly LoadTarget[],
  options: LoadOptions & CompareSettings,
): Promise<Comparison> {
  const maxRequestsPerSecond: number[] = [];
  for (const target of targets) {
    const warm = await loadServer(target.url, { ...options, durationS: options.warmupS });
    maxRequestsPerSecond.push(warm.requestsPerSecond);
  }
  const rate = Math.max(50, Math.round(0.6 * Math.min(...maxRequestsPerSecond)));
  const rounds: LoadFigures[][] = targets.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (const [index, target] of targets.entries()) {
      rounds[index]!.push(await measureServer(target.child, target.url, { ...options, rate }));
    }
  }

  return { maxRequestsPerSecond, rate, figures: rounds.map((figures) => pickMedianRound(figures)) };
}

/** The round with the median CPU time per request (the lower one of an even count). */
function pickMedianRound(figures: readonly LoadFigures[]): LoadFigures {
  const sorted = [...figures].sort((a, b) => a.serverCpuUsPerRequest - b.serverCpuUsPerRequest);

  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Status counts as `200: 1234, 503: 5`. */
export function formatStatusCodes(codes: Readonly<Record<string, number>>): string {
  return Object.entries(codes)
    .map(([code, count]) => `${code}: ${count}`)
    .join(', ');
}
