import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LightMyRequestResponse } from 'fastify';
import { createMemoryHandlers, createUsersServer, ERROR_KEYS } from './users-fixture.js';

/** Parses an error answer and checks it has exactly the documented keys. */
function readErrorBody(response: LightMyRequestResponse) {
  assert.match(String(response.headers['content-type']), /^application\/json/);
  const body = response.json();
  assert.equal(Object.keys(body).sort(), ERROR_KEYS);
  assert.is(body.requestId, response.headers['x-request-id']);

  return body;
}

const json = { 'content-type': 'application/json' };

test('a path parameter that is not an integer is a 400 naming the parameter', async () => {
  const app = createUsersServer(createMemoryHandlers());
  const response = await app.inject({ url: '/api/users/abc' });

  assert.is(response.statusCode, 400);
  const body = readErrorBody(response);
  assert.is(body.error, 'validation_failed');
  assert.equal(body.details, [{ location: 'params', path: '/id', message: 'must be integer' }]);
});

test('a path parameter is coerced before it reaches the handler', async () => {
  const handlers = createMemoryHandlers();
  let received: unknown;
  handlers.getUser = async (id) => {
    received = id;

    return { id: 1, name: 'Ada', email: 'ada@example.com' };
  };
  const response = await createUsersServer(handlers).inject({ url: '/api/users/1' });

  assert.is(response.statusCode, 200);
  assert.is(received, 1);
});

test('a body without a required field is a 400 naming the field', async () => {
  const handlers = createMemoryHandlers();
  const response = await createUsersServer(handlers).inject({
    method: 'POST',
    url: '/api/users',
    payload: { name: 'Ada' },
  });

  assert.is(response.statusCode, 400);
  const body = readErrorBody(response);
  assert.is(body.error, 'validation_failed');
  assert.equal(body.details, [
    { location: 'body', path: '/email', message: "must have required property 'email'" },
  ]);
  assert.match(body.message, /\/email/);
  assert.is(handlers.calls.createUser, undefined);
});

test('a body field of the wrong type is not coerced: 400', async () => {
  const response = await createUsersServer(createMemoryHandlers()).inject({
    method: 'POST',
    url: '/api/users',
    payload: { name: 1, email: 'ada@example.com' },
  });

  assert.is(response.statusCode, 400);
  assert.equal(readErrorBody(response).details[0].path, '/name');
});

test('malformed JSON is a 400 malformed_json', async () => {
  const response = await createUsersServer(createMemoryHandlers()).inject({
    method: 'POST',
    url: '/api/users',
    headers: json,
    payload: '{"name": "Ada",',
  });

  assert.is(response.statusCode, 400);
  assert.is(readErrorBody(response).error, 'malformed_json');
});

test('an empty body with a JSON content type is a 400 malformed_json', async () => {
  const response = await createUsersServer(createMemoryHandlers()).inject({
    method: 'POST',
    url: '/api/users',
    headers: json,
    payload: '',
  });

  assert.is(response.statusCode, 400);
  assert.is(readErrorBody(response).error, 'malformed_json');
});

for (const [name, payload] of [
  ['__proto__', '{"__proto__": {"admin": true}, "name": "Ada", "email": "a@b.io"}'],
  [
    'constructor.prototype',
    '{"constructor": {"prototype": {"x": 1}}, "name": "Ada", "email": "a@b.io"}',
  ],
] as const) {
  test(`a body with a ${name} key is a 400 forbidden_property`, async () => {
    const handlers = createMemoryHandlers();
    const response = await createUsersServer(handlers).inject({
      method: 'POST',
      url: '/api/users',
      headers: json,
      payload,
    });

    assert.is(response.statusCode, 400);
    assert.is(readErrorBody(response).error, 'forbidden_property');
    assert.is(handlers.calls.createUser, undefined);
  });
}

test('a body over the limit is a 413', async () => {
  const app = createUsersServer(createMemoryHandlers(), { bodyLimit: 100 });
  const response = await app.inject({
    method: 'POST',
    url: '/api/users',
    headers: json,
    payload: JSON.stringify({ name: 'x'.repeat(200), email: 'a@b.io' }),
  });

  assert.is(response.statusCode, 413);
  assert.is(readErrorBody(response).error, 'payload_too_large');
});

test('the default body limit is 1 MiB', async () => {
  const app = createUsersServer(createMemoryHandlers());
  const send = (size: number) =>
    app.inject({
      method: 'POST',
      url: '/api/users',
      headers: json,
      payload: JSON.stringify({ name: 'x'.repeat(size), email: 'a@b.io' }),
    });

  assert.is((await send(1_048_576)).statusCode, 413);
  assert.is((await send(1_000_000)).statusCode, 201);
});

for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
  test(`a body of type ${contentType} is a 415`, async () => {
    const response = await createUsersServer(createMemoryHandlers()).inject({
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': contentType },
      payload: 'name=Ada',
    });

    assert.is(response.statusCode, 415);
    assert.is(readErrorBody(response).error, 'unsupported_media_type');
  });
}

test('an unknown path is a 404', async () => {
  const response = await createUsersServer(createMemoryHandlers()).inject({ url: '/api/nope' });

  assert.is(response.statusCode, 404);
  assert.is(readErrorBody(response).error, 'not_found');
});

test('a known path with a wrong method is a 405 whose Allow lists the path methods', async () => {
  const app = createUsersServer(createMemoryHandlers());
  const item = await app.inject({ method: 'PUT', url: '/api/users/7?x=1' });
  const collection = await app.inject({ method: 'DELETE', url: '/api/users' });

  assert.is(item.statusCode, 405);
  assert.is(readErrorBody(item).error, 'method_not_allowed');
  assert.is(item.headers.allow, 'GET, HEAD, DELETE');
  assert.is(collection.statusCode, 405);
  assert.is(collection.headers.allow, 'GET, HEAD, POST');
});

test('a path one segment longer than a route is a 404, not a 405', async () => {
  const response = await createUsersServer(createMemoryHandlers()).inject({
    method: 'PUT',
    url: '/api/users/7/extra',
  });

  assert.is(response.statusCode, 404);
});

test.run();
