import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createOriginServer, createReplicaServer } from '../../examples/users/origin/server.js';
import { IN_MEMORY, openUsersStore } from '../../examples/users/origin/store.js';
import type { UsersStore } from '../../examples/users/origin/store.js';

const T0 = Date.UTC(2024, 0, 15, 10, 30);
const ADA = { name: 'Ada', email: 'ada@example.com' };

/** An origin over `store`, answering through `inject` (no port needed). */
function startOrigin(store: UsersStore) {
  const app = createOriginServer(store);
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: object) => {
    const response = await app.inject({ method, url, ...(body ? { payload: body } : {}) });

    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body === '' ? undefined : response.json(),
    };
  };

  return { app, call };
}

/** Runs `work` with an origin over a new in-memory store, and closes both after. */
async function withOrigin(
  options: { readonly now?: () => number },
  work: (origin: ReturnType<typeof startOrigin> & { store: UsersStore }) => Promise<void>,
): Promise<void> {
  const store = openUsersStore({ file: IN_MEMORY, ...options });
  const origin = startOrigin(store);
  try {
    await work({ ...origin, store });
  } finally {
    await origin.app.close();
    store.close();
  }
}

const withTempDir = async (work: (dir: string) => Promise<void>): Promise<void> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'resilgen-users-'));
  try {
    await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

test('the origin sets id and created_at itself, and refuses a created_at sent by the client', () => {
  let now = T0;

  return withOrigin({ now: () => now }, async ({ call }) => {
    const first = await call('POST', '/api/users', ADA);
    now += 60_000;
    const second = await call('POST', '/api/users', { name: 'Bob', email: 'bob@example.com' });
    const forged = await call('POST', '/api/users', {
      ...ADA,
      email: 'eve@example.com',
      created_at: '1999-01-01T00:00:00.000Z',
    });

    assert.is(first.status, 201);
    assert.equal(first.body, { id: 1, ...ADA, created_at: '2024-01-15T10:30:00.000Z' });
    assert.equal(second.body, {
      id: 2,
      name: 'Bob',
      email: 'bob@example.com',
      created_at: '2024-01-15T10:31:00.000Z',
    });
    assert.is(forged.status, 400);
    assert.is(forged.body.error, 'validation_failed');
  });
});

test('a missing id is 404 user_not_found for GET, PUT and DELETE', () =>
  withOrigin({}, async ({ call }) => {
    for (const [method, body] of [['GET'], ['PUT', ADA], ['DELETE']] as const) {
      const answer = await call(method, '/api/users/7', body);

      assert.is(answer.status, 404, method);
      assert.is(answer.body.error, 'user_not_found');
      assert.is(
        answer.body.message,
        'No user has the id 7. GET /api/users lists the users there are.',
      );
    }
  }));

test('an email another user has is 409 email_taken, whatever its case, on create and update', () =>
  withOrigin({}, async ({ call, store }) => {
    await call('POST', '/api/users', ADA);
    const bob = await call('POST', '/api/users', { name: 'Bob', email: 'bob@example.com' });

    const duplicate = await call('POST', '/api/users', { name: 'Ada 2', email: 'ADA@example.com' });
    const stolen = await call('PUT', `/api/users/${bob.body.id}`, {
      name: 'Bob',
      ...{ email: ADA.email },
    });
    const kept = await call('PUT', `/api/users/${bob.body.id}`, {
      name: 'Robert',
      email: 'bob@example.com',
    });

    assert.is(duplicate.status, 409);
    assert.is(duplicate.body.error, 'email_taken');
    assert.match(duplicate.body.message, "'ADA@example.com'");
    assert.is(stolen.status, 409);
    assert.is(kept.status, 200, 'a user may keep its own email');
    assert.equal(kept.body, { ...bob.body, name: 'Robert' });
    assert.equal(
      store.list().map((user) => user.email),
      [ADA.email, 'bob@example.com'],
    );
  }));

test('users persist in the SQLite file across a restart, and ids are never reused', async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, 'data', 'users.sqlite');
    const firstStore = openUsersStore({ file });
    const first = startOrigin(firstStore);
    const ada = (await first.call('POST', '/api/users', ADA)).body;
    const bob = (await first.call('POST', '/api/users', { name: 'Bob', email: 'bob@example.com' }))
      .body;
    await first.call('DELETE', `/api/users/${bob.id}`);
    await first.app.close();
    firstStore.close();
    assert.ok(existsSync(file), 'the folder and file are made on first use');

    const secondStore = openUsersStore({ file });
    const second = startOrigin(secondStore);
    try {
      assert.equal((await second.call('GET', `/api/users/${ada.id}`)).body, ada);
      const carol = await second.call('POST', '/api/users', {
        name: 'Carol',
        email: 'c@example.com',
      });
      assert.is(carol.body.id, 3);
    } finally {
      await second.app.close();
      secondStore.close();
    }
  });
});

test('the replica reads what the origin writes to the same file and refuses writes with 405', async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, 'users.sqlite');
    const store = openUsersStore({ file });
    const reader = openUsersStore({ file, readonly: true });
    const origin = startOrigin(store);
    const replica = createReplicaServer(reader);
    try {
      const ada = (await origin.call('POST', '/api/users', ADA)).body;

      const listed = await replica.inject({ method: 'GET', url: '/api/users' });
      const refused = await replica.inject({ method: 'POST', url: '/api/users', payload: ADA });
      const deleted = await replica.inject({ method: 'DELETE', url: `/api/users/${ada.id}` });

      assert.equal(listed.json(), [ada]);
      assert.is(refused.statusCode, 405);
      assert.is(refused.json().error, 'read_only_replica');
      assert.is(refused.headers.allow, 'GET, HEAD');
      assert.is(deleted.statusCode, 405);
      assert.equal(store.list(), [ada], 'nothing was written');
      assert.throws(() => reader.remove(ada.id), /read-only/);
    } finally {
      await replica.close();
      await origin.app.close();
      reader.close();
      store.close();
    }
  });
});

test('a read-only store needs its file to exist: start the origin first', () => {
  assert.throws(() =>
    openUsersStore({
      file: path.join(tmpdir(), 'resilgen-absent', 'users.sqlite'),
      readonly: true,
    }),
  );
});

test('PUT /chaos stages an outage of the origin and an empty fault list ends it', () =>
  withOrigin({}, async ({ app, call }) => {
    const down = { enabled: true, faults: [{ route: '*', rate: 1, kind: 'error', status: 503 }] };
    assert.is((await app.inject({ method: 'PUT', url: '/chaos', payload: down })).statusCode, 200);

    const failed = await call('GET', '/api/users');
    assert.is(failed.status, 503);
    assert.is(failed.body.error, 'chaos_fault');
    const healed = { enabled: true, faults: [] };
    await app.inject({ method: 'PUT', url: '/chaos', payload: healed });
    assert.is((await call('GET', '/api/users')).status, 200);
  }));

test.run();
