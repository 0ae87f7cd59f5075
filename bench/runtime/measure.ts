/**
 * Child process of the runtime benchmark: measures one case against a bare call in the same
 * process (so a change of machine load hits both alike) and sends the figures to the parent.
 * Run with `--expose-gc`. Arguments: `--case NAME --round-ms MS --rounds R --retain N
 * --retain-max-ms MS`.
 */
import { createHook } from 'node:async_hooks';
import v8 from 'node:v8';
import { readArg, readNumberArg, sendResult, serveParent } from '../lib/ipc.js';
import { computeMedian } from '../lib/stats.js';
import { RUNTIME_CASES } from './case-names.js';
import type { RuntimeCaseName } from './case-names.js';
import { createRuntimeCase } from './cases.js';

/** What the child reports for its case. */
export interface RuntimeFigures {
  readonly name: RuntimeCaseName;
  /** Median time of one call, in ns, and the bare call's in the same rounds. */
  readonly nsPerCall: number;
  readonly bareNsPerCall: number;
  /** Heap bytes allocated per call, and by the bare call. */
  readonly bytesPerCall: number;
  readonly bareBytesPerCall: number;
  /** Heap still held after `retainedCalls` calls and a full GC, in bytes. */
  readonly retainedBytes: number;
  readonly retainedCalls: number;
  /** Timers (`setTimeout`/`setInterval`) created per call. */
  readonly timersPerCall: number;
  /** A broken promise of the case (see `RuntimeCase.verify`), if any. */
  readonly problem: string | undefined;
}

type Call = () => Promise<number>;

const gc = (): void => {
  if (typeof globalThis.gc !== 'function') {
    throw new Error('run with --expose-gc');
  }
  globalThis.gc();
};

// Two loops with the same text, so the bare call and the case never share type feedback.
async function loopBare(call: Call, calls: number): Promise<number> {
  let sum = 0;
  for (let index = 0; index < calls; index++) {
    sum += await call();
  }

  return sum;
}

async function loopCase(call: Call, calls: number): Promise<number> {
  let sum = 0;
  for (let index = 0; index < calls; index++) {
    sum += await call();
  }

  return sum;
}

async function timeLoop(loop: typeof loopBare, call: Call, calls: number): Promise<number> {
  const started = process.hrtime.bigint();
  const sum = await loop(call, calls);
  const elapsed = Number(process.hrtime.bigint() - started);
  if (sum !== calls) {
    throw new Error(`the calls answered ${sum} in all, not ${calls}: some failed`);
  }

  return elapsed / calls;
}

/**
 * Heap bytes allocated by `calls` calls: the growth of the used heap between GCs, summed over
 * every GC the run triggered (V8's GC profiler reports the heap before and after each).
 */
async function measureAllocation(loop: typeof loopBare, call: Call, calls: number) {
  gc();
  const profiler = new v8.GCProfiler();
  const start = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  await loop(call, calls);
  const end = v8.getHeapStatistics().used_heap_size;
  const { statistics } = profiler.stop();
  let allocated = 0;
  let previous = start;
  for (const entry of statistics) {
    allocated += entry.beforeGC.heapStatistics.usedHeapSize - previous;
    previous = entry.afterGC.heapStatistics.usedHeapSize;
  }
  allocated += end - previous;

  return allocated / calls;
}

/** How many calls of `call` last about `ms` milliseconds. */
async function fitCalls(loop: typeof loopBare, call: Call, ms: number): Promise<number> {
  let calls = 1000;
  for (;;) {
    const started = performance.now();
    await loop(call, calls);
    const elapsed = performance.now() - started;
    if (elapsed >= 20) {
      return Math.max(1000, Math.round((calls * ms) / elapsed));
    }
    calls *= 4;
  }
}

async function measureRetained(call: Call, calls: number): Promise<number> {
  gc();
  gc();
  const before = v8.getHeapStatistics().used_heap_size;
  await loopCase(call, calls);
  gc();
  gc();

  return v8.getHeapStatistics().used_heap_size - before;
}

async function countTimers(call: Call, calls: number): Promise<number> {
  let timers = 0;
  const hook = createHook({
    init: (_id, type) => {
      if (type === 'Timeout') {
        timers++;
      }
    },
  });
  hook.enable();
  await loopCase(call, calls);
  hook.disable();

  return timers / calls;
}

async function measure(name: RuntimeCaseName): Promise<RuntimeFigures> {
  const roundMs = readNumberArg('round-ms', 200);
  const rounds = readNumberArg('rounds', 9);
  const bare = createRuntimeCase('bare');
  const subject = createRuntimeCase(name);
  const problem = subject.verify?.();
  // Fitting the rounds to time also warms both loops up.
  const bareCalls = await fitCalls(loopBare, bare.call, roundMs);
  const caseCalls = await fitCalls(loopCase, subject.call, roundMs);
  const bareTimes: number[] = [];
  const caseTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    bareTimes.push(await timeLoop(loopBare, bare.call, bareCalls));
    caseTimes.push(await timeLoop(loopCase, subject.call, caseCalls));
  }
  const retainCalls = Math.min(
    readNumberArg('retain', 1_000_000),
    Math.round((caseCalls * readNumberArg('retain-max-ms', 2000)) / roundMs),
  );
  const figures: RuntimeFigures = {
    name,
    nsPerCall: computeMedian(caseTimes),
    bareNsPerCall: computeMedian(bareTimes),
    bytesPerCall: await measureAllocation(loopCase, subject.call, caseCalls),
    bareBytesPerCall: await measureAllocation(loopBare, bare.call, bareCalls),
    retainedBytes: await measureRetained(subject.call, retainCalls),
    retainedCalls: retainCalls,
    timersPerCall: await countTimers(subject.call, 1000),
    problem,
  };
  subject.close();

  return figures;
}

const name = readArg('case') as RuntimeCaseName | undefined;
if (name === undefined || !RUNTIME_CASES.includes(name)) {
  throw new Error(`--case must be one of ${RUNTIME_CASES.join(', ')}; got ${name}`);
}
serveParent();
sendResult(await measure(name));
