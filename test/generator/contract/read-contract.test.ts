import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ContractInvalidError,
  formatLocatedError,
  isContractInvalidError,
} from '../../../generator/contract/contract-invalid-error.js';
import { createContractProject } from '../../../generator/contract/project.js';
import { readContract, tryReadContract } from '../../../generator/contract/read-contract.js';
import { GeneratorError, isGeneratorError } from '../../../generator/errors.js';
import { GeneratorErrorCodes as Codes } from '../../../generator/error-codes.js';
import type { ApiModel } from '../../../generator/model.js';
import { CONTRACT_PATH, RUNTIME_IMPORT, SEED_PROFILES, lines, readInMemory } from './support.js';

const EXAMPLE = 'examples/users/users.api.ts';
const SNAPSHOT = 'test/fixtures/contracts/users-example.model.json';
const CATALOG = 'test/fixtures/contracts/catalog/catalog.api.ts';

function readExample(): ApiModel {
  return readContract({ contractPath: EXAMPLE, knownProfiles: SEED_PROFILES });
}

test('the example contract reads into the committed model', () => {
  const model = readExample();
  // UPDATE_SNAPSHOTS=1 rewrites the file; review its diff before committing it.
  if (process.env['UPDATE_SNAPSHOTS'] === '1') {
    writeFileSync(SNAPSHOT, `${JSON.stringify(model, null, 2)}\n`);
  }
  const expected: unknown = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));

  assert.equal(model, expected);
});

test('the example model has the seed’s routes, profiles and types', () => {
  const model = readExample();
  const summary = model.routes.map((route) =>
    [route.method, route.path, route.profile, route.status, route.cache?.ttlMs ?? '-'].join(' '),
  );

  assert.equal(summary, [
    'GET /api/users highAvailability 200 120000',
    'GET /api/users/:id default 200 300000',
    'POST /api/users fastFail 201 -',
    'PUT /api/users/:id fastFail 200 -',
    'DELETE /api/users/:id fastFail 204 -',
  ]);
  assert.is(model.baseName, 'Users');
  assert.equal(model.routes[0]?.fallback, { value: [] });
  assert.is(model.routes[4]?.response, undefined);
  assert.equal(
    model.types.map((named) => named.name),
    ['NewUser', 'User'],
  );
});

test('the model is plain JSON data, without undefined fields', () => {
  const model = readExample();

  assert.equal(JSON.parse(JSON.stringify(model)), model);
});

test('types imported from other files keep their names and locations', () => {
  const model = readContract({ contractPath: CATALOG, knownProfiles: SEED_PROFILES });

  assert.is(model.baseName, 'Catalog');
  assert.is(model.basePath, '/catalog');
  assert.equal(
    model.types.map((named) => `${named.name} ${named.location.file}:${named.location.line}`),
    [
      'Currency test/fixtures/contracts/catalog/model/money.ts:4',
      'Price test/fixtures/contracts/catalog/model/money.ts:7',
      'NewProduct test/fixtures/contracts/catalog/model/product.ts:4',
      'Product test/fixtures/contracts/catalog/model/product.ts:16',
      'ProductQuery test/fixtures/contracts/catalog/model/product.ts:22',
    ],
  );
  const product = model.types.find((named) => named.name === 'Product');
  const names = product?.type.kind === 'object' ? product.type.properties.map((p) => p.name) : [];
  assert.equal(names, ['sku', 'name', 'price', 'tags', 'created_at', 'discontinued']);
});

test('parameters bind by name to the path, query, headers and body', () => {
  const model = readContract({ contractPath: CATALOG, knownProfiles: SEED_PROFILES });
  const [list, price, create] = model.routes;

  assert.equal(list?.query, {
    name: 'query',
    in: 'query',
    type: { kind: 'ref', name: 'ProductQuery' },
    optional: true,
  });
  assert.equal(
    price?.parameters.map((parameter) => `${parameter.name}:${parameter.in}`),
    ['sku:path', 'headers:headers'],
  );
  assert.is(price?.path, '/catalog/products/:sku/price');
  assert.equal(price?.headers?.type, {
    kind: 'object',
    properties: [{ name: 'x-currency', type: { kind: 'ref', name: 'Currency' }, optional: true }],
  });
  assert.equal(create?.body?.type, { kind: 'ref', name: 'NewProduct' });
  assert.is(create?.idempotent, true);
  assert.is(create?.status, 201);
  assert.is(create?.profile, 'fastFail');
});

test('reading twice gives equal models', () => {
  assert.equal(readExample(), readExample());
});

