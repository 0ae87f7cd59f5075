/**
 * The generated server: CPU per request of `GET /api/users/:id` served by `createUsersServer`
 * with in-memory handlers and monitoring on, against bare fastify with the same schemas.
 */
import { compareServers } from '../lib/load.js';
import type { CompareSettings, LoadFigures } from '../lib/load.js';
import type { Section } from '../lib/report.js';
import { formatCount, formatRatio, formatUs } from '../lib/stats.js';
import { runWithServers } from './server-process.js';

/** How long each server is loaded, in seconds, and how many times. */
export type ServerSettings = CompareSettings;

const KINDS = [
  { kind: 'fastify', label: 'bare fastify, params + response schema' },
  { kind: 'generated', label: 'generated `createUsersServer`, monitoring on' },
] as const;

/** Loads each server in turn (never two at once), round after round, and builds the section. */
export async function runServerSuite(settings: ServerSettings): Promise<Section> {
  process.stderr.write(`server: ${KINDS.map(({ kind }) => kind).join(', ')}\n`);
  const comparison = await runWithServers(
    KINDS.map(({ kind }) => kind),
    (servers) => compareServers(servers, { ...settings, firstId: 1 }),
  );
  const { figures } = comparison;
  const [bare, ours] = figures;
  const ratio = (figure: LoadFigures): number =>
    figure.serverCpuUsPerRequest / (bare?.serverCpuUsPerRequest ?? Number.NaN);
  const rows = figures.map((figure, index) => [
    KINDS[index]!.label,
    formatUs(figure.serverCpuUsPerRequest),
    formatRatio(ratio(figure)),
    formatCount(comparison.maxRequestsPerSecond[index] ?? Number.NaN),
    `${figure.p99Ms} ms`,
    formatCount(figure.non2xx + figure.errors),
  ]);

  return {
    title: 'Generated server, `GET /api/users/:id`',
    headers: [
      'server',
      'server CPU / request',
      '× bare',
      'max req/s',
      'p99 at the common rate',
      'non-2xx + errors',
    ],
    rows,
    goals: ours
      ? [
          {
            goal: 'server CPU within 20% of bare fastify with a response schema',
            met: ratio(ours) <= 1.2,
            measured: formatRatio(ratio(ours)),
          },
        ]
      : [],
    notes: [
      `autocannon in the runner's process, 10 connections; each server in its own process. ` +
        `"Max req/s": its ${settings.warmupS} s warm-up as fast as it answered. Then each was ` +
        `loaded at ${formatCount(comparison.rate)} req/s (60% of the slower one's maximum) ` +
        `for ${settings.durationS} s at a time, in turn, ${settings.rounds} times; the round ` +
        'with the median CPU is shown.',
    ],
    data: comparison,
  };
}
