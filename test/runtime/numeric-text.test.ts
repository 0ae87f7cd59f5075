import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileValidator, formatValidationErrors } from '../../runtime/index.js';

const params = {
  type: 'object',
  properties: { id: { type: 'integer' } },
  required: ['id'],
  additionalProperties: false,
};
const query = {
  $ref: '#/$defs/Filter',
  $defs: {
    Filter: {
      type: 'object',
      properties: {
        ids: { type: 'array', items: { type: 'integer' } },
        price: { anyOf: [{ type: 'number' }, { type: 'null' }] },
        name: { type: 'string' },
      },
      additionalProperties: false,
    },
  },
};
const validateParams = compileValidator<{ id: number }>(params, { coerce: true });
const validateQuery = compileValidator<object>(query, { coerce: true });

const looseIntegers = [' ', '\t', '0x10', '0b11', '1e3', '1.0', '+1', '01', '99999999999999999999'];
for (const text of looseIntegers.concat(['9007199254740993', ' 7 ', 'Infinity', '-Infinity'])) {
  test(`an integer parameter written ${JSON.stringify(text)} is refused, not coerced`, () => {
    const data = { id: text };

    assert.not.ok(validateParams(data));
    assert.is(data.id, text);
    const [issue] = formatValidationErrors(validateParams.errors, 'params');
    assert.is(issue?.path, '/id');
    assert.match(issue?.message ?? '', /decimal digits/);
  });
}

for (const [text, want] of [
  ['0', 0],
  ['42', 42],
  ['-7', -7],
  ['9007199254740991', 9007199254740991],
] as const) {
  test(`an integer parameter written ${text} is coerced to ${want}`, () => {
    const data: { id: unknown } = { id: text };

    assert.ok(validateParams(data));
    assert.is(data.id, want);
  });
}

for (const text of ['', 'abc', '1_000', '١٢']) {
  test(`an integer parameter written ${JSON.stringify(text)} fails as ajv says`, () => {
    const data = { id: text };

    assert.not.ok(validateParams(data));
    assert.is(formatValidationErrors(validateParams.errors, 'params')[0]?.path, '/id');
  });
}

test('array items and nullable numbers behind a $ref are held to decimal text too', () => {
  assert.not.ok(validateQuery({ ids: ['1', '0x2'] }));
  assert.not.ok(validateQuery({ price: '1e2' }));
  assert.ok(validateQuery({ ids: ['1', '2'], price: '2.50', name: '0x10' }));
});

test('bodies are never coerced, so their numbers are not read as text', () => {
  const validateBody = compileValidator<{ id: number }>(params);

  assert.not.ok(validateBody({ id: '1' }));
  assert.ok(validateBody({ id: 1 }));
});

test.run();
