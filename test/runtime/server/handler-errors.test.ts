import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeClock } from '../../../runtime/fake-clock.js';
import {
  HttpError,
  NetworkError,
  ResponseTooLargeError,
  ResponseValidationError,
} from '../../../runtime/http-errors.js';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  RetriesExhaustedError,
  TimeoutError,
} from '../../../runtime/policy-errors.js';
import { createMemoryHandlers, createUsersServer, ERROR_KEYS } from './users-fixture.js';

const call = { route: 'GET /users/:id', profile: 'default' };

function upstreamAnswer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new HttpError(
    { status, body, headers, contentType: 'application/json', bodyPreview: JSON.stringify(body) },
    call,
  );
}

/** Serves GET /api/users/1 with a handler that throws `error`; returns the answer. */
async function answerThrown(error: unknown, clock = new FakeClock()) {
  const handlers = createMemoryHandlers();
  handlers.getUser = async () => {
    throw error;
  };
  const response = await createUsersServer(handlers, { clock }).inject({ url: '/api/users/1' });
  const body = response.json();
  assert.equal(Object.keys(body).sort(), ERROR_KEYS);

  return { response, body };
}

test("an upstream 404 in this server's error shape passes through with its code", async () => {
  const { response, body } = await answerThrown(
    upstreamAnswer(404, {
      error: 'not_found',
      message: 'No user 1.',
      details: [],
      requestId: 'upstream-id',
    }),
  );

  assert.is(response.statusCode, 404);
  assert.is(body.error, 'not_found');
  assert.is(body.message, 'No user 1.');
  assert.is(body.requestId, response.headers['x-request-id']);
});

test('an upstream 4xx with a foreign body passes through with a generic safe body', async () => {
  const { response, body } = await answerThrown(
    upstreamAnswer(409, { trace: 'at Db.insert (/srv/app.js:10)', sql: 'INSERT ...' }),
  );

  assert.is(response.statusCode, 409);
  assert.is(body.error, 'conflict');
  assert.not.match(response.body, /Db\.insert|INSERT/);
});

test('an upstream 429 keeps its Retry-After', async () => {
  const { response } = await answerThrown(upstreamAnswer(429, 'slow down', { 'retry-after': '7' }));

  assert.is(response.statusCode, 429);
  assert.is(response.headers['retry-after'], '7');
});

test('an upstream 5xx becomes 502 without its body', async () => {
  const { response, body } = await answerThrown(
    upstreamAnswer(500, { error: 'internal_error', message: 'db password wrong', details: [] }),
  );

  assert.is(response.statusCode, 502);
  assert.is(body.error, 'upstream_error');
  assert.not.match(response.body, /password/);
});

test('an unreachable upstream becomes 503 upstream_unreachable', async () => {
  const { response, body } = await answerThrown(new NetworkError('ECONNREFUSED', 'refused', call));

  assert.is(response.statusCode, 503);
  assert.is(body.error, 'upstream_unreachable');
});

test('an unusable upstream answer becomes 502 upstream_invalid_answer', async () => {
  const answer = { status: 200, headers: {}, contentType: 'text/html', bodyPreview: '<html>' };
  const { response, body } = await answerThrown(
    new ResponseValidationError('decode', answer, call),
  );

  assert.is(response.statusCode, 502);
  assert.is(body.error, 'upstream_invalid_answer');
});

test('an upstream answer past the size limit becomes 502 upstream_invalid_answer', async () => {
  const { response, body } = await answerThrown(new ResponseTooLargeError(4096, call));

  assert.is(response.statusCode, 502);
  assert.is(body.error, 'upstream_invalid_answer');
  assert.not.match(response.body, /4096/);
});

test('exhausted retries are answered as their last error', async () => {
  const last = upstreamAnswer(500, 'broken');
  const { response } = await answerThrown(new RetriesExhaustedError(3, last, call));

  assert.is(response.statusCode, 502);
});

test('an upstream 503 makes the route 503, keeping a sane Retry-After only', async () => {
  const { response, body } = await answerThrown(
    upstreamAnswer(503, 'busy', { 'retry-after': '12' }),
  );
  const hostile = await answerThrown(
    upstreamAnswer(503, 'busy', { 'retry-after': '1\r\nSet-Cookie: x=1' }),
  );

  assert.is(response.statusCode, 503);
  assert.is(body.error, 'upstream_unavailable');
  assert.is(response.headers['retry-after'], '12');
  assert.is(hostile.response.statusCode, 503);
  assert.is(hostile.response.headers['retry-after'], undefined);
});

test('an open breaker is a 503 whose Retry-After counts the seconds to its next trial', async () => {
  const clock = new FakeClock(10_000);
  const { response, body } = await answerThrown(
    new BrokenCircuitError('default', 'open', 10_000 + 12_300, call),
    clock,
  );

  assert.is(response.statusCode, 503);
  assert.is(body.error, 'circuit_open');
  assert.is(response.headers['retry-after'], '13');
});

test('an isolated breaker is a 503 without Retry-After, as nobody knows when', async () => {
  const { response } = await answerThrown(
    new BrokenCircuitError('default', 'isolated', null, call),
  );

  assert.is(response.statusCode, 503);
  assert.is(response.headers['retry-after'], undefined);
});

test("a full bulkhead of the handler's own client is a 503 with Retry-After", async () => {
  const error = new BulkheadRejectedError(
    'queue-full',
    { maxConcurrent: 1, maxQueue: 0, waitedMs: 0 },
    call,
  );
  const { response, body } = await answerThrown(error);

  assert.is(response.statusCode, 503);
  assert.is(body.error, 'overloaded');
  assert.is(response.headers['retry-after'], '1');
});

test('an upstream timeout is a 504', async () => {
  const { response, body } = await answerThrown(new TimeoutError('total', 2000, call));

  assert.is(response.statusCode, 504);
  assert.is(body.error, 'timeout');
});

test('any other error is a 500 with a generic message, never the internal one', async () => {
  const { response, body } = await answerThrown(new Error('secret: table users_v2 is locked'));

  assert.is(response.statusCode, 500);
  assert.is(body.error, 'internal_error');
  assert.not.match(response.body, /secret|users_v2|at /);
  assert.match(body.message, /request id/);
});

test('a thrown non-error value is a 500 too', async () => {
  const { response } = await answerThrown('just a string');

  assert.is(response.statusCode, 500);
});

test('a handler that throws before returning a promise is a 500 in the error shape', async () => {
  const handlers = createMemoryHandlers();
  handlers.getUser = () => {
    throw new Error('secret: thrown at once');
  };
  const response = await createUsersServer(handlers).inject({ url: '/api/users/1' });

  assert.is(response.statusCode, 500);
  assert.equal(Object.keys(response.json()).sort(), ERROR_KEYS);
  assert.not.match(response.body, /secret/);
});

test('a handler that returns a plain value instead of a promise is answered with it', async () => {
  const handlers = createMemoryHandlers();
  const user = { id: 1, name: 'Ada', email: 'ada@example.com' };
  handlers.getUser = (() => user) as unknown as typeof handlers.getUser;
  const response = await createUsersServer(handlers).inject({ url: '/api/users/1' });

  assert.is(response.statusCode, 200);
  assert.equal(response.json(), user);
});

test.run();
