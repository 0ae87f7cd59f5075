/**
 * The users service behind the gateway, built on the generated server: the origin (reads and
 * writes) and its read-only replica, each with chaos control so outages can be staged.
 */
import type { FastifyInstance } from 'fastify';
import { createUsersServer } from '../../../generated/users/index.js';
import type { UsersHandlers, UsersServerOptions } from '../../../generated/users/index.js';
import { createOriginHandlers, createReplicaHandlers } from './handlers.js';
import type { UsersReader, UsersStore } from './store.js';

/** Server options of the origin and the replica, besides their handlers and chaos. */
export interface UsersServiceOptions extends Omit<UsersServerOptions, 'handlers' | 'chaos'> {
  /**
   * The bearer token `PUT /chaos` requires. Default: none, so anyone who reaches the port may
   * stage an outage: the demo listens on 127.0.0.1 only.
   */
  readonly chaosToken?: string;
}

/** The origin users service over `store`. Call `listen()` on it; close the store after. */
export function createOriginServer(
  store: UsersStore,
  options: UsersServiceOptions = {},
): FastifyInstance {
  return serveUsers(createOriginHandlers(store), options);
}

/**
 * The read-only replica over `reader` (the origin's database, opened read-only): the target
 * of the gateway's `alternative_service` fallback. Writes get 405 `read_only_replica`.
 */
export function createReplicaServer(
  reader: UsersReader,
  options: UsersServiceOptions = {},
): FastifyInstance {
  return serveUsers(createReplicaHandlers(reader), options);
}

/**
 * The generated server with `handlers` and chaos on, with no fault yet: `PUT /chaos` with
 * `{ "enabled": true, "faults": [...] }` stages an outage, `{ "enabled": true, "faults": [] }`
 * ends it (docs/server.md).
 */
function serveUsers(handlers: UsersHandlers, options: UsersServiceOptions): FastifyInstance {
  const { chaosToken, ...server } = options;

  return createUsersServer({
    ...server,
    handlers,
    chaos: { enabled: true, allowRuntimeControl: true, faults: [], token: chaosToken },
  });
}
