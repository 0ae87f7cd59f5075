import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RESERVED_RESPONSE_HEADERS } from '../../../runtime/index.js';
import { createMemoryHandlers, createUsersServer } from './users-fixture.js';

test('a route without @Status answers 200 with its body', async () => {
  const response = await createUsersServer(createMemoryHandlers()).inject({ url: '/api/users' });

  assert.is(response.statusCode, 200);
  assert.equal(response.json(), [{ id: 1, name: 'Ada', email: 'ada@example.com' }]);
});

test('a route with status 201 answers 201', async () => {
  const response = await createUsersServer(createMemoryHandlers()).inject({
    method: 'POST',
    url: '/api/users',
    payload: { name: 'Bob', email: 'bob@example.com' },
  });

  assert.is(response.statusCode, 201);
  assert.equal(response.json(), { id: 2, name: 'Bob', email: 'bob@example.com' });
});

test('a Promise<void> route answers 204 with an empty body', async () => {
  const handlers = createMemoryHandlers();
  const response = await createUsersServer(handlers).inject({
    method: 'DELETE',
    url: '/api/users/1',
  });

  assert.is(response.statusCode, 204);
  assert.is(response.body, '');
  assert.is(response.headers['content-type'], undefined);
  assert.is(handlers.calls.deleteUser, 1);
});

test('fields the response schema does not list never leave the server', async () => {
  // The memory handler adds a `password` field to the user it returns.
  const response = await createUsersServer(createMemoryHandlers()).inject({
    url: '/api/users/1',
  });

  assert.is(response.statusCode, 200);
  assert.not.match(response.body, /password|hunter2/);
  assert.equal(Object.keys(response.json()).sort(), ['email', 'id', 'name']);
});

test('a sane incoming X-Request-Id is kept and echoed', async () => {
  const response = await createUsersServer(createMemoryHandlers()).inject({
    url: '/api/users',
    headers: { 'x-request-id': 'trace-0A1b.2:c_3' },
  });

  assert.is(response.headers['x-request-id'], 'trace-0A1b.2:c_3');
});

for (const [what, id] of [
  ['too long', 'a'.repeat(129)],
  ['with a space', 'a b'],
  ['with a quote', 'a"b'],
  ['empty', ''],
] as const) {
  test(`an X-Request-Id ${what} is replaced by a fresh UUID`, async () => {
    const response = await createUsersServer(createMemoryHandlers()).inject({
      url: '/api/nope',
      headers: { 'x-request-id': id },
    });

    const echoed = response.headers['x-request-id'];
    assert.match(String(echoed), /^[0-9a-f-]{36}$/);
    assert.is(response.json().requestId, echoed);
  });
}

test('the handler sees the request id and a live signal in its context', async () => {
  const handlers = createMemoryHandlers();
  let seen: { requestId: string; aborted: boolean; route: string } | undefined;
  handlers.listUsers = async (context) => {
    seen = { requestId: context.requestId, aborted: context.signal.aborted, route: context.route };

    return [];
  };
  await createUsersServer(handlers).inject({
    url: '/api/users',
    headers: { 'x-request-id': 'req-1' },
  });

  assert.equal(seen, { requestId: 'req-1', aborted: false, route: 'GET /api/users' });
});

test('a handler reports a fallback source and sets a header on the answer', async () => {
  const handlers = createMemoryHandlers();
  handlers.listUsers = async (context) => {
    context.reportSource('stale-cache');
    context.setHeader('Cache-Status', 'origin; hit');

    return [];
  };
  const response = await createUsersServer(handlers).inject({ url: '/api/users' });

  assert.is(response.headers['x-resilience-fallback'], 'stale-cache');
  assert.is(response.headers['cache-status'], 'origin; hit');
});

test('reporting the network as source after a fallback clears the fallback header', async () => {
  const handlers = createMemoryHandlers();
  handlers.listUsers = async (context) => {
    context.reportSource('default');
    context.reportSource('network');

    return [];
  };
  const response = await createUsersServer(handlers).inject({ url: '/api/users' });

  assert.is(response.headers['x-resilience-fallback'], undefined);
});

for (const name of RESERVED_RESPONSE_HEADERS) {
  test(`a handler setting the reserved header ${name} fails with a 500`, async () => {
    const handlers = createMemoryHandlers();
    handlers.listUsers = async (context) => {
      context.setHeader(name, 'x');

      return [];
    };
    const response = await createUsersServer(handlers).inject({ url: '/api/users' });

    assert.is(response.statusCode, 500);
  });
}

test('a handler setting a header value with a line break fails with a 500', async () => {
  const handlers = createMemoryHandlers();
  handlers.listUsers = async (context) => {
    context.setHeader('x-note', 'a\r\nset-cookie: x=1');

    return [];
  };
  const response = await createUsersServer(handlers).inject({ url: '/api/users' });

  assert.is(response.statusCode, 500);
  assert.is(response.headers['set-cookie'], undefined);
});

test('an answer that misses a required field of the response schema is a 500', async () => {
  const handlers = createMemoryHandlers();
  handlers.getUser = async () => ({ id: 1, name: 'Ada' }) as never;
  const response = await createUsersServer(handlers).inject({ url: '/api/users/1' });

  assert.is(response.statusCode, 500);
  assert.is(response.json().error, 'internal_error');
});

test.run();
