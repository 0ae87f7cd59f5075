import { request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isAbortError } from '../../../runtime/policy-errors.js';
import { ServerRequestContext } from '../../../runtime/server/request-context.js';
import { createMemoryHandlers, createUsersServer, waitFor } from './users-fixture.js';

/** Listens on 127.0.0.1, asks `GET /api/users` and drops the connection once `started()`. */
async function leaveOnceStarted(app: FastifyInstance, started: () => boolean): Promise<void> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const req = httpRequest({ host: '127.0.0.1', port, path: '/api/users' });
  req.on('error', () => {});
  req.end();
  for (let turn = 0; turn < 500 && !started(); turn++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  assert.ok(started(), 'the handler never started');
  req.destroy();
}

test("a client that disconnects aborts the handler's signal, and the answer is 499", async () => {
  const handlers = createMemoryHandlers();
  let started = false;
  let reason: unknown;
  handlers.listUsers = (context) =>
    new Promise((_resolve, reject) => {
      started = true;
      context.signal.addEventListener('abort', () => {
        reason = context.signal.reason;
        reject(context.signal.reason);
      });
    });
  const app = createUsersServer(handlers);
  const statuses: number[] = [];
  app.addHook('onSend', (_request, reply, payload, done) => {
    statuses.push(reply.statusCode);
    done(null, payload);
  });
  try {
    await leaveOnceStarted(app, () => started);
    await waitFor(() => reason !== undefined);
    await waitFor(() => statuses.length > 0);
  } finally {
    await app.close();
  }

  assert.ok(isAbortError(reason));
  assert.equal(statuses, [499]);
});

test('a handler that reads its signal only after its client left finds it aborted', async () => {
  const handlers = createMemoryHandlers();
  let markGone = (): void => {};
  const clientGone = new Promise<void>((resolve) => (markGone = resolve));
  let started = false;
  let signal: AbortSignal | undefined;
  handlers.listUsers = async (context) => {
    started = true;
    await clientGone;
    signal = context.signal;

    return [];
  };
  const app = createUsersServer(handlers);
  app.server.on('connection', (socket: Socket) => socket.on('close', () => markGone()));
  try {
    await leaveOnceStarted(app, () => started);
    await clientGone;
    await waitFor(() => signal !== undefined);
  } finally {
    await app.close();
  }

  assert.ok(signal?.aborted);
  assert.ok(isAbortError(signal?.reason));
});

test('the signal stays live for a handler whose client waits', async () => {
  const handlers = createMemoryHandlers();
  let aborted: boolean | undefined;
  handlers.listUsers = async (context) => {
    await new Promise((resolve) => setImmediate(resolve));
    aborted = context.signal.aborted;

    return [];
  };
  const response = await createUsersServer(handlers).inject({ url: '/api/users' });

  assert.is(response.statusCode, 200);
  assert.is(aborted, false);
});

function makeHandle() {
  const log = { child: () => log } as never;
  const context = new ServerRequestContext({
    requestId: 'r1',
    headers: {},
    log,
    route: 'GET /x',
    profile: 'default',
  });

  return { context, abort: (reason: unknown) => context.abort(reason) };
}

test('an abort before the signal is read gives a signal born aborted with the first reason', () => {
  const handle = makeHandle();
  handle.abort('timed out');
  handle.abort('disconnected');
  const { signal } = handle.context;
  assert.ok(signal.aborted);
  assert.is(signal.reason, 'timed out');
  assert.is(handle.context.signal, signal, 'one signal per request');
});

test('a signal read before the abort aborts with the first reason, once', () => {
  const handle = makeHandle();
  const { signal } = handle.context;
  let aborts = 0;
  signal.addEventListener('abort', () => aborts++);
  assert.not.ok(signal.aborted);
  handle.abort('timed out');
  handle.abort('disconnected');
  assert.is(signal.reason, 'timed out');
  assert.is(aborts, 1);
});

test.run();
