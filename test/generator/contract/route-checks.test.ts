import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GeneratorErrorCodes as Codes } from '../../../generator/error-codes.js';
import { readInMemory, registerCheckCases, usersController } from './support.js';
import type { CheckCase } from './support.js';

// usersController puts the class decorators on lines 4 and 5, the class on line 6 and
// the body from line 7.
const controller = usersController;

const UNBOUND_HINT = "add id: string (or number) to the function type's parameters";

const cases: CheckCase[] = [
  {
    name: 'an unknown class profile suggests the nearest one',
    source: controller(
      ["  @Get('/:id')", '  getUser!: (id: number) => Promise<User>;'],
      ["@Controller('/api/users')", "@Resilience('defualt')"],
    ),
    want: [
      {
        code: Codes.CONTRACT_PROFILE_UNKNOWN,
        line: 5,
        column: 13,
        hint: "did you mean 'default'?",
      },
    ],
  },
  {
    name: 'an unknown route profile suggests the nearest one',
    source: controller([
      "  @Get('/')",
      "  @Resilience('highAvailabilty')",
      '  listUsers!: () => Promise<User[]>;',
    ]),
    want: [
      {
        code: Codes.CONTRACT_PROFILE_UNKNOWN,
        line: 8,
        column: 15,
        hint: "did you mean 'highAvailability'?",
      },
    ],
  },
  {
    name: 'a route with no profile on a class with none is reported at its name',
    source: controller(
      ["  @Get('/:id')", '  getUser!: (id: number) => Promise<User>;'],
      ["@Controller('/api/users')"],
    ),
    want: [
      {
        code: Codes.CONTRACT_PROFILE_MISSING,
        line: 7,
        column: 3,
        hint: "add @Resilience('<profile>') to the route, or to the class for every route",
      },
    ],
  },
  {
    name: 'a path parameter without a function parameter is reported at the path',
    source: controller(["  @Get('/:id')", '  getUser!: () => Promise<User>;']),
    want: [{ code: Codes.CONTRACT_PATH_PARAM_UNBOUND, line: 7, column: 8, hint: UNBOUND_HINT }],
  },
  {
    name: 'a function parameter that is no path parameter is reported at its name',
    source: controller(["  @Get('/')", '  getUser!: (id: number) => Promise<User>;']),
    want: [
      {
        code: Codes.CONTRACT_PARAM_UNKNOWN,
        line: 8,
        column: 14,
        hint: 'add :id to the path, or rename the parameter',
      },
    ],
  },
  {
    name: 'a misspelt path parameter is reported on both sides, with a suggestion',
    source: controller(["  @Get('/:userId')", '  getUser!: (userid: number) => Promise<User>;']),
    want: [
      {
        code: Codes.CONTRACT_PATH_PARAM_UNBOUND,
        line: 7,
        column: 8,
        hint: "add userId: string (or number) to the function type's parameters",
      },
      { code: Codes.CONTRACT_PARAM_UNKNOWN, line: 8, column: 14, hint: "did you mean 'userId'?" },
    ],
  },
  {
    name: 'a misspelt query parameter suggests query',
    source: controller([
      "  @Get('/')",
      '  listUsers!: (quary: { page: number }) => Promise<User[]>;',
    ]),
    want: [
      { code: Codes.CONTRACT_PARAM_UNKNOWN, line: 8, column: 16, hint: "did you mean 'query'?" },
    ],
  },
  {
    name: 'GET /:id and GET /:userId are the same route',
    source: controller([
      "  @Get('/:id')",
      '  getUser!: (id: number) => Promise<User>;',
      "  @Get('/:userId')",
      '  findUser!: (userId: number) => Promise<User>;',
    ]),
    want: [
      {
        code: Codes.CONTRACT_ROUTE_DUPLICATE,
        line: 9,
        column: 3,
        hint: 'give one of them another method or path (parameter names do not tell paths apart)',
      },
    ],
  },
  {
    name: 'doubled and trailing slashes do not make another route',
    source: controller([
      "  @Get('/all')",
      '  listUsers!: () => Promise<User[]>;',
      "  @Get('//all/')",
      '  listAll!: () => Promise<User[]>;',
    ]),
    want: [
      {
        code: Codes.CONTRACT_ROUTE_DUPLICATE,
        line: 9,
        column: 3,
        hint: 'give one of them another method or path (parameter names do not tell paths apart)',
      },
    ],
  },
  {
    name: 'a body on GET is reported at the parameter',
    source: controller(["  @Get('/')", '  listUsers!: (body: NewUser) => Promise<User[]>;']),
    want: [
      {
        code: Codes.CONTRACT_BODY_NOT_ALLOWED,
        line: 8,
        column: 16,
        hint: 'send the data as query parameters, or use POST, PUT or PATCH',
      },
    ],
  },
  {
    name: 'a body on DELETE is reported at the parameter',
    source: controller([
      "  @Delete('/:id')",
      '  deleteUser!: (id: number, body: NewUser) => Promise<void>;',
    ]),
    want: [
      {
        code: Codes.CONTRACT_BODY_NOT_ALLOWED,
        line: 8,
        column: 29,
        hint: 'send the data as query parameters, or use POST, PUT or PATCH',
      },
    ],
  },
  {
    name: 'a member without an HTTP method decorator is reported at its name',
    source: controller(["  @Resilience('fastFail')", '  getUser!: (id: number) => Promise<User>;']),
    want: [
      {
        code: Codes.CONTRACT_ROUTE_METHOD,
        line: 8,
        column: 3,
        hint: "give it exactly one of @Get('/path'), @Post, @Put, @Patch, @Delete",
      },
    ],
  },
  {
    name: 'a second HTTP method decorator is reported',
    source: controller([
      "  @Get('/:id')",
      "  @Put('/:id')",
      '  getUser!: (id: number) => Promise<User>;',
    ]),
    want: [
      {
        code: Codes.CONTRACT_ROUTE_METHOD,
        line: 8,
        column: 3,
        hint: "give it exactly one of @Get('/path'), @Post, @Put, @Patch, @Delete",
      },
    ],
  },
  {
    name: 'a route typed as a string is reported at its type',
    source: controller(["  @Get('/')", '  name!: string;']),
    want: [
      {
        code: Codes.CONTRACT_ROUTE_TYPE,
        line: 8,
        column: 10,
        hint: 'declare it as getUser!: (id: number) => Promise<User>',
      },
    ],
  },
  {
    name: 'a route that returns no Promise is reported at its return type',
    source: controller(["  @Get('/:id')", '  getUser!: (id: number) => User;']),
    want: [
      {
        code: Codes.CONTRACT_ROUTE_TYPE,
        line: 8,
        column: 29,
        hint: 'declare it as getUser!: (id: number) => Promise<User>',
      },
    ],
  },
  {
    name: 'a method is no route',
    source: controller([
      "  @Get('/')",
      '  listUsers(): Promise<User[]> { return Promise.resolve([]); }',
    ]),
    want: [{ code: Codes.CONTRACT_ROUTE_TYPE, line: 8, column: 3 }],
  },
  {
    name: 'a query that is not an object type is reported',
    source: controller(["  @Get('/')", '  listUsers!: (query: string) => Promise<User[]>;']),
    want: [{ code: Codes.CONTRACT_PARAM_TYPE, line: 8, column: 16 }],
  },
  {
    name: 'a path parameter of an object type is reported',
    source: controller(["  @Get('/:id')", '  getUser!: (id: { a: string }) => Promise<User>;']),
    want: [{ code: Codes.CONTRACT_PARAM_TYPE, line: 8, column: 14 }],
  },
  {
    name: 'an optional path parameter is reported',
    source: controller(["  @Get('/:id')", '  getUser!: (id?: number) => Promise<User>;']),
    want: [{ code: Codes.CONTRACT_PARAM_TYPE, line: 8, column: 14, hint: 'remove the ?' }],
  },
  {
    name: 'a destructured parameter is reported',
    source: controller(["  @Post('/')", '  create!: ({ name }: NewUser) => Promise<User>;']),
    want: [
      {
        code: Codes.CONTRACT_PARAM_TYPE,
        line: 8,
        column: 13,
        hint: 'name the parameter; binding is by name',
      },
    ],
  },
];

