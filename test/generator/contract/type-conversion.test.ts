import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatNames } from 'ajv-formats/dist/formats.js';
import { FORMAT_NAMES } from '../../../generator/contract/jsdoc.js';
import type { ApiModel, NamedType, TypeIR } from '../../../generator/model.js';
import { RUNTIME_IMPORT, lines, readInMemory } from './support.js';

/** Reads a contract whose one route answers `responseType`, with `declarations` after it. */
function readResponse(responseType: string, declarations: string[] = []): ApiModel {
  const source = lines(
    RUNTIME_IMPORT,
    "import type { Integer } from 'resilgen/runtime';",
    "import type * as rg from 'resilgen/runtime';",
    "@Controller('/t')",
    "@Resilience('default')",
    'export class TApi {',
    "  @Get('/')",
    `  get!: () => Promise<${responseType}>;`,
    '}',
    ...declarations,
  );
  const { model, errors } = readInMemory(source);
  if (model === undefined) {
    throw new Error(errors.map((error) => error.message).join('\n'));
  }

  return model;
}

function findType(model: ApiModel, name: string): NamedType | undefined {
  return model.types.find((named) => named.name === name);
}

const str: TypeIR = { kind: 'string' };
const num: TypeIR = { kind: 'number' };

const cases: Array<{ given: string; declarations?: string[]; want: TypeIR }> = [
  { given: 'string', want: str },
  { given: 'number', want: num },
  { given: 'boolean', want: { kind: 'boolean' } },
  { given: 'null', want: { kind: 'null' } },
  { given: 'Integer', want: { kind: 'integer' } },
  { given: 'rg.Integer', want: { kind: 'integer' } },
  { given: "'active'", want: { kind: 'literal', value: 'active' } },
  { given: '-1', want: { kind: 'literal', value: -1 } },
  { given: "'asc' | 'desc'", want: { kind: 'enum', values: ['asc', 'desc'] } },
  { given: '1 | 2 | -3', want: { kind: 'enum', values: [1, 2, -3] } },
  { given: "'a' | 1 | true", want: { kind: 'enum', values: ['a', 1, true] } },
  { given: 'true | false', want: { kind: 'boolean' } },
  { given: 'string | null', want: { kind: 'nullable', type: str } },
  {
    given: "null | 'a' | 'b'",
    want: { kind: 'nullable', type: { kind: 'enum', values: ['a', 'b'] } },
  },
  { given: 'string[]', want: { kind: 'array', items: str } },
  { given: 'Array<number>', want: { kind: 'array', items: num } },
  { given: 'readonly string[]', want: { kind: 'array', items: str } },
  { given: 'ReadonlyArray<string>', want: { kind: 'array', items: str } },
  { given: '(string | null)[]', want: { kind: 'array', items: { kind: 'nullable', type: str } } },
  { given: 'Record<string, number>', want: { kind: 'record', values: num } },
  { given: '{ [key: string]: boolean }', want: { kind: 'record', values: { kind: 'boolean' } } },
  {
    given: '{ x: string; y?: number | undefined }',
    want: {
      kind: 'object',
      properties: [
        { name: 'x', type: str, optional: false },
        { name: 'y', type: num, optional: true },
      ],
    },
  },
  {
    given: 'Cat | Dog',
    declarations: ['interface Cat { meow: boolean }', 'interface Dog { bark: boolean }'],
    want: {
      kind: 'union',
      members: [
        { kind: 'ref', name: 'Cat' },
        { kind: 'ref', name: 'Dog' },
      ],
    },
  },
  {
    given: 'Cat[] | null',
    declarations: ['interface Cat { meow: boolean }'],
    want: { kind: 'nullable', type: { kind: 'array', items: { kind: 'ref', name: 'Cat' } } },
  },
];

for (const { given, declarations, want } of cases) {
  test(`${given} converts to its IR`, () => {
    assert.equal(readResponse(given, declarations).routes[0]?.response, want);
  });
}

