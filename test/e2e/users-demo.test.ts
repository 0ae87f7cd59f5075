import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BANNER_READY, formatBanner } from '../../examples/users/demo/banner.js';
import { DEMO_DEFAULTS, readDemoSettings } from '../../examples/users/demo/settings.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const URLS = {
  gateway: 'http://127.0.0.1:8080',
  origin: 'http://127.0.0.1:8081',
  replica: 'http://127.0.0.1:8082',
};

test("the banner is the seed's, in English: endpoints, routes with their profiles, profiles", () => {
  const lines = formatBanner(URLS).split('\n');

  for (const expected of [
    '🚀 Resilient server running at http://127.0.0.1:8080',
    '  GET /health      - System health status',
    '  GET /metrics     - Performance metrics',
    '  GET /resilience  - Resilience statistics',
    '  GET    /api/users     - List users (High Availability)',
    '  GET    /api/users/:id - Get user (Default)',
    '  POST   /api/users     - Create user (Fast Fail)',
    '  PUT    /api/users/:id - Update user (Fast Fail)',
    '  DELETE /api/users/:id - Delete user (Fast Fail)',
    '  • Default: 3 attempts, circuit breaker, cache fallback',
    '  • High Availability: 5 attempts, fast recovery, replica fallback',
    '  • Fast Fail: 1 attempt, fails fast',
    '      no retry; breaker opens after 2 failures for 5 s; no fallback',
  ]) {
    assert.ok(lines.includes(expected), `missing line: ${expected}`);
  }
});

test('the demo listens on 8080, 8081 and 8082 unless PORT, ORIGIN_PORT or REPLICA_PORT say otherwise', () => {
  assert.equal(readDemoSettings({}), {
    gatewayPort: 8080,
    originPort: 8081,
    replicaPort: 8082,
    databaseFile: DEMO_DEFAULTS.databaseFile,
  });
  assert.equal(readDemoSettings({ PORT: '9000', ORIGIN_PORT: '9100' }), {
    gatewayPort: 9000,
    originPort: 9100,
    replicaPort: 9101,
    databaseFile: DEMO_DEFAULTS.databaseFile,
  });
  assert.is(readDemoSettings({ ORIGIN_PORT: '0' }).replicaPort, 0);
  assert.is(readDemoSettings({ REPLICA_PORT: '7000' }).replicaPort, 7000);
  assert.throws(() => readDemoSettings({ PORT: '80a' }), /PORT must be a port .* received '80a'/);
  assert.throws(() => readDemoSettings({ ORIGIN_PORT: '70000' }), /ORIGIN_PORT/);
  assert.throws(() => readDemoSettings({ ORIGIN_PORT: '65535' }), /set REPLICA_PORT/);
});

test('npm run demo starts the three servers, answers /health, and exits with 0 on SIGTERM', async () => {
  const script = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.demo;
  const [command, ...args] = script.split(' ');
  assert.is(command, 'node', 'the script runs node directly, so signals reach the demo');
  const dir = mkdtempSync(path.join(tmpdir(), 'resilgen-demo-'));
  const databaseFile = path.join(dir, 'data', 'users.sqlite');
  // npm itself exits on SIGTERM without waiting for its script, so the test runs the script's
  // command directly, as npm would, and signals the demo itself.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      ORIGIN_PORT: '0',
      REPLICA_PORT: '0',
      USERS_DB_FILE: databaseFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const ready = new RegExp(`${BANNER_READY}(http://127\\.0\\.0\\.1:\\d+)`);
    const gateway = await waitFor(
      () => output.match(ready)?.[1],
      exited,
      () => output,
    );

    const health = await fetch(`${gateway}/health`);
    assert.is(health.status, 200);
    assert.is(((await health.json()) as { status: string }).status, 'healthy');
    const created = await fetch(`${gateway}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', email: 'ada@example.com' }),
    });
    assert.is(created.status, 201);
    assert.ok(existsSync(databaseFile), 'the SQLite file is made on first run');

    child.kill('SIGTERM');
    assert.is(await exited, 0, output);
    assert.match(output, 'Stopped.');
  } finally {
    clearTimeout(killer);
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Polls `read` every 20 ms until it gives a value; fails when the child exits first. */
async function waitFor<T>(
  read: () => T | undefined,
  exited: Promise<unknown>,
  describe: () => string,
): Promise<T> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    const value = read();
    if (value !== undefined) {
      return value;
    }
    if (gone) {
      throw new Error(`the demo exited before it was ready:\n${describe()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test.run();
