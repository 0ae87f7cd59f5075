import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createResilientServer,
  installGracefulShutdown,
  isReady,
  type ServerRoute,
} from '../../../runtime/index.js';
import { FakeClock } from '../../../runtime/fake-clock.js';
import { MetricsRegistry } from '../../../runtime/metrics.js';
import { createMemoryHandlers, createUsersServer } from './users-fixture.js';

const fixture = fileURLToPath(new URL('./fixtures/shutdown-server.ts', import.meta.url));

/** GETs `path` on 127.0.0.1; resolves with the status and body, or the error code. */
function get(
  port: number,
  path: string,
): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    );
    req.setTimeout(5000, () => req.destroy(new Error('timed out')));
    req.end();
  });
}

test('on SIGTERM an in-flight request still completes and the process exits with 0', async () => {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', fixture], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  try {
    let output = '';
    const lines = (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = (): void => {
          const match = output.match(pattern);
          if (match) {
            child.stdout.off('data', onData);
            resolve(match);
          }
        };
        const onData = (chunk: Buffer): void => {
          output += chunk.toString();
          check();
        };
        child.stdout.on('data', onData);
        child.once('exit', () => reject(new Error(`child exited; output: ${output}`)));
        check();
      });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const [, port] = await lines(/listening (\d+)/);
    const inFlight = get(Number(port), '/api/users');
    await lines(/started/);
    child.kill('SIGTERM');
    const answer = await inFlight;

    assert.is(answer.status, 200);
    assert.equal(JSON.parse(answer.body ?? ''), ['finished after SIGTERM']);
    assert.is(await exited, 0);
  } finally {
    clearTimeout(killer);
    child.kill('SIGKILL');
  }
});

test('while draining the server is not ready and refuses new route requests with 503', async () => {
  const app = createUsersServer(createMemoryHandlers());
  const shutdown = installGracefulShutdown(app, { signals: [], exit: () => {} });
  assert.ok(isReady(app));
  const before = await app.inject({ url: '/api/users' });
  const drained = shutdown.drain();

  assert.not.ok(isReady(app));
  assert.is(before.statusCode, 200);
  assert.is(await drained, 0);
  assert.is(shutdown.drain(), drained);
  shutdown.dispose();
});

test('a request arriving on an open connection while draining gets 503 shutting_down', async () => {
  const handlers = createMemoryHandlers();
  const app = createUsersServer(handlers);
  const shutdown = installGracefulShutdown(app, { signals: [], exit: () => {} });
  // Hold the close open with one more onClose hook, as a slow in-flight request would.
  let release = (): void => {};
  app.addHook('onClose', () => new Promise<void>((resolve) => (release = resolve)));
  await app.ready();
  const drained = shutdown.drain();
  const response = await app.inject({ url: '/api/users' });
  release();
  await drained;

  assert.is(response.statusCode, 503);
  assert.is(response.json().error, 'shutting_down');
  assert.is(response.headers.connection, 'close');
  assert.is(handlers.calls.listUsers, undefined);
});

test('/health/ready turns 503 while the server drains', async () => {
  const metrics = new MetricsRegistry();
  const app = createUsersServer(createMemoryHandlers(), { monitoring: { metrics } });
  let release = (): void => {};
  app.addHook('onClose', () => new Promise<void>((resolve) => (release = resolve)));
  const shutdown = installGracefulShutdown(app, { signals: [], exit: () => {} });
  const ready = await app.inject({ url: '/health/ready' });
  const drained = shutdown.drain();
  const draining = await app.inject({ url: '/health/ready' });
  release();
  await drained;

  assert.is(ready.statusCode, 200);
  assert.is(draining.statusCode, 503);
});

test('requests still running after drainTimeoutMs lose their connection and the code is 1', async () => {
  const clock = new FakeClock();
  interface Handlers {
    hang(): Promise<string>;
  }
  const routes: readonly ServerRoute<Handlers>[] = [
    { name: 'hang', method: 'GET', url: '/hang', profile: 'p', invoke: (h) => h.hang() },
  ];
  let started = false;
  const app = createResilientServer(routes, {
    handlers: {
      hang: () => {
        started = true;

        return new Promise(() => {});
      },
    },
  });
  const exits: number[] = [];
  const shutdown = installGracefulShutdown(app, {
    signals: ['SIGUSR2'],
    drainTimeoutMs: 1000,
    clock,
    exit: (code) => exits.push(code),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const hanging = get(port, '/hang');
  for (let turn = 0; turn < 500 && !started; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  process.kill(process.pid, 'SIGUSR2');
  await clock.waitForPending(1);
  assert.equal(
    clock.pending.map((sleep) => sleep.ms),
    [1000],
  );
  await clock.advance(1000);

  assert.is(await shutdown.drain(), 1);
  assert.equal(await hanging, { error: 'ECONNRESET' });
  for (let turn = 0; turn < 100 && exits.length === 0; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(exits, [1]);
  shutdown.dispose();
});

test.run();
