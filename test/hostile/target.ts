/**
 * The server the hostile requests go to: the example's origin, which is the generated
 * `createUsersServer` with the origin's handlers over an in-memory SQLite store, listening on
 * 127.0.0.1 with a port the system picks. It starts with one user, id 1.
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Test } from 'uvu';
import { createOriginServer } from '../../examples/users/origin/server.js';
import { IN_MEMORY, openUsersStore } from '../../examples/users/origin/store.js';
import type { UsersStore } from '../../examples/users/origin/store.js';
import { watchHandles } from '../support/handles.js';

/** The running server. */
export interface Target {
  readonly app: FastifyInstance;
  readonly store: UsersStore;
  readonly baseURL: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the origin with one user; the test must close it. */
export async function startTarget(): Promise<Target> {
  const store = openUsersStore({ file: IN_MEMORY });
  store.create({ name: 'Ada', email: 'ada@example.com' });
  const app = createOriginServer(store);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;

  return {
    app,
    store,
    port,
    baseURL: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      store.close();
    },
  };
}

/** The keys every error answer has, in order (docs/server.md, "The error shape"). */
export const ERROR_KEYS = ['error', 'message', 'details', 'requestId'];

/**
 * Starts the target before the first test of `suite` and closes it after the last, then
 * checks that the suite left no handle open. Returns the running target.
 */
export function useTarget(suite: Test): () => Target {
  const handles = watchHandles();
  let target: Target | undefined;
  suite.before(async () => {
    handles.before();
    target = await startTarget();
  });
  suite.after(async () => {
    await target?.close();
    await handles.after();
  });

  return () => {
    if (target === undefined) {
      throw new Error('the target starts before the first test');
    }

    return target;
  };
}
