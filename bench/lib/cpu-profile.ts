/**
 * Prints the functions that cost the most self time in a `.cpuprofile` written by
 * `node --cpu-prof`, with their file and line, so a missed goal can be traced to code.
 *
 *   node --import tsx bench/lib/cpu-profile.ts FILE [--top=25]
 */
import { readFile } from 'node:fs/promises';
import { readNumberArg } from './ipc.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time per function (name, file and line), in µs, highest first. */
export function summarizeProfile(profile: CpuProfile): { where: string; selfUs: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) {
      return;
    }
    const file = frame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
    const where = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    self.set(where, (self.get(where) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });

  return [...self]
    .map(([where, selfUs]) => ({ where, selfUs }))
    .sort((a, b) => b.selfUs - a.selfUs);
}

const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
if (file !== undefined) {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const rows = summarizeProfile(profile);
  const total = rows.reduce((sum, row) => sum + row.selfUs, 0);
  for (const row of rows.slice(0, readNumberArg('top', 25))) {
    console.log(`${((100 * row.selfUs) / total).toFixed(1).padStart(5)}%  ${row.where}`);
  }
}
