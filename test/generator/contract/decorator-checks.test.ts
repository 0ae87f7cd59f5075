import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GeneratorErrorCodes as Codes } from '../../../generator/error-codes.js';
import {
  RUNTIME_IMPORT,
  lines,
  readInMemory,
  registerCheckCases,
  summarizeErrors,
  usersController,
} from './support.js';
import type { CheckCase } from './support.js';

// usersController puts the class decorators on lines 4 and 5, the class on line 6 and
// the body from line 7.
const CLASS_DECORATORS = ["@Controller('/api/users')", "@Resilience('default')"];
const controller = usersController;

function listRoute(...decorators: string[]): string {
  return controller(["  @Get('/')", ...decorators, '  listUsers!: () => Promise<User[]>;']);
}

function createRoute(...decorators: string[]): string {
  return controller([
    "  @Post('/')",
    ...decorators,
    '  createUser!: (body: NewUser) => Promise<User>;',
  ]);
}

const NO_EVALUATION = 'resilgen reads the contract without running it, so write the value itself';
const JSON_ONLY =
  'only JSON literals are allowed: objects, arrays, strings, numbers, booleans, null';
const ONE_METHOD = "give it exactly one of @Get('/path'), @Post, @Put, @Patch, @Delete";

const cases: CheckCase[] = [
  {
    name: 'an unknown decorator suggests the nearest one',
    source: listRoute('  @Cach({ ttl: 1 })'),
    want: [
      { code: Codes.CONTRACT_DECORATOR_UNKNOWN, line: 8, column: 3, hint: "did you mean 'Cache'?" },
    ],
  },
  {
    name: 'a decorator that is not imported is reported, and the route lacks its method',
    source: controller([
      "  @Patch('/:id')",
      '  patchUser!: (id: number, body: NewUser) => Promise<User>;',
    ]),
    want: [
      {
        code: Codes.CONTRACT_DECORATOR_IMPORT,
        line: 7,
        column: 3,
        hint: "add: import { Patch } from 'resilgen/runtime';",
      },
      { code: Codes.CONTRACT_ROUTE_METHOD, line: 8, column: 3, hint: ONE_METHOD },
    ],
  },
  {
    name: 'a decorator imported from another module is not resilgen’s',
    source: lines(
      "import { Controller, Resilience } from 'resilgen/runtime';",
      "import { Get } from 'some-router';",
      'interface User { id: number }',
      "@Controller('/api/users')",
      "@Resilience('default')",
      'export class UsersApi {',
      "  @Get('/:id')",
      '  getUser!: (id: number) => Promise<User>;',
      '}',
    ),
    want: [
      {
        code: Codes.CONTRACT_DECORATOR_IMPORT,
        line: 7,
        column: 3,
        hint: "add: import { Get } from 'resilgen/runtime';",
      },
      { code: Codes.CONTRACT_ROUTE_METHOD, line: 8, column: 3, hint: ONE_METHOD },
    ],
  },
  {
    name: 'a decorator that is not called is reported',
    source: createRoute('  @Idempotent'),
    want: [
      {
        code: Codes.CONTRACT_DECORATOR_ARGUMENT,
        line: 8,
        column: 3,
        hint: 'write @Idempotent(...)',
      },
    ],
  },
  {
    name: '@Idempotent takes no argument',
    source: createRoute('  @Idempotent(true)'),
    want: [{ code: Codes.CONTRACT_DECORATOR_ARGUMENT, line: 8, column: 3 }],
  },
  {
    name: 'a misspelt @Cache option suggests the right one',
    source: listRoute('  @Cache({ ttll: 1 })'),
    want: [
      { code: Codes.CONTRACT_DECORATOR_OPTION, line: 8, column: 12, hint: "did you mean 'ttl'?" },
    ],
  },
  {
    name: 'a @Cache option of the wrong type is reported at the value',
    source: listRoute("  @Cache({ ttl: '1' })"),
    want: [{ code: Codes.CONTRACT_DECORATOR_OPTION, line: 8, column: 17 }],
  },
  {
    name: 'a @Cache option given by a constant is reported, as it is never evaluated',
    source: listRoute('  @Cache({ ttl: TTL })'),
    want: [{ code: Codes.CONTRACT_DECORATOR_OPTION, line: 8, column: 17 }],
  },
  {
    name: '@Cache without ttl is reported',
    source: listRoute('  @Cache({ staleTtl: 5 })'),
    want: [
      {
        code: Codes.CONTRACT_DECORATOR_OPTION,
        line: 8,
        column: 10,
        hint: 'write @Cache({ ttl: 60_000 })',
      },
    ],
  },
  {
    name: 'a negative ttl is reported at the value',
    source: listRoute('  @Cache({ ttl: -1 })'),
    want: [{ code: Codes.CONTRACT_DECORATOR_OPTION, line: 8, column: 17 }],
  },
  {
    name: 'a negative staleTtl is reported at the value',
    source: listRoute('  @Cache({ ttl: 1, staleTtl: -5 })'),
    want: [{ code: Codes.CONTRACT_DECORATOR_OPTION, line: 8, column: 30 }],
  },
  {
    name: 'a repeated @Cache option is reported',
    source: listRoute('  @Cache({ ttl: 1, ttl: 2 })'),
    want: [{ code: Codes.CONTRACT_DECORATOR_OPTION, line: 8, column: 20 }],
  },
  {
    name: '@Cache on a POST is misplaced',
    source: createRoute('  @Cache({ ttl: 1 })'),
    want: [{ code: Codes.CONTRACT_DECORATOR_PLACEMENT, line: 8, column: 3, hint: 'remove @Cache' }],
  },
  {
    name: '@FallbackValue on a PUT is misplaced',
    source: controller([
      "  @Put('/:id')",
      '  @FallbackValue(null)',
      '  putUser!: (id: number, body: NewUser) => Promise<User>;',
    ]),
    want: [
      {
        code: Codes.CONTRACT_DECORATOR_PLACEMENT,
        line: 8,
        column: 3,
        hint: 'remove @FallbackValue',
      },
    ],
  },
  {
    name: 'a route decorator on the class is misplaced',
    source: controller(
      ["  @Get('/')", '  listUsers!: () => Promise<User[]>;'],
      [...CLASS_DECORATORS, "@Get('/')"],
    ),
    want: [{ code: Codes.CONTRACT_DECORATOR_PLACEMENT, line: 6, column: 1 }],
  },
  {
    name: '@Controller on a route is misplaced',
    source: listRoute("  @Controller('/x')"),
    want: [{ code: Codes.CONTRACT_DECORATOR_PLACEMENT, line: 8, column: 3 }],
  },
  {
    name: 'a repeated decorator is reported at the second',
    source: listRoute("  @Resilience('fastFail')", "  @Resilience('default')"),
    want: [{ code: Codes.CONTRACT_DECORATOR_REPEATED, line: 9, column: 3, hint: 'keep one' }],
  },
  {
    name: 'a path given by a constant is reported, as it is never evaluated',
    source: controller(['  @Get(PATH)', '  listUsers!: () => Promise<User[]>;']),
    want: [{ code: Codes.CONTRACT_DECORATOR_ARGUMENT, line: 7, column: 8, hint: NO_EVALUATION }],
  },
  {
    name: 'a path built from a template with substitutions is reported',
    source: controller(['  @Get(`/${base}`)', '  listUsers!: () => Promise<User[]>;']),
    want: [{ code: Codes.CONTRACT_DECORATOR_ARGUMENT, line: 7, column: 8, hint: NO_EVALUATION }],
  },
  {
    name: 'a method decorator without its path is reported',
    source: controller(['  @Get()', '  listUsers!: () => Promise<User[]>;']),
    want: [{ code: Codes.CONTRACT_DECORATOR_ARGUMENT, line: 7, column: 3 }],
  },
  {
    name: '@Status takes a success status',
    source: createRoute('  @Status(404)'),
    want: [
      {
        code: Codes.CONTRACT_DECORATOR_ARGUMENT,
        line: 8,
        column: 11,
        hint: 'error statuses need no declaration',
      },
    ],
  },
  {
    name: '@Status(204) on a route that answers a body is reported',
    source: createRoute('  @Status(204)'),
    want: [
      {
        code: Codes.CONTRACT_DECORATOR_ARGUMENT,
        line: 8,
        column: 3,
        hint: 'return Promise<void>, or choose another status',
      },
    ],
  },
  {
    name: 'a call in @FallbackValue is no JSON literal',
    source: listRoute('  @FallbackValue(makeUsers())'),
    want: [{ code: Codes.CONTRACT_FALLBACK_NOT_JSON, line: 8, column: 18, hint: JSON_ONLY }],
  },
  {
    name: 'undefined in @FallbackValue suggests null',
    source: listRoute('  @FallbackValue([{ id: 1, name: undefined }])'),
    want: [
      {
        code: Codes.CONTRACT_FALLBACK_NOT_JSON,
        line: 8,
        column: 34,
        hint: 'JSON has no such value: use null',
      },
    ],
  },
  {
    name: 'a spread in @FallbackValue is no JSON literal',
    source: listRoute('  @FallbackValue([...defaults])'),
    want: [{ code: Codes.CONTRACT_FALLBACK_NOT_JSON, line: 8, column: 19, hint: JSON_ONLY }],
  },
  {
    name: 'the key __proto__ in @FallbackValue is refused',
    source: listRoute('  @FallbackValue({ __proto__: [] })'),
    want: [{ code: Codes.CONTRACT_FALLBACK_NOT_JSON, line: 8, column: 20, hint: 'rename the key' }],
  },
  {
    name: 'a @FallbackValue that does not match the response type is reported',
    source: listRoute("  @FallbackValue([{ id: 'x' }])"),
    want: [{ code: Codes.CONTRACT_FALLBACK_MISMATCH, line: 8, column: 18 }],
  },
  {
    name: 'a @FallbackValue on a route that answers no body is reported',
    source: controller([
      "  @Get('/ping')",
      '  @FallbackValue(null)',
      '  ping!: () => Promise<void>;',
    ]),
    want: [
      {
        code: Codes.CONTRACT_FALLBACK_MISMATCH,
        line: 8,
        column: 18,
        hint: 'remove @FallbackValue',
      },
    ],
  },
  {
    name: 'a class with routes but no @Controller is reported at its name',
    source: lines(
      RUNTIME_IMPORT,
      'interface User { id: number }',
      'export class UsersApi {',
      "  @Get('/')",
      '  listUsers!: () => Promise<User[]>;',
      '}',
    ),
    want: [
      {
        code: Codes.CONTRACT_CONTROLLER_COUNT,
        line: 3,
        column: 14,
        hint: "add @Controller('/base-path') to class 'UsersApi'",
      },
    ],
  },
  {
    name: 'a file without classes has no controller',
    source: lines(RUNTIME_IMPORT),
    want: [
      {
        code: Codes.CONTRACT_CONTROLLER_COUNT,
        line: 1,
        column: 1,
        hint: "declare a class decorated with @Controller('/base-path')",
      },
    ],
  },
  {
    name: 'a second @Controller class is reported at its name',
    source: lines(
      RUNTIME_IMPORT,
      'interface User { id: number }',
      "@Controller('/a')",
      "@Resilience('default')",
      'export class AApi {',
      "  @Get('/')",
      '  list!: () => Promise<User[]>;',
      '}',
      "@Controller('/b')",
      'export class BApi {}',
    ),
    want: [
      {
        code: Codes.CONTRACT_CONTROLLER_COUNT,
        line: 10,
        column: 14,
        hint: "move 'BApi' to a contract file of its own",
      },
    ],
  },
];

