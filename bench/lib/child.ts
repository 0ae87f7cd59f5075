import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchMessage } from './ipc.js';

/**
 * How every bench child runs: its own TypeScript through tsx, without the `source` condition,
 * so `resilgen/runtime` is the compiled `dist/runtime/` that users run (tsx compiles with
 * `keepNames`, which wraps every function made at run time in a naming call: a cost the
 * published package does not have).
 */
export const TS_NODE_FLAGS: readonly string[] = ['--import', 'tsx'];

/** The longest wait for one message from a child, in ms, so a stuck child cannot hang a run. */
const REPLY_TIMEOUT_MS = 120_000;

/**
 * With `BENCH_PROFILE_DIR` set, every child writes a CPU profile there (`node --cpu-prof`);
 * `bench/lib/cpu-profile.ts` summarizes one.
 */
function readProfileFlags(): string[] {
  const dir = process.env['BENCH_PROFILE_DIR'];

  return dir === undefined || dir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

interface Waiter {
  readonly type: string;
  readonly resolve: (message: BenchMessage) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** A bench child process, spoken to over IPC (see `ipc.ts` for the child's side). */
export class BenchChild {
  readonly process: ChildProcess;
  readonly #name: string;
  readonly #inbox: BenchMessage[] = [];
  readonly #waiters: Waiter[] = [];
  #exit: Error | undefined;

  /**
   * Starts `script` (a URL of a `.ts` file in bench/) with `args`.
   *
   * @param nodeFlags - more Node flags, such as `--expose-gc`.
   */
  constructor(script: URL, args: readonly string[], nodeFlags: readonly string[] = []) {
    this.#name = fileURLToPath(script).split(/[\\/]/).slice(-2).join('/');
    this.process = fork(fileURLToPath(script), [...args], {
      execArgv: [...TS_NODE_FLAGS, ...nodeFlags, ...readProfileFlags()],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    if (readProfileFlags().length > 0) {
      process.stderr.write(`profiling pid ${this.process.pid}: ${this.#name} ${args.join(' ')}\n`);
    }
    this.process.on('message', (message: BenchMessage) => this.#deliver(message));
    this.process.on('exit', (code, signal) => {
      this.#exit = new Error(`${this.#name} exited (code ${code}, signal ${signal})`);
      for (const waiter of this.#waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(this.#exit);
      }
    });
  }

  /** Waits for the next message of `type` (one already received counts). */
  next<T extends BenchMessage>(type: string): Promise<T> {
    const index = this.#inbox.findIndex((message) => message.type === type);
    if (index >= 0) {
      return Promise.resolve(this.#inbox.splice(index, 1)[0] as T);
    }
    if (this.#exit) {
      return Promise.reject(this.#exit);
    }

    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`${this.#name} sent no '${type}' within ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      const waiter: Waiter = {
        type,
        resolve: (message) => resolve(message as T),
        reject,
        timer,
      };
      this.#waiters.push(waiter);
    });
  }

  /** Sends `message` and waits for the child's reply of `replyType`. */
  ask<T extends BenchMessage>(message: BenchMessage, replyType: string): Promise<T> {
    const reply = this.next<T>(replyType);
    this.process.send(message);

    return reply;
  }

  /** The child's CPU time so far (user + system), in µs. */
  async readCpuUs(): Promise<number> {
    const reply = await this.ask<BenchMessage & { cpuUs: number }>({ type: 'cpu' }, 'cpu');

    return reply.cpuUs;
  }

  /** Asks the child to stop, and kills it when it does not exit within 5 s. */
  async stop(): Promise<void> {
    if (this.#exit) {
      return;
    }
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.process.send({ type: 'stop' });
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  #deliver(message: BenchMessage): void {
    const index = this.#waiters.findIndex((waiter) => waiter.type === message.type);
    if (index < 0) {
      this.#inbox.push(message);

      return;
    }
    const [waiter] = this.#waiters.splice(index, 1);
    clearTimeout(waiter!.timer);
    waiter!.resolve(message);
  }
}

/** Runs a one-shot child to its `result` message and its exit; returns the result's data. */
export async function runChildForResult<T>(
  script: URL,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): Promise<T> {
  const child = new BenchChild(script, args, nodeFlags);
  try {
    const message = await child.next<BenchMessage & { data: T }>('result');

    return message.data;
  } finally {
    await child.stop();
  }
}
