/**
 * Codegen: cold `resilgen generate` (the compiled CLI, as `npx resilgen` runs it) for the
 * users example and a synthetic contract, against orval generating an axios client from the
 * equivalent OpenAPI document; then each tool run again on unchanged inputs, counting the
 * files it rewrote.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countChangedFiles, snapshotFiles, timeNodeCommand } from '../lib/command.js';
import type { CommandRun } from '../lib/command.js';
import type { Section } from '../lib/report.js';
import { computeMedian, formatCount, formatMs, formatRatio } from '../lib/stats.js';
import { writeSyntheticApi, writeUsersOpenApi } from './synthetic-api.js';

/** The size of the synthetic contract, and how many cold runs each figure is the median of. */
export interface CodegenSettings {
  readonly routes: number;
  readonly runs: number;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESILGEN_CLI = path.join(ROOT, 'dist/generator/cli.js');
const ORVAL_CLI = path.join(ROOT, 'node_modules/orval/dist/bin/orval.js');
const EXAMPLE_CONFIG = 'examples/users/config.json';

/** One tool on one input. */
interface Job {
  readonly tool: 'resilgen' | 'orval';
  readonly input: string;
  /** The command's arguments for an output folder. */
  readonly args: (outDir: string) => string[];
  /**
   * resilgen only: whether its V8 code cache (`generator/compile-cache.ts`) is empty at each
   * cold run, as on a machine's first run, or warm from an earlier one.
   */
  readonly compileCache?: 'empty' | 'warm';
}

/** What a job measured. */
interface JobFigures {
  readonly tool: string;
  readonly input: string;
  /** The row's name: tool, input and, for resilgen, the state of its code cache. */
  readonly label: string;
  readonly coldMs: number;
  readonly filesWritten: number;
  readonly rerunMs: number;
  readonly filesRewritten: number;
  /** resilgen's own phase timings of the last cold run (`--verbose`). */
  readonly phases: string;
}

function resilgenJob(input: string, contract: string, compileCache: 'empty' | 'warm'): Job {
  return {
    tool: 'resilgen',
    input,
    compileCache,
    args: (outDir) => [
      RESILGEN_CLI,
      'generate',
      '--verbose',
      `--config=${EXAMPLE_CONFIG}`,
      `--contract=${contract}`,
      `--out=${outDir}`,
    ],
  };
}

function orvalJob(input: string, openApi: string): Job {
  return {
    tool: 'orval',
    input,
    args: (outDir) => [
      ORVAL_CLI,
      `--input=${openApi}`,
      `--output=${path.join(outDir, 'client.ts')}`,
      '--client=axios',
    ],
  };
}

/** Phase timings from resilgen's `--verbose` stderr, as `config 80 ms, contract 190 ms`. */
function readPhases(run: CommandRun): string {
  return [...run.stderr.matchAll(/timing: (\S+) (\d+) ms/g)]
    .map((match) => `${match[1]} ${match[2]} ms`)
    .join(', ');
}

/** A job's label, and the environment of each of its runs (its code cache folder). */
function prepareJob(job: Job, scratch: string) {
  const label = [job.tool, job.input, job.compileCache && `code cache ${job.compileCache}`]
    .filter(Boolean)
    .join(', ');
  const name = label.replace(/\W+/g, '-');
  // An empty cache is a new folder for each run; a warm one is shared, and filled first.
  const envFor = (run: number): Record<string, string> =>
    job.compileCache === undefined
      ? {}
      : {
          V8_COMPILE_CACHE_CACHE_DIR: path.join(
            scratch,
            `cache-${name}-${job.compileCache === 'warm' ? 'shared' : run}`,
          ),
        };
  const outDirFor = (run: number | 'filling'): string => path.join(scratch, `${name}-${run}`);

  return { label, envFor, outDirFor };
}

/**
 * Times every job `runs` times, one run of each job a round, so that the machine's drift
 * (another process, a CPU's clock) weighs on every tool alike; then reruns each job's last
 * output unchanged, counting the files rewritten.
 */
async function runJobs(jobs: readonly Job[], scratch: string, runs: number): Promise<JobFigures[]> {
  const prepared = jobs.map((job) => ({ job, ...prepareJob(job, scratch) }));
  for (const { job, envFor, outDirFor } of prepared) {
    if (job.compileCache === 'warm')
      await timeNodeCommand(job.args(outDirFor('filling')), ROOT, envFor(0));
  }
  const times = prepared.map((): number[] => []);
  const last: (CommandRun | undefined)[] = prepared.map(() => undefined);
  for (let run = 0; run < runs; run++) {
    process.stderr.write(`codegen: round ${run + 1} of ${runs}\n`);
    for (const [index, { job, envFor, outDirFor }] of prepared.entries()) {
      last[index] = await timeNodeCommand(job.args(outDirFor(run)), ROOT, envFor(run));
      times[index]!.push(last[index]!.ms);
    }
  }
  const figures: JobFigures[] = [];
  for (const [index, { job, label, envFor, outDirFor }] of prepared.entries()) {
    const outDir = outDirFor(runs - 1);
    const written = await snapshotFiles(outDir);
    const rerun = await timeNodeCommand(job.args(outDir), ROOT, envFor(runs));
    figures.push({
      tool: job.tool,
      input: job.input,
      label,
      coldMs: computeMedian(times[index]!),
      filesWritten: written.size,
      rerunMs: rerun.ms,
      filesRewritten: countChangedFiles(written, await snapshotFiles(outDir)),
      phases: last[index] ? readPhases(last[index]!) : '',
    });
  }

  return figures;
}

/** Runs resilgen and orval on both inputs and builds the section. */
export async function runCodegenSuite(settings: CodegenSettings): Promise<Section> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'resilgen-bench-'));
  const figures: JobFigures[] = [];
  try {
    const usersOpenApi = path.join(scratch, 'users.openapi.json');
    await writeUsersOpenApi(usersOpenApi);
    const synthetic = await writeSyntheticApi(scratch, settings.routes);
    const big = `${settings.routes} routes`;
    const small = 'users example, 5 routes';
    const example = 'examples/users/users.api.ts';
    const jobs = [
      resilgenJob(small, example, 'empty'),
      resilgenJob(small, example, 'warm'),
      orvalJob(small, usersOpenApi),
      resilgenJob(big, synthetic.contract, 'empty'),
      resilgenJob(big, synthetic.contract, 'warm'),
      orvalJob(big, synthetic.openApi),
    ];
    figures.push(...(await runJobs(jobs, scratch, settings.runs)));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  return buildSection(figures, settings);
}