registerCheckCases(cases);

test('a broken decorator quoted in a message keeps the problem on one line', () => {
  const { errors } = readInMemory(listRoute('  @@@'));

  const unknown = errors.find((error) => error.code === Codes.CONTRACT_DECORATOR_UNKNOWN);
  assert.ok(unknown, 'the stray @ is reported');
  assert.match(unknown.message, 'unknown decorator @@@ listUsers!:');
  assert.ok(errors.every((error) => !/[\r\n]/.test(`${error.message}${error.hint ?? ''}`)));
});

test('a Unicode line separator in quoted contract code breaks no line either', () => {
  const { errors } = readInMemory(listRoute('  @@@\u2028  @Cache({ ttl: 1 })'));

  const unknown = errors.find((error) => error.code === Codes.CONTRACT_DECORATOR_UNKNOWN);
  assert.match(unknown?.message ?? '', 'unknown decorator @@@ @Cache({ ttl: 1 }):');
  assert.ok(errors.every((error) => !/[\r\n\u2028\u2029]/.test(error.message)));
});

test('a fallback mismatch names each mismatch in its message', () => {
  const { errors } = readInMemory(listRoute("  @FallbackValue([{ id: 'x' }])"));

  assert.is(errors.length, 1);
  assert.match(errors[0]!.message, '/0/id must be number');
  assert.match(errors[0]!.message, "/0 must have required property 'name'");
});

