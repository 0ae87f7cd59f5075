/**
 * Starts the example's three servers in the order they need each other: the origin and its
 * replica first, then the gateway that calls them, built with their real URLs (so port 0,
 * any free port, works for all three). The demo and the end-to-end tests share it.
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildDemoUrl, DEMO_HOST } from './demo/settings.js';
import { createGateway } from './gateway.js';
import type { Gateway, GatewayOptions } from './gateway.js';

/** The ports to listen on; 0 (the default) takes any free port. */
export interface StackPorts {
  readonly gateway?: number;
  readonly origin?: number;
  readonly replica?: number;
}

/** What {@link startUsersStack} needs: the two services, built but not listening yet. */
export interface StackParts {
  /** The origin users service (`createOriginServer`). */
  readonly origin: FastifyInstance;
  /** The read-only replica (`createReplicaServer`). */
  readonly replica: FastifyInstance;
  readonly ports?: StackPorts;
  /** The gateway's options besides the URLs of the origin and replica. Default: none. */
  readonly gateway?: Omit<GatewayOptions, 'originUrl' | 'replicaUrl'>;
}

/** The three servers, listening on 127.0.0.1. */
export interface UsersStack {
  readonly origin: FastifyInstance;
  readonly replica: FastifyInstance;
  readonly gateway: Gateway;
  /** Base URLs, such as `http://127.0.0.1:8080`, with the ports actually taken. */
  readonly urls: { readonly gateway: string; readonly origin: string; readonly replica: string };
  /** Closes the gateway, then the replica and the origin. */
  close(): Promise<void>;
}

/**
 * Listens the origin, then the replica, then builds and listens the gateway in front of them,
 * all on 127.0.0.1. When one cannot listen (a port taken), those already started are closed
 * before the error is thrown.
 *
 * @throws the listen error (`EADDRINUSE`, `EACCES`) of the server that failed.
 */
export async function startUsersStack(parts: StackParts): Promise<UsersStack> {
  const started: FastifyInstance[] = [];
  const closeAll = async (): Promise<void> => {
    for (const app of started.reverse()) {
      await app.close();
    }
  };
  try {
    const origin = await listenOn(parts.origin, parts.ports?.origin, started);
    const replica = await listenOn(parts.replica, parts.ports?.replica, started);
    const gateway = createGateway({ ...parts.gateway, originUrl: origin, replicaUrl: replica });
    const url = await listenOn(gateway.app, parts.ports?.gateway, started);

    return {
      origin: parts.origin,
      replica: parts.replica,
      gateway,
      urls: { gateway: url, origin, replica },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function listenOn(
  app: FastifyInstance,
  port: number | undefined,
  started: FastifyInstance[],
): Promise<string> {
  started.push(app);
  await app.listen({ host: DEMO_HOST, port: port ?? 0 });

  return buildDemoUrl((app.server.address() as AddressInfo).port);
}
