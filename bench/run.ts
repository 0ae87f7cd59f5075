/**
 * `npm run bench`: measures resilgen against the libraries its users would pick instead, in
 * one run, and prints markdown tables (stdout) for docs/benchmarks.md; progress goes to
 * stderr.
 *
 * Options (flags, or the environment variables in brackets):
 * - `--only=runtime,client,server,gateway,codegen` (`BENCH_ONLY`): the suites to run; all
 *   by default, in that order.
 * - `--quick` (`BENCH_QUICK=1`): a fraction of the work, to check the harness.
 * - `--json=FILE` (`BENCH_JSON`): also write the raw figures there.
 * - `--no-build` (`BENCH_NO_BUILD=1`): use `dist/` as it is instead of building it first.
 *
 * Run it without the `source` condition (`node --import tsx bench/run.ts`): the benchmarks
 * measure the compiled runtime and CLI, as users get them.
 */
import { writeFile } from 'node:fs/promises';
import { runCodegenSuite } from './codegen/suite.js';
import { runClientSuite } from './http/client-suite.js';
import { runGatewaySuite } from './http/gateway-suite.js';
import { runServerSuite } from './http/server-suite.js';
import { buildDist } from './lib/build.js';
import { readArg } from './lib/ipc.js';
import { describeMachine, isMachineBusy, renderSection } from './lib/report.js';
import type { Section } from './lib/report.js';
import { runRuntimeSuite } from './runtime/suite.js';

const quick = process.argv.includes('--quick') || process.env['BENCH_QUICK'] === '1';

/** Every suite, with the work it gets in a full run and in a quick one. */
const SUITES: Readonly<Record<string, () => Promise<Section>>> = {
  runtime: () =>
    runRuntimeSuite(
      quick
        ? { roundMs: 50, rounds: 3, retain: 100_000, retainMaxMs: 300 }
        : { roundMs: 200, rounds: 9, retain: 1_000_000, retainMaxMs: 2000 },
    ),
  client: () =>
    runClientSuite(
      quick
        ? { warmup: 300, requests: 1000, concurrency: 8, rounds: 1 }
        : { warmup: 2000, requests: 10_000, concurrency: 8, rounds: 3 },
    ),
  server: () =>
    runServerSuite(
      quick ? { warmupS: 1, durationS: 2, rounds: 1 } : { warmupS: 2, durationS: 3, rounds: 3 },
    ),
  gateway: () =>
    runGatewaySuite(
      quick
        ? { warmupS: 1, durationS: 2, rounds: 1, downWarmupS: 2, downDurationS: 2 }
        : { warmupS: 2, durationS: 3, rounds: 3, downWarmupS: 3, downDurationS: 4 },
    ),
  codegen: () => runCodegenSuite(quick ? { routes: 100, runs: 1 } : { routes: 500, runs: 5 }),
};

function selectSuites(): string[] {
  const only = readArg('only') ?? process.env['BENCH_ONLY'];
  if (only === undefined || only === '') {
    return Object.keys(SUITES);
  }
  const names = only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(name in SUITES));
  if (unknown.length > 0) {
    throw new Error(`unknown suite ${unknown.join(', ')}; pick from ${Object.keys(SUITES)}`);
  }

  return names;
}

const names = selectSuites();
const started = Date.now();
if (!process.argv.includes('--no-build') && process.env['BENCH_NO_BUILD'] !== '1') {
  await buildDist();
}
const lines = [describeMachine()];
if (isMachineBusy()) {
  lines.push('', '> The machine was busy when the run started: read the ratios, not the figures.');
}
if (quick) {
  lines.push('', '> Quick run: too little work for trustworthy figures.');
}
console.log(lines.join('\n'));
const sections: Section[] = [];
for (const name of names) {
  const section = await SUITES[name]!();
  sections.push(section);
  console.log(`\n${renderSection(section)}`);
}
console.log(`\nWhole run: ${Math.round((Date.now() - started) / 1000)} s.`);
const json = readArg('json') ?? process.env['BENCH_JSON'];
if (json !== undefined) {
  await writeFile(json, JSON.stringify({ node: process.version, sections }, null, 2));
}