test('the fallbacks of several routes are checked each against its own route', () => {
  const source = lines(
    RUNTIME_IMPORT,
    'interface User { id: number; name: string }',
    "@Controller('/users')",
    "@Resilience('default')",
    'export class UsersApi {',
    "  @Get('/')",
    '  @FallbackValue([])',
    '  list!: () => Promise<User[]>;',
    "  @Get('/:id')",
    "  @FallbackValue({ id: 'x', name: 'y' })",
    '  get!: (id: number) => Promise<User>;',
    "  @Get('/names')",
    "  @FallbackValue(['a', 2])",
    '  names!: () => Promise<string[]>;',
    '}',
  );
  const { errors } = readInMemory(source);

  assert.equal(summarizeErrors(errors), [
    { code: Codes.CONTRACT_FALLBACK_MISMATCH, line: 10, column: 18 },
    { code: Codes.CONTRACT_FALLBACK_MISMATCH, line: 13, column: 18 },
  ]);
  assert.match(errors[0]!.message, "of 'get': /id must be number");
  assert.not.match(errors[0]!.message, '/1');
  assert.match(errors[1]!.message, "of 'names': /1 must be string");
  assert.not.match(errors[1]!.message, '/id');
});

test('a fallback is checked with formats, as the server checks it', () => {
  const source = lines(
    RUNTIME_IMPORT,
    'interface Contact {',
    '  /** @format email */',
    '  email: string;',
    '}',
    "@Controller('/contacts')",
    "@Resilience('default')",
    'export class ContactsApi {',
    "  @Get('/')",
    "  @FallbackValue({ email: 'not an address' })",
    '  get!: () => Promise<Contact>;',
    '}',
  );
  const { errors } = readInMemory(source);

  assert.equal(summarizeErrors(errors), [
    { code: Codes.CONTRACT_FALLBACK_MISMATCH, line: 10, column: 18 },
  ]);
  assert.match(errors[0]!.message, 'must match format "email"');
});

