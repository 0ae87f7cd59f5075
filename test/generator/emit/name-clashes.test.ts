// Contract names that generated code cannot carry are refused by the reader, each at its
// name, with every other problem of the contract. usersController puts `User` on line 2, the
// class on line 6 and the body from line 7.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GeneratorErrorCodes as Codes } from '../../../generator/error-codes.js';
import {
  BUILT_IN_TYPES,
  CLIENT_MEMBERS,
  listPackageImports,
  OBJECT_PROTOTYPE_MEMBERS,
  PROTOCOL_METHODS,
  ROUTE_SCOPE_LOCALS,
} from '../../../generator/emit/reserved-names.js';
import {
  RUNTIME_IMPORT,
  lines,
  readInMemory,
  summarizeErrors,
  usersController,
} from '../contract/support.js';

interface Want {
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly message: RegExp;
  readonly file?: string;
}

function expectErrors(result: ReturnType<typeof readInMemory>, want: readonly Want[]): void {
  assert.is(result.model, undefined, 'the contract must be refused');
  assert.equal(
    summarizeErrors(result.errors).map(({ code, line, column, file }) => ({
      code,
      line,
      column,
      ...(file === undefined ? {} : { file }),
    })),
    want.map(({ code, line, column, file }) => ({
      code,
      line,
      column,
      ...(file === undefined ? {} : { file }),
    })),
  );
  want.forEach(({ message }, index) => assert.match(result.errors[index]!.message, message));
}

/** A users contract with one route per `[name, path, signature]`, two lines each. */
function withRoutes(...routes: readonly (readonly [string, string, string?])[]): string {
  return usersController(
    routes.flatMap(([name, path, signature]) => [
      `  @Get('${path}')`,
      `  ${name}!: ${signature ?? '() => Promise<User>'};`,
    ]),
  );
}

const RESERVED_ROUTE_NAMES = [
  ...[...CLIENT_MEMBERS.keys()].filter((name) => !name.startsWith('#')),
  ...OBJECT_PROTOTYPE_MEMBERS,
  ...PROTOCOL_METHODS.keys(),
];

for (const name of new Set(RESERVED_ROUTE_NAMES)) {
  test(`a route named '${name}' is refused at its name`, () => {
    expectErrors(readInMemory(withRoutes([`'${name}'`, '/x'])), [
      { code: Codes.EMIT_NAME_CLASH, line: 8, column: 3, message: new RegExp(`route '${name}'`) },
    ]);
  });
}

test('each reserved route name says what it clashes with, and suggests a name', () => {
  const result = readInMemory(
    withRoutes(['registry', '/a'], ["'constructor'", '/b'], ['then', '/c'], ['toString', '/d']),
  );

  assert.equal(
    result.errors.map((error) => [error.message.replace(/^the route '\w+' /, ''), error.hint]),
    [
      [
        "would be a method 'registry' of the generated UsersClient, where that is a member " +
          "of its own (the client's live policies)",
        "rename the property, such as 'getRegistry'; the name is not on the wire, so the " +
          'method and path stay as they are',
      ],
      [
        "would be a method 'constructor' of the generated UsersClient, where that is the " +
          "class's constructor",
        "rename the property, such as 'getConstructor'; the name is not on the wire, so the " +
          'method and path stay as they are',
      ],
      [
        "would give the generated client, handlers and gateway a method 'then': it makes an " +
          'object a thenable, so `await client`, or returning the client from an async ' +
          'function, would call the route',
        "rename the property, such as 'getThen'; the name is not on the wire, so the method " +
          'and path stay as they are',
      ],
      [
        "would replace 'toString', which every JavaScript object inherits " +
          '(Object.prototype.toString), on the generated client, handlers and gateway: code ' +
          'that relies on it would call the route instead',
        "rename the property, such as 'getToString'; the name is not on the wire, so the " +
          'method and path stay as they are',
      ],
    ],
  );
});

const TWO_ROUTES: Array<{ first: string; second: string; becomes: string }> = [
  { first: "'get-user'", second: 'getUser', becomes: "the method 'getUser' of the client" },
  { first: 'getUser', second: 'get_user', becomes: "'GET_USER_POLICY' \\(the policy constant\\)" },
  { first: 'getUser', second: 'GetUser', becomes: "'GET_USER_POLICY' \\(the policy constant\\)" },
  { first: 'get$user', second: 'getUser', becomes: "'GET_USER_POLICY' \\(the policy constant\\)" },
];

for (const { first, second, becomes } of TWO_ROUTES) {
  test(`routes ${first} and ${second} become one identifier: the second is refused`, () => {
    expectErrors(readInMemory(withRoutes([first, '/a'], [second, '/b'])), [
      {
        code: Codes.EMIT_NAME_CLASH,
        line: 10,
        column: 3,
        message: new RegExp(`the routes '.+' \\(line 8\\) and '.+' both become ${becomes}`),
      },
    ]);
  });
}

const VALUE_IMPORTS = listPackageImports().filter((name) => !name.isTypeOnly);
const RESERVED_PARAMETERS = [
  ...ROUTE_SCOPE_LOCALS.keys(),
  ...VALUE_IMPORTS.map(({ name }) => name),
  'GET_X_POLICY',
  'validateGetXResponse',
];

