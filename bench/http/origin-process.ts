import { BenchChild } from '../lib/child.js';

const ORIGIN = new URL('./origin.ts', import.meta.url);

/** The origin (`origin.ts`) running in a child process, and its base URL. */
export interface OriginProcess {
  readonly child: BenchChild;
  readonly url: string;
}

/** Starts the origin in a child process and waits until it listens. */
export async function startOrigin(): Promise<OriginProcess> {
  const child = new BenchChild(ORIGIN, []);
  const { port } = await child.next<{ type: 'ready'; port: number }>('ready');

  return { child, url: `http://127.0.0.1:${port}` };
}