test('@Cache with ttl 0 is read as a cache that keeps only the stale copy', () => {
  const { model, errors } = readInMemory(listRoute('  @Cache({ ttl: 0, staleTtl: 60_000 })'));

  assert.equal(errors, []);
  assert.equal(model?.routes[0]?.cache, { ttlMs: 0, staleTtlMs: 60_000 });
});

test('decorators are found through aliased and namespace imports', () => {
  const source = lines(
    "import * as rg from 'resilgen/runtime';",
    "import { Get as HttpGet, Cache as Cached } from 'resilgen/runtime';",
    'interface User { id: number }',
    "@rg.Controller('/api/users')",
    "@rg.Resilience('default')",
    'export class UsersApi {',
    "  @HttpGet('/')",
    '  @Cached({ ttl: 5 })',
    '  @rg.Idempotent()',
    '  listUsers!: () => Promise<User[]>;',
    '}',
  );
  const { model, errors } = readInMemory(source);

  assert.equal(errors, []);
  assert.equal(model?.routes[0]?.cache, { ttlMs: 5 });
  assert.is(model?.routes[0]?.idempotent, true);
});

test('decorators re-exported by a local file count as resilgen’s', () => {
  const source = lines(
    "import { Controller, Get, Resilience } from './decorators.js';",
    'interface User { id: number }',
    "@Controller('/api/users')",
    "@Resilience('default')",
    'export class UsersApi {',
    "  @Get('/')",
    '  listUsers!: () => Promise<User[]>;',
    '}',
  );
  const reexport = "export { Controller, Get, Resilience } from 'resilgen/runtime';\n";
  const { model, errors } = readInMemory(source, { '/decorators.ts': reexport });

  assert.equal(errors, []);
  assert.is(model?.routes[0]?.path, '/api/users');
});

test.run();
