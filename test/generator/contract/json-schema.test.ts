import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv } from 'ajv';
import type { AnySchema } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  buildDefinitions,
  buildRootSchema,
  buildTypeSchema,
  listReachedTypes,
} from '../../../generator/contract/json-schema.js';
import type { NamedType, TypeIR } from '../../../generator/model.js';

const addFormats = addFormatsModule.default;
const at = { file: 'types.ts', line: 1, column: 1 };

const TYPES: NamedType[] = [
  { name: 'Cat', type: object({ meow: { kind: 'boolean' } }), location: at },
  { name: 'Dog', type: object({ bark: { kind: 'boolean' } }), location: at },
  {
    name: 'Node',
    type: object({
      label: { kind: 'string' },
      children: { kind: 'array', items: { kind: 'ref', name: 'Node' } },
    }),
    location: at,
  },
  { name: 'Unused', type: { kind: 'string' }, location: at },
];

function object(properties: Record<string, TypeIR>, optional: string[] = []): TypeIR {
  return {
    kind: 'object',
    properties: Object.entries(properties).map(([name, type]) => ({
      name,
      type,
      optional: optional.includes(name),
    })),
  };
}

// Both validators fastify could be given: the default draft-07 Ajv, and draft 2020-12.
// strict: true turns every ajv warning about a schema into an error.
function compileBoth(schema: AnySchema): Array<(value: unknown) => boolean> {
  const draft07 = new Ajv({ strict: true, allErrors: true });
  const draft2020 = new Ajv2020({ strict: true, allErrors: true });
  addFormats(draft07);
  addFormats(draft2020);

  return [draft07.compile(schema), draft2020.compile(schema)];
}

interface Case {
  readonly name: string;
  readonly type: TypeIR;
  readonly good: unknown[];
  readonly bad: unknown[];
}

