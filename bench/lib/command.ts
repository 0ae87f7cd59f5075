import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** How a command ran. */
export interface CommandRun {
  /** Wall time from spawn to exit, in ms. */
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node ...args` in `cwd` and times it from spawn to exit.
 *
 * @param env - variables added to this process's environment for the command.
 * @throws {Error} with the command's stderr when it exits with a code other than 0.
 */
export function timeNodeCommand(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const run = {
        ms: performance.now() - started,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      };
      if (code === 0) {
        resolve(run);
      } else {
        reject(new Error(`node ${args.join(' ')} exited with ${code}:\n${run.stderr}`));
      }
    });
  });
}

/** Each file under `dir` (relative path) with what changes when it is written again. */
export async function snapshotFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return files;
  }
  for (const name of names) {
    const info = await stat(path.join(dir, name));
    if (info.isFile()) {
      files.set(name, `${info.ino}:${info.mtimeMs}:${info.size}`);
    }
  }

  return files;
}

/** How many files were added, rewritten or removed between two snapshots. */
export function countChangedFiles(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): number {
  let changed = 0;
  for (const [name, mark] of after) {
    if (before.get(name) !== mark) {
      changed++;
    }
  }
  for (const name of before.keys()) {
    if (!after.has(name)) {
      changed++;
    }
  }

  return changed;
}