// Malformed paths: each route path below is on line 7, its literal at column 8.
const malformedPaths: Array<{ path: string; hint?: string }> = [
  { path: 'users', hint: "write '/users'" },
  {
    path: '/users?active=true',
    hint: 'declare query parameters with a `query` parameter of an object type',
  },
  {
    path: '/users#top',
    hint: 'declare query parameters with a `query` parameter of an object type',
  },
  { path: '/a b' },
  { path: '/a\\nb' },
  { path: '/a\\u2028b' },
  { path: '/:1d', hint: 'use letters, digits, _ and $, not starting with a digit' },
  { path: '/:', hint: 'use letters, digits, _ and $, not starting with a digit' },
  { path: '/:id/x/:id', hint: 'rename one' },
  { path: '/user:id', hint: 'put the parameter in a segment of its own' },
  { path: '/:query', hint: 'rename the path parameter' },
];
for (const { path, hint } of malformedPaths) {
  cases.push({
    name: `the path '${path}' is malformed`,
    source: controller([`  @Get('${path}')`, '  getUser!: (id: number) => Promise<User>;']),
    want: [
      {
        code: Codes.CONTRACT_PATH_MALFORMED,
        line: 7,
        column: 8,
        ...(hint === undefined ? {} : { hint }),
      },
    ],
  });
}
cases.push(
  {
    name: "a controller path without a leading '/' is malformed",
    source: controller(
      ["  @Get('/')", '  listUsers!: () => Promise<User[]>;'],
      ["@Controller('api')", "@Resilience('default')"],
    ),
    want: [{ code: Codes.CONTRACT_PATH_MALFORMED, line: 4, column: 13, hint: "write '/api'" }],
  },
  {
    name: "a route may not repeat a parameter of the controller's path",
    source: controller(
      ["  @Get('/:id')", '  getUser!: (id: number) => Promise<User>;'],
      ["@Controller('/teams/:id')", "@Resilience('default')"],
    ),
    want: [{ code: Codes.CONTRACT_PATH_MALFORMED, line: 7, column: 8, hint: 'rename one' }],
  },
);

registerCheckCases(cases);

test('the same path under different methods is no duplicate', () => {
  const result = readInMemory(
    controller([
      "  @Get('/:id')",
      '  getUser!: (id: number) => Promise<User>;',
      "  @Put('/:id')",
      '  putUser!: (id: number, body: NewUser) => Promise<User>;',
      "  @Delete('/:id')",
      '  deleteUser!: (id: number) => Promise<void>;',
    ]),
  );

  assert.equal(result.errors, []);
  assert.equal(
    result.model?.routes.map((route) => `${route.method} ${route.path}`),
    ['GET /api/users/:id', 'PUT /api/users/:id', 'DELETE /api/users/:id'],
  );
});

test.run();
