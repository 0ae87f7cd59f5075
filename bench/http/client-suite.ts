/**
 * The generated client per request against a local origin in another process: client CPU
 * and latency of bare undici, bare axios, axios with axios-retry, and the generated
 * `UsersClient` (every variant on the same keep-alive agent settings).
 */
import { runChildForResult } from '../lib/child.js';
import type { Section } from '../lib/report.js';
import { formatRatio, formatUs } from '../lib/stats.js';
import { CLIENT_LABELS, CLIENT_VARIANTS } from './client-variants.js';
import type { ClientFigures, ClientVariant } from './client-variants.js';
import { startOrigin } from './origin-process.js';

/** How much work each client gets. */
export interface ClientSettings {
  readonly warmup: number;
  readonly requests: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** How many times each client runs, the clients taking turns; the median run is kept. */
  readonly rounds: number;
}

const CASE = new URL('./client-case.ts', import.meta.url);

/**
 * Runs every client against one origin and builds the section. The clients take turns, round
 * after round, so a change of machine load during the run hits them alike.
 */
export async function runClientSuite(settings: ClientSettings): Promise<Section> {
  const origin = await startOrigin();
  const runs = new Map<ClientVariant, ClientFigures[]>();
  try {
    for (let round = 1; round <= settings.rounds; round++) {
      for (const variant of CLIENT_VARIANTS) {
        process.stderr.write(`client: ${variant}, round ${round}\n`);
        const figures = await runChildForResult<ClientFigures>(CASE, [
          `--variant=${variant}`,
          `--origin=${origin.url}`,
          `--warmup=${settings.warmup}`,
          `--requests=${settings.requests}`,
          `--concurrency=${settings.concurrency}`,
        ]);
        runs.set(variant, [...(runs.get(variant) ?? []), figures]);
      }
    }
  } finally {
    await origin.child.stop();
  }

  return buildSection([...runs.values()].map(pickMedianRun), settings);
}

/** The run with the median CPU time per request (the lower one of an even count). */
function pickMedianRun(runs: readonly ClientFigures[]): ClientFigures {
  const sorted = [...runs].sort((a, b) => a.cpuUsPerRequest - b.cpuUsPerRequest);

  return sorted[Math.floor((sorted.length - 1) / 2)] as ClientFigures;
}

function buildSection(figures: readonly ClientFigures[], settings: ClientSettings): Section {
  const reference = figures.find((figure) => figure.variant === 'axios-retry');
  const ours = figures.find((figure) => figure.variant === 'resilgen');
  const ratio = (figure: ClientFigures): number =>
    reference ? figure.cpuUsPerRequest / reference.cpuUsPerRequest : Number.NaN;
  const rows = figures.map((figure) => [
    CLIENT_LABELS[figure.variant],
    formatUs(figure.cpuUsPerRequest),
    formatRatio(ratio(figure)),
    formatUs(figure.p50Us),
    formatUs(figure.p99Us),
  ]);
  const goals =
    ours && reference
      ? [
          {
            goal: 'client CPU within 10% of axios + axios-retry',
            met: ratio(ours) <= 1.1,
            measured: formatRatio(ratio(ours)),
          },
        ]
      : [];

  return {
    title: 'Generated client, per request',
    headers: ['client', 'client CPU / request', '× axios-retry', 'p50', 'p99'],
    rows,
    goals,
    notes: [
      `${settings.requests} requests per client after ${settings.warmup} to warm up, ` +
        `${settings.concurrency} in flight, keep-alive, against a node:http origin in ` +
        'another process; each client runs in a process of its own, the clients in turn, ' +
        `${settings.rounds === 1 ? 'once' : `${settings.rounds} times`}; the run with the ` +
        'median CPU is shown.',
      'The generated client also validates each answer against the response schema, keeps ' +
        'it in its cache, and starts its attempt and total timeouts: work the bare clients ' +
        'do not do.',
    ],
    data: figures,
  };
}
