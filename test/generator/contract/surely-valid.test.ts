import { createRequire } from 'node:module';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildRootSchema } from '../../../generator/contract/json-schema.js';
import { isSurelyValid } from '../../../generator/contract/surely-valid.js';
import type { JsonValue, NamedType, TypeIR } from '../../../generator/model.js';

const requireModule = createRequire(import.meta.url);
const { Ajv } = requireModule('ajv') as typeof import('ajv');
const { default: addFormats } = requireModule('ajv-formats') as {
  default: typeof import('ajv-formats').default;
};

const LOCATION = { file: 'x.ts', line: 1, column: 1 };
const NAMED: NamedType[] = [
  {
    name: 'Point',
    type: {
      kind: 'object',
      properties: [
        { name: 'x', type: { kind: 'number' }, optional: false },
        { name: 'label', type: { kind: 'string', minLength: 1 }, optional: true },
      ],
    },
    location: LOCATION,
  },
];
const BY_NAME = new Map(NAMED.map((named) => [named.name, named]));

const { type } = fc.letrec<{ type: TypeIR }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<TypeIR>(
      { kind: 'string' },
      { kind: 'string', format: 'email' },
      { kind: 'number' },
      { kind: 'integer' },
      { kind: 'integer', minimum: 0 },
      { kind: 'boolean' },
      { kind: 'null' },
      { kind: 'literal', value: 'on' },
      { kind: 'enum', values: ['a', 1, true] },
      { kind: 'ref', name: 'Point' },
    ),
    fc.record({ kind: fc.constant('array' as const), items: tie('type') }),
    fc.record({ kind: fc.constant('array' as const), items: tie('type'), minItems: fc.nat(2) }),
    fc.record({ kind: fc.constant('record' as const), values: tie('type') }),
    fc.record({ kind: fc.constant('nullable' as const), type: tie('type') }),
    fc.record({
      kind: fc.constant('union' as const),
      members: fc.array(tie('type'), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('object' as const),
      properties: fc.uniqueArray(
        fc.record({
          name: fc.constantFrom('a', 'b', 'constructor', 'x'),
          type: tie('type'),
          optional: fc.boolean(),
        }),
        { maxLength: 3, selector: (property) => property.name },
      ),
    }),
  ),
}));

const value: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<JsonValue>('on', 'a', '', 'a@b.c', 1, 1.5, -1, 0, true, false, null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'x', 'label', 'constructor'), tie('value'), {
      maxKeys: 3,
    }),
  ),
})).value;

test('a value said surely valid is valid for ajv, and most valid values are said so', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  let sure = 0;
  let valid = 0;
  fc.assert(
    fc.property(type, value, (drawn, candidate) => {
      const accepted = ajv.validate(buildRootSchema(drawn, NAMED), candidate);
      if (isSurelyValid(drawn, candidate, BY_NAME)) {
        sure++;
        assert.ok(accepted, JSON.stringify({ drawn, candidate }));
      }
      if (accepted) valid++;
    }),
    { numRuns: 3000 },
  );

  assert.ok(sure > valid / 3, `${sure} of ${valid} valid values decided without ajv`);
});

test('constraints, formats and wrong shapes are left to ajv', () => {
  const cases: [TypeIR, JsonValue][] = [
    [{ kind: 'string', format: 'email' }, 'a@b.c'],
    [{ kind: 'integer', minimum: 0 }, 3],
    [{ kind: 'array', items: { kind: 'string' }, minItems: 1 }, ['a']],
    [{ kind: 'object', properties: [] }, { a: 1 }],
    [{ kind: 'record', values: { kind: 'number' } }, { constructor: 1 }],
    [{ kind: 'integer' }, 1.5],
  ];
  for (const [drawn, candidate] of cases) {
    assert.not.ok(isSurelyValid(drawn, candidate, BY_NAME), JSON.stringify(drawn));
  }
  assert.ok(isSurelyValid({ kind: 'array', items: { kind: 'ref', name: 'Point' } }, [], BY_NAME));
  assert.ok(isSurelyValid({ kind: 'ref', name: 'Point' }, { x: 1 }, BY_NAME));
});

test.run();
