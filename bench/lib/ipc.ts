/**
 * The child's side of the bench IPC: children report results and readiness to the parent,
 * answer its CPU-time questions, and stop when asked.
 */

/** A message between the bench runner and a child. */
export interface BenchMessage {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** Sends `message` to the parent (a no-op when the script runs on its own). */
export function sendToParent(message: BenchMessage): void {
  process.send?.(message);
}

/** Sends the child's result; the parent then asks it to stop. */
export function sendResult(data: unknown): void {
  sendToParent({ type: 'result', data });
}

/** Reads this process's CPU time so far (user + system), in µs. */
export function readOwnCpuUs(): number {
  const usage = process.cpuUsage();

  return usage.user + usage.system;
}

/**
 * Answers the parent's `cpu` questions with this process's CPU time, and runs `onStop`
 * (then exits) when the parent sends `stop` or goes away.
 */
export function serveParent(onStop: () => Promise<void> | void = () => {}): void {
  const stop = async (): Promise<void> => {
    try {
      await onStop();
    } finally {
      process.exit(0);
    }
  };
  process.on('message', (message: BenchMessage) => {
    if (message.type === 'cpu') {
      sendToParent({ type: 'cpu', cpuUs: readOwnCpuUs() });
    } else if (message.type === 'stop') {
      void stop();
    }
  });
  process.on('disconnect', () => void stop());
}

/** Reads the value of `--name=value` or `--name value` from this process's arguments. */
export function readArg(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === `--${name}`) {
      return args[index + 1];
    }
    if (arg.startsWith(`--${name}=`)) {
      return arg.slice(name.length + 3);
    }
  }

  return undefined;
}

/** Reads `--name` as a positive number, or `fallback`. */
export function readNumberArg(name: string, fallback: number): number {
  const value = Number(readArg(name));

  return Number.isFinite(value) && value > 0 ? value : fallback;
}