function buildSection(figures: readonly JobFigures[], settings: CodegenSettings): Section {
  const orvalFor = (input: string): JobFigures | undefined =>
    figures.find((figure) => figure.tool === 'orval' && figure.input === input);
  const rows = figures.map((figure) => [
    figure.label,
    formatMs(figure.coldMs),
    formatRatio(figure.coldMs / (orvalFor(figure.input)?.coldMs ?? Number.NaN)),
    formatCount(figure.filesWritten),
    formatMs(figure.rerunMs),
    formatCount(figure.filesRewritten),
  ]);
  const ours = figures.filter((figure) => figure.tool === 'resilgen');
  const goals = [
    ...ours.map((figure) => ({
      goal: `faster than orval, ${figure.label.replace('resilgen, ', '')}`,
      met: figure.coldMs < (orvalFor(figure.input)?.coldMs ?? Number.NaN),
      measured: `${formatMs(figure.coldMs)} against ${formatMs(orvalFor(figure.input)?.coldMs ?? NaN)}`,
    })),
    ...ours.map((figure) => ({
      goal: `no-op regeneration writes 0 files, ${figure.label.replace('resilgen, ', '')}`,
      met: figure.filesRewritten === 0,
      measured: `${figure.filesRewritten} files in ${formatMs(figure.rerunMs)}`,
    })),
  ];

  return {
    title: 'Code generation',
    headers: ['tool, input', 'cold run', '× orval', 'files', 'no-op rerun', 'files rewritten'],
    rows,
    goals,
    notes: [
      `Cold run: a new process into an empty folder, the median of ${settings.runs}, the ` +
        'tools taking turns (one run of each a round); ' +
        'resilgen runs its compiled CLI (`dist/generator/cli.js`), as `npx resilgen` does.',
      'resilgen keeps V8\'s compiled code of ts-morph and TypeScript between runs: "code ' +
        'cache empty" is each run with a new cache folder, as on a machine\'s first run; ' +
        '"warm" shares one that an earlier run filled. orval keeps none.',
      'No-op rerun: the same command again on unchanged inputs; a file counts as rewritten ' +
        'when its inode or mtime changed.',
      ...ours.map((figure) => `${figure.label} phases: ${figure.phases}.`),
    ],
    data: figures,
  };
}
