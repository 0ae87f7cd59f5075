/**
 * Runs the demo: the origin users service over SQLite, its read-only replica on the same
 * file, and the resilient gateway in front, until SIGTERM or Ctrl-C.
 */
import { installGracefulShutdown } from 'resilgen/runtime';
import type { FastifyInstance } from 'fastify';
import { createOriginServer, createReplicaServer } from '../origin/server.js';
import { IN_MEMORY, openUsersStore } from '../origin/store.js';
import type { UsersStore } from '../origin/store.js';
import { startUsersStack } from '../stack.js';
import { formatBanner } from './banner.js';
import type { DemoSettings } from './settings.js';

/** What the demo writes to: the banner and its few status lines. */
export interface DemoOutput {
  write(text: string): void;
}

/**
 * Starts the three servers, prints the banner, and stops them cleanly on SIGTERM or SIGINT:
 * the gateway drains first (so no request it still handles finds the origin closed), then
 * the replica and the origin; the process exits with 0, or 1 when a drain had to be cut.
 * A second signal exits with 1 at once.
 *
 * @throws the error of a server that could not listen (the others are closed first), or of
 *   the database that could not be opened.
 */
export async function runDemo(settings: DemoSettings, output: DemoOutput): Promise<void> {
  const store = openUsersStore({ file: settings.databaseFile });
  const stores: UsersStore[] = [store];
  try {
    // One connection cannot be both: an in-memory database is shared, a file is opened twice.
    const reader =
      settings.databaseFile === IN_MEMORY
        ? store
        : openUsersStore({ file: settings.databaseFile, readonly: true });
    if (reader !== store) {
      stores.push(reader);
    }
    const stack = await startUsersStack({
      origin: createOriginServer(store),
      replica: createReplicaServer(reader),
      ports: {
        gateway: settings.gatewayPort,
        origin: settings.originPort,
        replica: settings.replicaPort,
      },
    });
    stopOnSignal([stack.gateway.app, stack.replica, stack.origin], stores, output);
    output.write(formatBanner(stack.urls));
  } catch (error) {
    stores.forEach((opened) => opened.close());
    throw error;
  }
}

function stopOnSignal(
  apps: readonly FastifyInstance[],
  stores: readonly UsersStore[],
  output: DemoOutput,
): void {
  const [gateway, ...services] = apps.map((app) => installGracefulShutdown(app, { signals: [] }));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    output.write(`\n${signal}: stopping the gateway, then the users service...\n`);
    void (async () => {
      const first = (await gateway?.drain()) ?? 0;
      const rest = await Promise.all(services.map((shutdown) => shutdown.drain()));
      stores.forEach((store) => store.close());
      const code = Math.max(first, ...rest);
      output.write(code === 0 ? 'Stopped.\n' : 'Stopped; some requests were cut short.\n');
      process.exit(code);
    })();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
