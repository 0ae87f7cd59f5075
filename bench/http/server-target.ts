/**
 * Child process of the server and gateway benchmarks: one server on 127.0.0.1, port 0. It
 * tells the parent its port (`ready`) and answers `cpu` and `stop` (see `ipc.ts`).
 * Arguments: `--kind KIND [--origin URL] [--replica URL]`.
 */
import replyFrom from '@fastify/reply-from';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import {
  createUsersGateway,
  createUsersServer,
  getUserParamsSchema,
  getUserResponseSchema,
  UsersClient,
} from '../../generated/users/index.js';
import type { UsersHandlers } from '../../generated/users/index.js';
import { readArg, sendToParent, serveParent } from '../lib/ipc.js';
import { buildUser } from './user.js';

/** The servers the benchmarks start. */
export const SERVER_KINDS = ['fastify', 'generated', 'gateway', 'reply-from', 'undici-proxy'];

/** The generated server's handlers, in memory: the same answers as the origin's. */
const MEMORY_HANDLERS: UsersHandlers = {
  listUsers: async () => [buildUser(1), buildUser(2)],
  getUser: async (id) => buildUser(id),
  createUser: async (body) => ({ ...buildUser(3), ...body }),
  updateUser: async (id, body) => ({ ...buildUser(id), ...body }),
  deleteUser: async () => {},
};

/** Bare fastify with the generated route's schemas: what a user would write by hand. */
function createBareFastify(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: number } }>(
    '/api/users/:id',
    { schema: { params: getUserParamsSchema, response: { 200: getUserResponseSchema } } },
    async (request) => buildUser(request.params.id),
  );

  return app;
}

/** The example's gateway; `replica` is where its `alternative_service` fallback reads. */
function createGatewayServer(origin: string, replica: string | undefined): FastifyInstance {
  const client = new UsersClient({ baseURL: origin, alternativeBaseURL: replica });

  return createUsersServer({ handlers: createUsersGateway(client), clients: [client] });
}

function createReplyFromProxy(origin: string): FastifyInstance {
  const app = Fastify({ logger: false });
  void app.register(replyFrom, { base: origin });
  app.get('/api/users/:id', (request, reply) => reply.from(request.url));

  return app;
}

/** A minimal proxy: a fastify handler that asks the origin with undici and relays the answer. */
function createUndiciProxy(origin: string): FastifyInstance {
  const app = Fastify({ logger: false });
  const pool = new Pool(origin, { connections: 16 });
  app.get('/api/users/:id', async (request, reply) => {
    try {
      const answer = await pool.request({ method: 'GET', path: request.url });
      const body = await answer.body.text();

      return reply
        .code(answer.statusCode)
        .header('content-type', answer.headers['content-type'] ?? 'application/json')
        .send(body);
    } catch {
      return reply.code(502).send({ error: 'bad_gateway' });
    }
  });
  app.addHook('onClose', async () => pool.close());

  return app;
}

function createTarget(
  kind: string,
  origin: string | undefined,
  replica: string | undefined,
): FastifyInstance {
  const upstream = (): string => {
    if (origin === undefined || !origin.startsWith('http://127.0.0.1:')) {
      throw new Error(`--origin must be a loopback URL for ${kind}; got ${origin}`);
    }

    return origin;
  };
  if (replica !== undefined && !replica.startsWith('http://127.0.0.1:')) {
    throw new Error(`--replica must be a loopback URL; got ${replica}`);
  }
  switch (kind) {
    case 'fastify':
      return createBareFastify();
    case 'generated':
      return createUsersServer({ handlers: MEMORY_HANDLERS });
    case 'gateway':
      return createGatewayServer(upstream(), replica);
    case 'reply-from':
      return createReplyFromProxy(upstream());
    case 'undici-proxy':
      return createUndiciProxy(upstream());
    default:
      throw new Error(`--kind must be one of ${SERVER_KINDS.join(', ')}; got ${kind}`);
  }
}

const app = createTarget(readArg('kind') ?? '', readArg('origin'), readArg('replica'));
serveParent(() => app.close());
await app.listen({ host: '127.0.0.1', port: 0 });
sendToParent({ type: 'ready', port: (app.server.address() as AddressInfo).port });
