import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeClock } from '../../../runtime/fake-clock.js';
import type { NewUser, User } from './users-fixture.js';
import { createMemoryHandlers, createUsersServer, ERROR_KEYS, waitFor } from './users-fixture.js';

const ada = { name: 'Ada', email: 'ada@example.com' };

function post(key: string | undefined, payload: unknown = ada) {
  return {
    method: 'POST' as const,
    url: '/api/users',
    payload: payload as Record<string, unknown>,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  };
}

test('an idempotent route hit twice with one key runs the handler once', async () => {
  const handlers = createMemoryHandlers();
  const app = createUsersServer(handlers);
  const first = await app.inject(post('key-1'));
  const second = await app.inject(post('key-1'));

  assert.is(handlers.calls.createUser, 1);
  assert.is(first.statusCode, 201);
  assert.is(second.statusCode, 201);
  assert.is(second.body, first.body);
  assert.is(second.headers['content-type'], first.headers['content-type']);
  assert.is(first.headers['idempotency-replayed'], undefined);
  assert.is(second.headers['idempotency-replayed'], 'true');
});

test('the replay keeps the headers the handler set', async () => {
  const handlers = createMemoryHandlers();
  handlers.createUser = async (body, context) => {
    context.reportSource('alternative');

    return { id: 9, ...body };
  };
  const app = createUsersServer(handlers);
  await app.inject(post('key-h'));
  const replay = await app.inject(post('key-h'));

  assert.is(replay.headers['x-resilience-fallback'], 'alternative');
});

test('the same body with its keys in another order is the same request', async () => {
  const handlers = createMemoryHandlers();
  const app = createUsersServer(handlers);
  await app.inject(post('key-o', { name: 'Ada', email: 'ada@example.com' }));
  const again = await app.inject(post('key-o', { email: 'ada@example.com', name: 'Ada' }));

  assert.is(again.statusCode, 201);
  assert.is(handlers.calls.createUser, 1);
});

test('a key reused with another body is a 422 and the handler does not run', async () => {
  const handlers = createMemoryHandlers();
  const app = createUsersServer(handlers);
  await app.inject(post('key-2'));
  const reused = await app.inject(post('key-2', { name: 'Bob', email: 'bob@example.com' }));

  assert.is(reused.statusCode, 422);
  assert.equal(Object.keys(reused.json()).sort(), ERROR_KEYS);
  assert.is(reused.json().error, 'idempotency_key_reused');
  assert.is(handlers.calls.createUser, 1);
});

test('a repeat while the first still runs waits for it and replays its answer', async () => {
  const handlers = createMemoryHandlers();
  let finish = (_user: User): void => {};
  handlers.createUser = (body: NewUser) => {
    handlers.calls.createUser = (handlers.calls.createUser ?? 0) + 1;

    return new Promise<User>((resolve) => {
      finish = () => resolve({ id: 5, ...body });
    });
  };
  const app = createUsersServer(handlers);
  const first = app.inject(post('key-3'));
  await waitFor(() => handlers.calls.createUser === 1);
  const second = app.inject(post('key-3'));
  const otherBody = await app.inject(post('key-3', { name: 'Eve', email: 'eve@example.com' }));
  finish({ id: 5, ...ada });
  const [a, b] = await Promise.all([first, second]);

  assert.is(otherBody.statusCode, 422);
  assert.is(handlers.calls.createUser, 1);
  assert.is(a.statusCode, 201);
  assert.is(b.statusCode, 201);
  assert.is(b.body, a.body);
  assert.is(b.headers['idempotency-replayed'], 'true');
});

test('a failed first run is not stored, so a retry with the key runs again', async () => {
  const handlers = createMemoryHandlers();
  const create = handlers.createUser;
  let failures = 1;
  handlers.createUser = async (body, context) => {
    if (failures-- > 0) {
      throw new Error('database restarting');
    }

    return create(body, context);
  };
  const app = createUsersServer(handlers);
  const failed = await app.inject(post('key-4'));
  const retried = await app.inject(post('key-4'));

  assert.is(failed.statusCode, 500);
  assert.is(retried.statusCode, 201);
  assert.is(retried.headers['idempotency-replayed'], undefined);
});

test('without a key every request runs', async () => {
  const handlers = createMemoryHandlers();
  const app = createUsersServer(handlers);
  await app.inject(post(undefined));
  await app.inject(post(undefined));

  assert.is(handlers.calls.createUser, 2);
});

test('a stored answer expires after ttlMs', async () => {
  const clock = new FakeClock();
  const handlers = createMemoryHandlers();
  const app = createUsersServer(handlers, { clock, idempotency: { ttlMs: 1000 } });
  await app.inject(post('key-5'));
  await clock.advance(999);
  await app.inject(post('key-5'));
  assert.is(handlers.calls.createUser, 1);
  await clock.advance(2);
  await app.inject(post('key-5'));

  assert.is(handlers.calls.createUser, 2);
});

test('the store keeps at most maxEntries answers, dropping the least recently used', async () => {
  const handlers = createMemoryHandlers();
  const app = createUsersServer(handlers, { idempotency: { maxEntries: 2 } });
  for (const key of ['a', 'b', 'c', 'a']) {
    await app.inject(post(`key-${key}`));
  }

  assert.is(handlers.calls.createUser, 4);
});

for (const [what, key] of [
  ['too long', 'k'.repeat(256)],
  ['with a space', 'a b'],
  ['with a non-ASCII letter', 'clé'],
] as const) {
  test(`an Idempotency-Key ${what} is a 400`, async () => {
    const handlers = createMemoryHandlers();
    const response = await createUsersServer(handlers).inject(post(key));

    assert.is(response.statusCode, 400);
    assert.is(response.json().error, 'invalid_idempotency_key');
    assert.is(handlers.calls.createUser, undefined);
  });
}

test('a route not marked idempotent ignores the key', async () => {
  const handlers = createMemoryHandlers();
  const app = createUsersServer(handlers);
  const request = { method: 'DELETE' as const, url: '/api/users/1' };
  await app.inject({ ...request, headers: { 'idempotency-key': 'key-d' } });
  const again = await app.inject({ ...request, headers: { 'idempotency-key': 'key-d' } });

  assert.is(handlers.calls.deleteUser, 2);
  assert.is(again.headers['idempotency-replayed'], undefined);
});

test.run();