const cases: Case[] = [
  {
    name: 'a string with format, lengths and pattern',
    type: { kind: 'string', format: 'email', minLength: 6, maxLength: 20, pattern: '^[a-z@.]+$' },
    good: ['ab@c.de'],
    bad: ['a@b.c', 'no-at-sign', 'AB@C.DE', 1, null],
  },
  {
    name: 'an integer with bounds and a step',
    type: { kind: 'integer', minimum: 0, maximum: 10, multipleOf: 2 },
    good: [0, 4, 10],
    bad: [4.5, -2, 12, 3, '4'],
  },
  {
    name: 'an integer without bounds, bounded to the integers JavaScript holds exactly',
    type: { kind: 'integer' },
    good: [0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER],
    bad: [JSON.parse('9007199254740993'), 2 ** 53, -(2 ** 53), 1e300, 1.5],
  },
  {
    name: 'an integer with a lower bound only keeps it, and gets the safe upper one',
    type: { kind: 'integer', exclusiveMinimum: 0 },
    good: [1, Number.MAX_SAFE_INTEGER],
    bad: [0, 2 ** 53],
  },
  {
    name: 'a number with exclusive bounds',
    type: { kind: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    good: [0.5],
    bad: [0, 1, '0.5'],
  },
  { name: 'a boolean', type: { kind: 'boolean' }, good: [true, false], bad: ['true', 0] },
  { name: 'null', type: { kind: 'null' }, good: [null], bad: [0, ''] },
  { name: 'a literal', type: { kind: 'literal', value: 'on' }, good: ['on'], bad: ['off', 1] },
  {
    name: 'a union of string literals',
    type: { kind: 'enum', values: ['asc', 'desc'] },
    good: ['asc', 'desc'],
    bad: ['up', null],
  },
  {
    name: 'a union of mixed literals',
    type: { kind: 'enum', values: ['a', 1, true] },
    good: ['a', 1, true],
    bad: ['b', 2, false],
  },
  {
    name: 'an array with item bounds and unique items',
    type: { kind: 'array', items: { kind: 'string' }, minItems: 1, maxItems: 2, uniqueItems: true },
    good: [['a'], ['a', 'b']],
    bad: [[], ['a', 'a'], ['a', 'b', 'c'], [1], 'a'],
  },
  {
    name: 'a declared object, closed to other keys',
    type: object({ x: { kind: 'string' }, y: { kind: 'number' } }, ['y']),
    good: [{ x: 'a' }, { x: 'a', y: 1 }],
    bad: [
      {},
      { x: 1 },
      { x: 'a', z: 1 },
      JSON.parse('{"x":"a","__proto__":{"polluted":true}}'),
      JSON.parse('{"x":"a","constructor":{"prototype":{}}}'),
      [],
    ],
  },
  {
    name: 'an object declaring a constructor property',
    type: object(JSON.parse('{"constructor":{"kind":"string"}}')),
    good: [JSON.parse('{"constructor":"x"}')],
    bad: [{}, JSON.parse('{"constructor":1}')],
  },
  {
    name: 'a record, open except for prototype keys',
    type: { kind: 'record', values: { kind: 'number' } },
    good: [{}, { a: 1, b: 2 }],
    bad: [{ a: 'x' }, JSON.parse('{"__proto__":1}'), JSON.parse('{"constructor":1}'), [1]],
  },
  {
    name: 'a nullable string',
    type: { kind: 'nullable', type: { kind: 'string' } },
    good: [null, 'a'],
    bad: [1, undefined],
  },
  {
    name: 'a union of named object types',
    type: {
      kind: 'union',
      members: [
        { kind: 'ref', name: 'Cat' },
        { kind: 'ref', name: 'Dog' },
      ],
    },
    good: [{ meow: true }, { bark: false }],
    bad: [{}, { meow: true, bark: true }, { meow: 'yes' }],
  },
  {
    name: 'a recursive named type',
    type: { kind: 'ref', name: 'Node' },
    good: [{ label: 'a', children: [{ label: 'b', children: [] }] }],
    bad: [{ label: 'a', children: [{ children: [] }] }, { label: 'a' }],
  },
];

for (const { name, type, good, bad } of cases) {
  test(`${name}: ajv accepts good samples and rejects bad ones`, () => {
    for (const validate of compileBoth(buildRootSchema(type, TYPES))) {
      for (const sample of good)
        assert.ok(validate(sample), `should accept ${JSON.stringify(sample)}`);
      for (const sample of bad) {
        assert.not.ok(
          validate(sample),
          `should reject ${JSON.stringify(sample) ?? String(sample)}`,
        );
      }
    }
  });
}

test('a nullable type is anyOf with null, and a named type a $ref into $defs', () => {
  const schema = buildTypeSchema({ kind: 'nullable', type: { kind: 'ref', name: 'Cat' } });

  assert.equal(schema, { anyOf: [{ $ref: '#/$defs/Cat' }, { type: 'null' }] });
  assert.equal(
    buildTypeSchema({ kind: 'ref', name: 'Cat' }, { refPrefix: 'types#/definitions/' }),
    {
      $ref: 'types#/definitions/Cat',
    },
  );
});

test('an integer takes the safe bounds only on the sides the contract left open', () => {
  const safe = { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };
  assert.equal(buildTypeSchema({ kind: 'integer' }), { type: 'integer', ...safe });
  assert.equal(buildTypeSchema({ kind: 'integer', minimum: 1, maximum: 5 }), {
    type: 'integer',
    minimum: 1,
    maximum: 5,
  });
  assert.equal(buildTypeSchema({ kind: 'integer', exclusiveMaximum: 9 }), {
    type: 'integer',
    exclusiveMaximum: 9,
    minimum: Number.MIN_SAFE_INTEGER,
  });
  // A bound past the safe integers is narrowed to them; an exclusive one stays as written.
  assert.equal(buildTypeSchema({ kind: 'integer', minimum: -1e20, maximum: 1e20 }), {
    type: 'integer',
    ...safe,
  });
  assert.equal(buildTypeSchema({ kind: 'integer', exclusiveMaximum: 1e20 }), {
    type: 'integer',
    exclusiveMaximum: 1e20,
    ...safe,
  });
  assert.equal(buildTypeSchema({ kind: 'integer', exclusiveMaximum: 2 ** 53 }), {
    type: 'integer',
    exclusiveMaximum: 2 ** 53,
    minimum: Number.MIN_SAFE_INTEGER,
  });
  assert.equal(buildTypeSchema({ kind: 'number' }), { type: 'number' });
});

test('an object with only optional properties has no required list', () => {
  assert.equal(buildTypeSchema(object({ a: { kind: 'string' } }, ['a'])), {
    type: 'object',
    properties: { a: { type: 'string' } },
    additionalProperties: false,
  });
});

test('descriptions travel with properties and named types', () => {
  const type: TypeIR = {
    kind: 'object',
    properties: [{ name: 'a', type: { kind: 'string' }, optional: false, description: 'An A.' }],
  };
  const definitions = buildDefinitions([{ name: 'T', type, description: 'A T.', location: at }]);

  assert.equal(definitions, {
    T: {
      type: 'object',
      properties: { a: { type: 'string', description: 'An A.' } },
      required: ['a'],
      additionalProperties: false,
      description: 'A T.',
    },
  });
});

test('a root schema holds only the named types it reaches', () => {
  const schema = buildRootSchema({ kind: 'array', items: { kind: 'ref', name: 'Node' } }, TYPES);

  assert.equal(Object.keys(schema['$defs'] as object), ['Node']);
  assert.equal(
    listReachedTypes({ kind: 'ref', name: 'Cat' }, TYPES).map((named) => named.name),
    ['Cat'],
  );
  assert.not.ok('$defs' in buildRootSchema({ kind: 'string' }, TYPES));
});

test('a property named __proto__ in the IR becomes an own key, not a prototype', () => {
  // JSON.parse makes an own __proto__ key, where an object literal would set the prototype.
  const properties: Record<string, TypeIR> = JSON.parse('{"__proto__":{"kind":"string"}}');
  const schema = buildTypeSchema(object(properties));
  const built = schema['properties'] as object;

  assert.ok(Object.hasOwn(built, '__proto__'));
  assert.is(Object.getPrototypeOf(built), Object.prototype);
});

test('building a schema leaves the IR untouched and gives the same schema twice', () => {
  const type = object({ a: { kind: 'array', items: { kind: 'ref', name: 'Cat' } } });
  const before = JSON.stringify(type);

  assert.equal(buildRootSchema(type, TYPES), buildRootSchema(type, TYPES));
  assert.is(JSON.stringify(type), before);
});

test.run();