test('the order files are added in does not change the model or the errors', () => {
  const contract = lines(
    RUNTIME_IMPORT,
    "import type { Order, Line } from './types.js';",
    "@Controller('/orders')",
    "@Resilience('default')",
    'export class OrdersApi {',
    "  @Get('/:id')",
    '  getOrder!: (id: number) => Promise<Order>;',
    "  @Get('/lines')",
    '  lines!: (query: { sku: string }) => Promise<Line[]>;',
    "  @Post('/:id')",
    "  @Resilience('defualt')",
    '  bad!: (nope: string) => Promise<Date>;',
    '}',
  );
  const types = lines(
    'export interface Order { id: number; lines: Line[]; note: Note | null }',
    'export interface Line { sku: string; qty: number }',
    'export type Note = { text: string };',
    'export interface Unused { at: Date }',
  );
  const read = (order: 'contract first' | 'types first') => {
    const project = createContractProject({ inMemory: true });
    if (order === 'types first') project.createSourceFile('/types.ts', types);
    project.createSourceFile(CONTRACT_PATH, contract);
    if (order === 'contract first') project.createSourceFile('/types.ts', types);

    return tryReadContract({ contractPath: CONTRACT_PATH, knownProfiles: SEED_PROFILES, project });
  };
  const first = read('contract first');
  const second = read('types first');

  assert.equal(first.errors.map(formatLocatedError), second.errors.map(formatLocatedError));
  assert.is(first.errors.length, 4);
  const goodContract = contract.replace(/ {2}@Post[\s\S]*Promise<Date>;\n/, '');
  const good = (typesFirst: boolean) => {
    const project = createContractProject({ inMemory: true });
    const files: Array<[string, string]> = [
      [CONTRACT_PATH, goodContract],
      ['/types.ts', types],
    ];
    for (const [path, text] of typesFirst ? files.reverse() : files) {
      project.createSourceFile(path, text);
    }

    return readContract({ contractPath: CONTRACT_PATH, knownProfiles: SEED_PROFILES, project });
  };
  assert.equal(good(false), good(true));
  assert.equal(
    good(false).types.map((named) => named.name),
    ['Line', 'Note', 'Order'],
  );
});

test('readContract throws every problem at once, sorted, in one ContractInvalidError', () => {
  const source = lines(
    RUNTIME_IMPORT,
    "@Controller('/x')",
    'export class XApi {',
    "  @Get('/:id')",
    "  @Resilience('defualt')",
    '  b!: () => Promise<Date>;',
    "  @Get('/')",
    '  a!: (body: string) => Promise<string>;',
    '}',
  );
  const project = createContractProject({ inMemory: true });
  project.createSourceFile(CONTRACT_PATH, source);
  let thrown: unknown;
  try {
    readContract({ contractPath: CONTRACT_PATH, knownProfiles: SEED_PROFILES, project });
  } catch (error) {
    thrown = error;
  }

  assert.ok(isContractInvalidError(thrown));
  assert.ok(isGeneratorError(thrown));
  assert.is(thrown.code, Codes.CONTRACT_INVALID);
  assert.equal(
    thrown.errors.map((error) => `${error.location?.line}:${error.location?.column} ${error.code}`),
    [
      `4:8 ${Codes.CONTRACT_PATH_PARAM_UNBOUND}`,
      `5:15 ${Codes.CONTRACT_PROFILE_UNKNOWN}`,
      `6:21 ${Codes.CONTRACT_TYPE_UNSUPPORTED}`,
      `8:3 ${Codes.CONTRACT_PROFILE_MISSING}`,
      `8:8 ${Codes.CONTRACT_BODY_NOT_ALLOWED}`,
    ],
  );
  assert.match(thrown.message, "the contract '/contract.ts' has 5 problems:");
  assert.match(
    thrown.message,
    "/contract.ts:5:15 RG_CONTRACT_PROFILE_UNKNOWN unknown resilience profile 'defualt'",
  );
});

test('isContractInvalidError tells its errors from other errors', () => {
  const invalid = new ContractInvalidError('c.ts', []);
  const plain = new GeneratorError(Codes.CONTRACT_INVALID, 'not the subclass');

  assert.ok(isContractInvalidError(invalid));
  assert.not.ok(isContractInvalidError(plain));
  assert.not.ok(isContractInvalidError(new Error('x')));
  assert.not.ok(isContractInvalidError(null));
  assert.not.ok(isContractInvalidError({ code: Codes.CONTRACT_INVALID, errors: [] }));
});

test('a missing contract file is RG_FILE_UNREADABLE, thrown at once', () => {
  let thrown: unknown;
  try {
    readContract({ contractPath: 'no/such/contract.ts', knownProfiles: SEED_PROFILES });
  } catch (error) {
    thrown = error;
  }

  assert.ok(isGeneratorError(thrown));
  assert.is(thrown.code, Codes.FILE_UNREADABLE);
  assert.not.ok(isContractInvalidError(thrown));
});

test('a route with neither profile is allowed when the class names one', () => {
  const { model } = readInMemory(
    lines(
      RUNTIME_IMPORT,
      "@Controller('/')",
      "@Resilience('fastFail')",
      'export class RootApi {',
      "  @Get('/')",
      '  ping!: () => Promise<void>;',
      '}',
    ),
  );

  assert.is(model?.routes[0]?.path, '/');
  assert.is(model?.routes[0]?.profile, 'fastFail');
  assert.is(model?.routes[0]?.status, 204);
  assert.is(model?.baseName, 'Root');
});

test.run();