for (const name of RESERVED_PARAMETERS) {
  test(`a path parameter ':${name}' is refused at the function parameter`, () => {
    const source = withRoutes(['getX', `/x/:${name}`, `(${name}: string) => Promise<User>`]);

    expectErrors(readInMemory(source), [
      {
        code: Codes.EMIT_NAME_CLASH,
        line: 8,
        column: 11,
        message: new RegExp(`the path parameter ':${name}' becomes the parameter`),
      },
    ]);
  });
}

// Locals of the route table's invoke functions, type-only imports and other routes'
// constants are not in scope where the parameter is, or live among types.
for (const name of ['request', 'handlers', 'CallOptions', 'RequestContext', 'GET_OTHER_POLICY']) {
  test(`a path parameter ':${name}' is fine`, () => {
    const source = withRoutes(
      ['getX', `/x/:${name}`, `(${name}: string) => Promise<User>`],
      ['getOther', '/other'],
    );

    assert.equal(readInMemory(source).errors, []);
  });
}

const RESERVED_TYPES = [
  ...new Set(listPackageImports().map(({ name }) => name)),
  ...BUILT_IN_TYPES.filter((name) => name !== 'Promise'),
  'schemaDefinitions',
  'UsersClient',
  'UsersClientOptions',
  'UsersHandlers',
  'UsersServerOptions',
  'createUsersServer',
  'createUsersGateway',
  'USERS_ROUTES',
  'USERS_SERVER_DEFAULTS',
  'USERS_PROFILES',
  'GET_X_POLICY',
  'getXResponseSchema',
  'validateGetXResponse',
  'getXParamsSchema',
];

for (const name of RESERVED_TYPES) {
  test(`a type named '${name}' is refused at its name`, () => {
    const source = lines(
      RUNTIME_IMPORT,
      `interface ${name} { a: string }`,
      `interface Wrap { t: ${name} }`,
      "@Controller('/api/users')",
      "@Resilience('default')",
      'export class UsersApi {',
      "  @Get('/x')",
      '  getX!: () => Promise<Wrap>;',
      '}',
    );

    expectErrors(readInMemory(source), [
      {
        code: Codes.CONTRACT_TYPE_NAME_CLASH,
        line: 2,
        column: 11,
        message: new RegExp(
          `^the type '${name}' has the name of .+: generated code keeps type names`,
        ),
      },
    ]);
  });
}

// A contract cannot declare its own Promise and use it, since its routes return Promise<T>;
// a type of that name from another file, imported under another name, would still be one.
test('a type named Promise, imported under another name, is refused in its own file', () => {
  const source = lines(
    RUNTIME_IMPORT,
    "import type { Promise as Later } from './later.js';",
    "@Controller('/api/users')",
    "@Resilience('default')",
    'export class UsersApi {',
    "  @Get('/x')",
    '  getX!: () => Promise<Later>;',
    '}',
  );
  const result = readInMemory(source, { '/later.ts': 'export interface Promise { a: string }\n' });

  expectErrors(result, [
    {
      code: Codes.CONTRACT_TYPE_NAME_CLASH,
      file: '/later.ts',
      line: 1,
      column: 18,
      message: /TypeScript's built-in type 'Promise'/,
    },
  ]);
  assert.is(result.errors[0]!.hint, 'rename the type');
});

test('a class whose generated names are imports of generated code is refused at its name', () => {
  const source = lines(
    RUNTIME_IMPORT,
    "@Controller('/c')",
    "@Resilience('default')",
    'export class ContractApi {',
    "  @Get('/x')",
    '  getX!: () => Promise<string>;',
    '}',
  );

  expectErrors(readInMemory(source), [
    {
      code: Codes.EMIT_NAME_CLASH,
      line: 4,
      column: 14,
      message: new RegExp(
        "^the class 'ContractApi' gives the generated server's options type the name " +
          "'ContractServerOptions', which is also an import of the generated server\\.ts",
      ),
    },
  ]);
});

test('name clashes are listed with every other problem of the contract, in order', () => {
  const source = lines(
    RUNTIME_IMPORT,
    'interface CallOptions { id: number }',
    "@Controller('/api/users')",
    "@Resilience('default')",
    'export class UsersApi {',
    "  @Get('/a*b')",
    '  registry!: () => Promise<CallOptions>;',
    "  @Get('/:options')",
    "  @Resilience('defualt')",
    '  getUser!: (options: number) => Promise<CallOptions>;',
    '}',
  );

  expectErrors(readInMemory(source), [
    { code: Codes.CONTRACT_TYPE_NAME_CLASH, line: 2, column: 11, message: /'CallOptions'/ },
    { code: Codes.CONTRACT_PATH_MALFORMED, line: 6, column: 8, message: /'\*'/ },
    { code: Codes.EMIT_NAME_CLASH, line: 7, column: 3, message: /'registry'/ },
    { code: Codes.CONTRACT_PROFILE_UNKNOWN, line: 9, column: 15, message: /defualt/ },
    { code: Codes.EMIT_NAME_CLASH, line: 10, column: 14, message: /':options'/ },
  ]);
});

test.run();
