import {
  compileValidator,
  createResilientServer,
  type RequestContext,
  type ResilientServerOptions,
  type RouteRequest,
  type ServerRoute,
} from '../../../runtime/index.js';
import * as assert from 'uvu/assert';
import { isRuntimeError } from '../../../runtime/errors.js';
import { FakeClock } from '../../../runtime/fake-clock.js';

/**
 * A small hand-written route table standing in for a generated `server.ts`: the users contract
 * of the seed, with the shapes the generator writes.
 */
export interface User {
  id: number;
  name: string;
  email: string;
}

export type NewUser = Omit<User, 'id'>;

export interface UsersHandlers {
  listUsers(context: RequestContext): Promise<User[]>;
  getUser(id: number, context: RequestContext): Promise<User>;
  createUser(body: NewUser, context: RequestContext): Promise<User>;
  deleteUser(id: number, context: RequestContext): Promise<void>;
}

export const UserSchema = {
  type: 'object',
  required: ['id', 'name', 'email'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    email: { type: 'string', format: 'email' },
  },
} as const;

export const NewUserSchema = {
  type: 'object',
  required: ['name', 'email'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    email: { type: 'string', format: 'email' },
  },
} as const;

export const IdParamsSchema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

interface IdParams {
  id: number;
}

const validateIdParams = compileValidator<IdParams>(IdParamsSchema, { coerce: true });
const validateNewUser = compileValidator<NewUser>(NewUserSchema);

/** The table, as generated code lists it; tests may add protection per route. */
export function buildUserRoutes(
  protection: Partial<Record<keyof UsersHandlers, ServerRoute<UsersHandlers>['protection']>> = {},
): readonly ServerRoute<UsersHandlers>[] {
  return [
    {
      name: 'listUsers',
      method: 'GET',
      url: '/api/users',
      profile: 'highAvailability',
      protection: protection.listUsers,
      schemas: { response: { type: 'array', items: UserSchema } },
      invoke: (h, _req, ctx) => h.listUsers(ctx),
    },
    {
      name: 'getUser',
      method: 'GET',
      url: '/api/users/:id',
      profile: 'default',
      protection: protection.getUser,
      schemas: { params: IdParamsSchema, response: UserSchema },
      validators: { params: validateIdParams },
      invoke: (h, req: RouteRequest<IdParams>, ctx) => h.getUser(req.params.id, ctx),
    },
    {
      name: 'createUser',
      method: 'POST',
      url: '/api/users',
      status: 201,
      profile: 'fastFail',
      idempotent: true,
      protection: protection.createUser,
      schemas: { body: NewUserSchema, response: UserSchema },
      validators: { body: validateNewUser },
      invoke: (h, req: RouteRequest<unknown, unknown, NewUser>, ctx) => h.createUser(req.body, ctx),
    },
    {
      name: 'deleteUser',
      method: 'DELETE',
      url: '/api/users/:id',
      profile: 'fastFail',
      protection: protection.deleteUser,
      schemas: { params: IdParamsSchema },
      validators: { params: validateIdParams },
      invoke: (h, req: RouteRequest<IdParams>, ctx) => h.deleteUser(req.params.id, ctx),
    },
  ];
}

/** Handlers over an in-memory list; each call is counted in `calls`. */
export function createMemoryHandlers(): UsersHandlers & { calls: Record<string, number> } {
  const users: User[] = [{ id: 1, name: 'Ada', email: 'ada@example.com' }];
  const calls: Record<string, number> = {};
  const count = (name: string): void => {
    calls[name] = (calls[name] ?? 0) + 1;
  };

  return {
    calls,
    async listUsers() {
      count('listUsers');

      return users;
    },
    async getUser(id) {
      count('getUser');
      const user = users.find((u) => u.id === id);
      if (user === undefined) {
        throw new Error(`secret: row ${id} missing in table users_v2`);
      }

      return { ...user, password: 'hunter2' } as User;
    },
    async createUser(body) {
      count('createUser');
      const user = { id: users.length + 1, ...body };
      users.push(user);

      return user;
    },
    async deleteUser() {
      count('deleteUser');
    },
  };
}

/** A users server over `handlers`, with a fake clock unless one is given. */
export function createUsersServer(
  handlers: UsersHandlers,
  options: Partial<ResilientServerOptions<UsersHandlers>> = {},
  routes = buildUserRoutes(),
) {
  return createResilientServer(routes, { clock: new FakeClock(), ...options, handlers });
}

/** The exact keys of every error body. */
export const ERROR_KEYS = ['details', 'error', 'message', 'requestId'];

/** Lets promise callbacks and I/O run until `check` holds; fails after 200 turns. */
export async function waitFor(check: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200 && !check(); turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.ok(check(), 'the condition never held');
}

/** Asserts that `act` throws a RuntimeError with `code` and a message matching `message`. */
export function expectRuntimeError(act: () => unknown, code: string, message: RegExp): void {
  try {
    act();
    assert.unreachable('expected a throw');
  } catch (error) {
    assert.ok(isRuntimeError(error), String(error));
    assert.is(error.code, code);
    assert.match(error.message, message);
  }
}
