import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ServerRoute } from '../../../runtime/index.js';
import {
  buildUserRoutes,
  createMemoryHandlers,
  createUsersServer,
  expectRuntimeError,
} from './users-fixture.js';
import type { User, UsersHandlers } from './users-fixture.js';

function expectInvalidTable(routes: readonly ServerRoute<UsersHandlers>[], message: RegExp): void {
  expectRuntimeError(
    () => createUsersServer(createMemoryHandlers(), {}, routes),
    'RT_INVALID_SERVER_OPTIONS',
    message,
  );
}

const [list, get] = buildUserRoutes() as [ServerRoute<UsersHandlers>, ServerRoute<UsersHandlers>];

test('a route URL with a regular-expression parameter is refused', () => {
  expectInvalidTable([{ ...get, url: '/api/users/:id(^\\d+)' }], /GET \/api\/users\/:id/);
});

test('a route whose handler method is missing is refused', () => {
  const handlers = { ...createMemoryHandlers(), getUser: undefined } as never;

  expectRuntimeError(
    () => createUsersServer(handlers, {}, [get]),
    'RT_INVALID_SERVER_OPTIONS',
    /method 'getUser'/,
  );
});

// Every object inherits these, so a lookup by name finds them even where no handler is.
for (const name of ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'constructor']) {
  test(`a route '${name}' whose handler is left out is refused: Object.prototype's is none`, () => {
    expectRuntimeError(
      () => createUsersServer(createMemoryHandlers(), {}, [{ ...list, name: name as never }]),
      'RT_INVALID_SERVER_OPTIONS',
      new RegExp(`method '${name}', received only the '${name}' that every object has`),
    );
  });
}

test('a route named after an Object.prototype method is served by its own handler', async () => {
  const handlers = { ...createMemoryHandlers(), toString: async () => [] };
  const app = createUsersServer(handlers, {}, [{ ...list, name: 'toString' as never }]);

  assert.is((await app.inject({ url: '/api/users' })).statusCode, 200);
});

class UsersService {
  async listUsers(): Promise<User[]> {
    return [{ id: 1, name: 'Ada', email: 'ada@example.com' }];
  }
}

test('handlers may be a class instance, their methods on its prototype', async () => {
  const app = createUsersServer(new UsersService() as never, {}, [list]);
  const response = await app.inject({ url: '/api/users' });

  assert.is(response.statusCode, 200);
  assert.equal(response.json(), [{ id: 1, name: 'Ada', email: 'ada@example.com' }]);
});

test("a class instance's constructor is no handler of a route named constructor", () => {
  expectRuntimeError(
    () =>
      createUsersServer(new UsersService() as never, {}, [
        { ...list, name: 'constructor' as never },
      ]),
    'RT_INVALID_SERVER_OPTIONS',
    /method 'constructor', received only the 'constructor' that its prototype has/,
  );
});

test('a route URL with a wildcard is refused', () => {
  expectInvalidTable([{ ...list, url: '/api/*' }], /static segments/);
});

test('a route URL with a percent-escape, which fastify never matches, is refused', () => {
  expectInvalidTable(
    [{ ...list, url: '/api/a%20b' }],
    new RegExp(
      "static segments of ASCII letters, digits and \\. _ ~ ! \\$ & ' \\( \\) \\+ , ; = @ - " +
        '\\(no percent-escape',
    ),
  );
});

test('the same method and URL listed twice is refused', () => {
  expectInvalidTable([list, { ...list, name: 'getUser' }], /listed twice/);
});

test('a success status outside 200-299 is refused', () => {
  expectInvalidTable([{ ...list, status: 302 }], /received 302/);
});

test('a route with status 204 answers without a body even with a response schema', async () => {
  const app = createUsersServer(createMemoryHandlers(), {}, [{ ...list, status: 204 }]);
  const response = await app.inject({ url: '/api/users' });

  assert.is(response.statusCode, 204);
  assert.is(response.body, '');
});

test('a route with only a schema gets a validator compiled from it, coercing params', async () => {
  const handlers = createMemoryHandlers();
  let received: unknown;
  handlers.getUser = async (id) => {
    received = id;

    return { id: 1, name: 'Ada', email: 'ada@example.com' };
  };
  const app = createUsersServer(handlers, {}, [{ ...get, validators: undefined }]);

  assert.is((await app.inject({ url: '/api/users/x' })).statusCode, 400);
  assert.is((await app.inject({ url: '/api/users/3' })).statusCode, 200);
  assert.is(received, 3);
});

test.run();
