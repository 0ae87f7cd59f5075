import { BenchChild } from '../lib/child.js';
import type { LoadTarget } from '../lib/load.js';

const TARGET = new URL('./server-target.ts', import.meta.url);

/**
 * Starts the server `kind` (see `SERVER_KINDS` in `server-target.ts`) in a child process and
 * waits until it listens.
 *
 * @param upstreams - the origin of a gateway or proxy, and the replica of a gateway.
 */
export async function startServer(
  kind: string,
  upstreams: { readonly origin?: string; readonly replica?: string } = {},
): Promise<LoadTarget> {
  const args = [`--kind=${kind}`];
  if (upstreams.origin !== undefined) {
    args.push(`--origin=${upstreams.origin}`);
  }
  if (upstreams.replica !== undefined) {
    args.push(`--replica=${upstreams.replica}`);
  }
  const child = new BenchChild(TARGET, args);
  const { port } = await child.next<{ type: 'ready'; port: number }>('ready');

  return { child, url: `http://127.0.0.1:${port}` };
}

/** Runs `work` against fresh servers of `kinds` (no upstream), and stops them all after. */
export async function runWithServers<T>(
  kinds: readonly string[],
  work: (servers: LoadTarget[]) => Promise<T>,
): Promise<T> {
  const servers: LoadTarget[] = [];
  try {
    for (const kind of kinds) {
      servers.push(await startServer(kind));
    }

    return await work(servers);
  } finally {
    await Promise.all(servers.map((server) => server.child.stop()));
  }
}