test('named types stay references, and aliases keep their own names', () => {
  const model = readResponse('Team', [
    '/** A team. */',
    'interface Team { id: Id; members: Member[] }',
    'type Id = Integer;',
    'type Member = { name: string };',
  ]);

  assert.equal(model.routes[0]?.response, { kind: 'ref', name: 'Team' });
  assert.equal(
    model.types.map((named) => named.name),
    ['Id', 'Member', 'Team'],
  );
  assert.equal(findType(model, 'Id')?.type, { kind: 'integer' });
  assert.is(findType(model, 'Team')?.description, 'A team.');
});

test('JSDoc tags carry into the IR of the property they document', () => {
  const model = readResponse('Thing', [
    'interface Thing {',
    '  /**',
    '   * The contact address.',
    '   * @format email',
    '   * @minLength 3',
    '   * @maxLength 254',
    '   * @pattern ^[^@]+@[^@]+$',
    '   */',
    '  email: string | null;',
    '  /**',
    '   * @integer',
    '   * @minimum 0',
    '   * @maximum 10',
    '   * @exclusiveMinimum -1',
    '   * @exclusiveMaximum 11',
    '   * @multipleOf 0.5',
    '   */',
    '  score: number;',
    '  /**',
    '   * @minItems 1',
    '   * @maxItems 3',
    '   * @uniqueItems',
    '   * @deprecated tags that are documentation only are left alone',
    '   */',
    '  tags: string[];',
    '}',
  ]);
  const thing = findType(model, 'Thing')?.type;

  assert.equal(thing, {
    kind: 'object',
    properties: [
      {
        name: 'email',
        type: {
          kind: 'nullable',
          type: {
            kind: 'string',
            format: 'email',
            minLength: 3,
            maxLength: 254,
            pattern: '^[^@]+@[^@]+$',
          },
        },
        optional: false,
        description: 'The contact address.',
      },
      {
        name: 'score',
        type: {
          kind: 'integer',
          minimum: 0,
          maximum: 10,
          exclusiveMinimum: -1,
          exclusiveMaximum: 11,
          multipleOf: 0.5,
        },
        optional: false,
      },
      {
        name: 'tags',
        type: { kind: 'array', items: str, minItems: 1, maxItems: 3, uniqueItems: true },
        optional: false,
      },
    ],
  });
});

test('tags on a type alias apply to the alias', () => {
  const model = readResponse('Email', ['/** @format email */', 'type Email = string;']);

  assert.equal(findType(model, 'Email')?.type, { kind: 'string', format: 'email' });
});

test('an interface takes the properties it extends, its own replacing inherited ones', () => {
  const model = readResponse('Admin', [
    'interface Base { id: number; role: string }',
    'interface Named { name: string }',
    "interface Admin extends Base, Named { role: 'admin'; since: string }",
  ]);
  const admin = findType(model, 'Admin')?.type;

  assert.equal(admin?.kind === 'object' ? admin.properties : [], [
    { name: 'id', type: num, optional: false },
    { name: 'role', type: { kind: 'literal', value: 'admin' }, optional: false },
    { name: 'name', type: str, optional: false },
    { name: 'since', type: str, optional: false },
  ]);
});

test('a recursive type refers to itself', () => {
  const model = readResponse('Node', ['interface Node { label: string; children: Node[] }']);

  assert.equal(findType(model, 'Node')?.type, {
    kind: 'object',
    properties: [
      { name: 'label', type: str, optional: false },
      {
        name: 'children',
        type: { kind: 'array', items: { kind: 'ref', name: 'Node' } },
        optional: false,
      },
    ],
  });
});

test('property names that are reserved words or contain dashes keep their wire names', () => {
  const model = readResponse(
    '{ delete: boolean; class: string; "content-type": string; 1: number }',
  );
  const response = model.routes[0]?.response;

  assert.equal(
    response?.kind === 'object' ? response.properties.map((property) => property.name) : [],
    ['delete', 'class', 'content-type', '1'],
  );
});

test('the formats @format accepts are exactly those ajv-formats validates', () => {
  assert.equal([...FORMAT_NAMES].sort(), [...formatNames].sort());
});

test.run();
