import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../generator/commands/command.js';

/** The repository root, where `resilgen` runs in these tests. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What one run of the `resilgen` command did. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const slots = Math.max(2, Math.min(6, availableParallelism()));
const waiting: Array<() => void> = [];
let running = 0;

/**
 * Runs `generator/cli.ts` from the sources in a process of its own, as `npm test` can
 * without a build, so that no stale `dist/` is ever tested. A few run at a time, so that
 * a suite may start them all at once. `DEBUG` is cleared unless given.
 */
export async function runResilgen(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  if (running >= slots) {
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  try {
    return await spawnResilgen(args, env);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function spawnResilgen(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'generator/cli.ts', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, DEBUG: '', ...env } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** An in-memory {@link CliIo} for running the program inside the test process. */
export function createCapturingIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    writeOut: (text: string) => void (io.stdout += text),
    writeErr: (text: string) => void (io.stderr += text),
  };

  return io;
}

/** The non-empty lines of a text. */
export function splitLines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** A line of a stack trace, which a user's mistake must never print. */
export const STACK_FRAME = /^\s+at .+/m;

/** The last line of a finished run. */
export const SUMMARY = /^resilgen: .+ in \d+ ms$/;
