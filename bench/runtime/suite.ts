/**
 * The runtime's success-path overhead: the full pipeline around an async no-op against a
 * bare call, a hand-written wrapper, cockatiel and opossum. Each case runs in a child of its
 * own, next to a bare call measured in the same rounds.
 */
import { runChildForResult } from '../lib/child.js';
import type { Section } from '../lib/report.js';
import { formatBytes, formatCount, formatNs, formatRatio, roundSignificant } from '../lib/stats.js';
import { CASE_LABELS, RUNTIME_CASES } from './case-names.js';
import type { RuntimeFigures } from './measure.js';

/** How much work each case gets. */
export interface RuntimeSettings {
  /** How long one timed round lasts, in ms (its number of calls is set to fit). */
  readonly roundMs: number;
  readonly rounds: number;
  /** Calls before the retained heap is read, unless they would last over `retainMaxMs`. */
  readonly retain: number;
  readonly retainMaxMs: number;
}

const MEASURE = new URL('./measure.ts', import.meta.url);

/** Runs every runtime case and builds the section. */
export async function runRuntimeSuite(settings: RuntimeSettings): Promise<Section> {
  const figures: RuntimeFigures[] = [];
  for (const name of RUNTIME_CASES) {
    process.stderr.write(`runtime: ${name}\n`);
    figures.push(
      await runChildForResult<RuntimeFigures>(
        MEASURE,
        [
          `--case=${name}`,
          `--round-ms=${settings.roundMs}`,
          `--rounds=${settings.rounds}`,
          `--retain=${settings.retain}`,
          `--retain-max-ms=${settings.retainMaxMs}`,
        ],
        ['--expose-gc'],
      ),
    );
  }

  return buildSection(figures);
}

const ratioOf = (figure: RuntimeFigures): number => figure.nsPerCall / figure.bareNsPerCall;

/** The extra nanoseconds a layer adds to a call, its own bare call subtracted. */
const overheadOf = (figure: RuntimeFigures): number => figure.nsPerCall - figure.bareNsPerCall;

function buildSection(figures: readonly RuntimeFigures[]): Section {
  const byName = new Map(figures.map((figure) => [figure.name, figure]));
  const ours = byName.get('resilgen');
  const cockatiel = byName.get('cockatiel');
  const rows = figures.map((figure) => [
    CASE_LABELS[figure.name],
    formatNs(figure.nsPerCall),
    formatRatio(ratioOf(figure)),
    formatBytes(figure.bytesPerCall),
    formatBytes(figure.bytesPerCall - figure.bareBytesPerCall),
    `${formatBytes(figure.retainedBytes)} (${formatCount(figure.retainedCalls)} calls)`,
    String(roundSignificant(figure.timersPerCall, 2)),
  ]);
  const goals = [];
  if (ours) {
    goals.push(
      {
        goal: 'within 5× a bare call',
        met: ratioOf(ours) <= 5,
        measured: formatRatio(ratioOf(ours)),
      },
      {
        goal: 'at most 1.2 KB allocated per call',
        met: ours.bytesPerCall <= 1.2 * 1024,
        measured: formatBytes(ours.bytesPerCall),
      },
      {
        goal: 'no timer per call',
        met: ours.timersPerCall === 0,
        measured: `${ours.timersPerCall}`,
      },
      {
        goal: 'options resolved once',
        met: ours.problem === undefined,
        measured: ours.problem ?? 'one resolved route per policy object',
      },
    );
  }
  if (ours && cockatiel) {
    const speedup = overheadOf(cockatiel) / overheadOf(ours);
    goals.push({
      goal: 'about four times cheaper than cockatiel (overhead over a bare call)',
      met: speedup >= 3.5,
      measured: `${formatRatio(speedup)} cheaper in time, ${formatRatio(
        cockatiel.bytesPerCall / ours.bytesPerCall,
      )} in bytes`,
    });
  }

  return {
    title: 'Runtime overhead on the success path',
    headers: [
      'layer',
      'time / call',
      '× bare',
      'allocated / call',
      'over bare',
      'heap retained after',
      'timers / call',
    ],
    rows,
    goals,
    notes: [
      'Each layer runs in its own process, alternating rounds with a bare call, so "× bare" ' +
        'compares figures taken under the same load; times are medians of the rounds.',
      'Allocation is the heap growth between GCs summed over the run (V8 GC profiler); ' +
        '"over bare" subtracts what the awaited bare call itself allocates. "Heap retained" ' +
        'is the used heap after the calls and a full GC, less the used heap before them.',
    ],
    data: figures,
  };
}
