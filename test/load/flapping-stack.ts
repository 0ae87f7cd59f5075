/**
 * The users example under load, on the real clock: the origin and its replica over one
 * in-memory SQLite store, and in front of them the generated gateway with a bulkhead and a
 * time limit on every route (the example's config has neither, so the routes' protection is
 * set here, as a config with `bulkhead` would have the generator write it). The origin can be
 * made to flap: its chaos faults change on a timer, through `PUT /chaos` as an operator would.
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { createOriginServer, createReplicaServer } from '../../examples/users/origin/server.js';
import { IN_MEMORY, openUsersStore } from '../../examples/users/origin/store.js';
import {
  createUsersGateway,
  USERS_ROUTES,
  USERS_SERVER_DEFAULTS,
  UsersClient,
} from '../../generated/users/index.js';
import type { UsersHandlers } from '../../generated/users/index.js';
import { createContractServer, MetricsRegistry } from '../../runtime/index.js';
import type { ResilienceEvent, RouteProtection, ServerRoute } from '../../runtime/index.js';

/** The gateway's protection on every route: 8 in flight, 8 waiting at most 100 ms, 1.5 s. */
export const GATEWAY_PROTECTION: RouteProtection = {
  bulkhead: { maxConcurrent: 8, maxQueue: 8, queueTimeoutMs: 100 },
  timeoutMs: 1500,
};

/** The origin's fault sets, one after the other, each for {@link FLAP_EVERY_MS}. */
export const FLAPS: readonly (readonly object[])[] = [
  [],
  [{ route: '*', rate: 0.5, kind: 'error', status: 503 }],
  [{ route: '*', rate: 0.3, kind: 'drop' }],
  [],
  [{ route: '*', rate: 0.5, kind: 'latency', latencyMs: 400 }],
  [{ route: '*', rate: 1, kind: 'error', status: 500 }],
];

/** How long each fault set lasts, in ms. */
export const FLAP_EVERY_MS = 300;

/** Users the store holds; reads of other ids are 404s from the origin. */
export const SEEDED_USERS = 200;

/** The running stack. */
export interface FlappingStack {
  readonly gatewayURL: string;
  readonly metrics: MetricsRegistry;
  /** Events of the gateway's own protection (bulkhead rejections, route timeouts). */
  readonly serverEvents: readonly ResilienceEvent[];
  /** Starts changing the origin's faults every {@link FLAP_EVERY_MS}; returns how to stop. */
  startFlapping(): () => Promise<void>;
  close(): Promise<void>;
}

/** Starts the origin, the replica and the gateway on 127.0.0.1; the test must close them. */
export async function startFlappingStack(): Promise<FlappingStack> {
  const store = openUsersStore({ file: IN_MEMORY });
  for (let id = 1; id <= SEEDED_USERS; id++) {
    store.create({ name: `User ${id}`, email: `user${id}@example.com` });
  }
  const origin = createOriginServer(store);
  const replica = createReplicaServer(store);
  const originURL = await listen(origin);
  const replicaURL = await listen(replica);
  const client = new UsersClient({ baseURL: originURL, alternativeBaseURL: replicaURL });
  const metrics = new MetricsRegistry();
  const serverEvents: ResilienceEvent[] = [];
  const routes: ServerRoute<UsersHandlers>[] = USERS_ROUTES.map((route) => ({
    ...route,
    protection: GATEWAY_PROTECTION,
  }));
  const gateway = createContractServer(
    routes,
    {
      handlers: createUsersGateway(client),
      clients: [client],
      monitoring: { metrics },
      listeners: [(event) => serverEvents.push(event)],
    },
    USERS_SERVER_DEFAULTS,
  );
  const gatewayURL = await listen(gateway);

  return {
    gatewayURL,
    metrics,
    serverEvents,
    startFlapping: () => flap(originURL),
    close: async () => {
      await gateway.close();
      await Promise.all([origin.close(), replica.close()]);
      store.close();
    },
  };
}

function flap(originURL: string): () => Promise<void> {
  let step = 0;
  let staging = Promise.resolve();
  const stage = (faults: readonly object[]): Promise<void> =>
    fetch(`${originURL}/chaos`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true, faults }),
    }).then((answer) => void answer.body?.cancel());
  const timer = setInterval(() => {
    step++;
    staging = staging.then(() => stage(FLAPS[step % FLAPS.length] ?? []));
  }, FLAP_EVERY_MS);

  return async () => {
    clearInterval(timer);
    await staging;
    await stage([]);
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });

  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}
