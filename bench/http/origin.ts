/**
 * The upstream every HTTP benchmark calls: a tiny node:http users service on 127.0.0.1 that
 * answers `GET /api/users/:id` with a valid user as JSON, keep-alive on. Cheap on purpose, so
 * the figures are the caller's. It tells the parent its port (`ready`), and answers `cpu` and
 * `stop` (see `ipc.ts`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendToParent, serveParent } from '../lib/ipc.js';
import { buildUser } from './user.js';

const USER_PATH = /^\/api\/users\/(\d+)$/;

const server = createServer((request, response) => {
  const match = request.method === 'GET' ? USER_PATH.exec(request.url ?? '') : null;
  if (!match) {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{"error":"not_found"}');

    return;
  }
  const body = JSON.stringify(buildUser(Number(match[1])));
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
});
server.keepAliveTimeout = 60_000;

serveParent(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);
server.listen(0, '127.0.0.1', () => {
  sendToParent({ type: 'ready', port: (server.address() as AddressInfo).port });
});
