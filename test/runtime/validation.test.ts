import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileValidator, formatValidationErrors } from '../../runtime/validation.js';

const userSchema = {
  type: 'object',
  required: ['name', 'email'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    email: { type: 'string', format: 'email' },
    age: { type: 'integer' },
  },
};

interface User {
  name: string;
  email: string;
  age?: number;
}

test('a valid value passes the guard and leaves no errors', () => {
  const validate = compileValidator<User>(userSchema);

  assert.ok(validate({ name: 'Ada', email: 'ada@example.com' }));
  assert.not.ok(validate.errors);
});

test('a missing field is reported at the pointer of the field itself', () => {
  const validate = compileValidator<User>(userSchema);

  assert.not.ok(validate({ name: 'Ada' }));
  assert.equal(formatValidationErrors(validate.errors, 'body'), [
    { location: 'body', path: '/email', message: "must have required property 'email'" },
  ]);
});

test('an extra field is reported at its own pointer, escaped as RFC 6901 says', () => {
  const validate = compileValidator<User>(userSchema);

  assert.not.ok(validate({ name: 'Ada', email: 'ada@example.com', 'a/b~c': 1 }));
  assert.equal(formatValidationErrors(validate.errors, 'body')[0]?.path, '/a~1b~0c');
});

test('an extra field with a huge name is reported with a bounded path', () => {
  const validate = compileValidator<User>(userSchema);

  assert.not.ok(validate({ name: 'Ada', email: 'ada@example.com', ['x'.repeat(10_000)]: 1 }));
  const [issue] = formatValidationErrors(validate.errors, 'body');
  assert.ok(issue !== undefined && issue.path.length <= 200);
  assert.ok(issue.path.endsWith('…'));
});

test('an enum or const mismatch names the values the contract allows', () => {
  const validate = compileValidator<unknown>({
    type: 'object',
    properties: {
      role: { enum: ['admin', 'reader', 7, null] },
      kind: { const: 'user' },
      size: { enum: Array.from({ length: 12 }, (_, index) => `s${index}`) },
    },
    additionalProperties: false,
  });

  const issues = (value: unknown) => {
    assert.not.ok(validate(value));
    return formatValidationErrors(validate.errors, 'body').map((issue) => issue.message);
  };
  assert.equal(issues({ role: 'root' }), ['must be one of "admin", "reader", 7, null']);
  assert.equal(issues({ kind: 'robot' }), ['must be "user"']);
  assert.equal(issues({ size: 'xl' }), [
    'must be one of "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9" (and 2 more)',
  ]);
});

test('formats are checked (ajv-formats is installed)', () => {
  const validate = compileValidator<User>(userSchema);

  assert.not.ok(validate({ name: 'Ada', email: 'not an email' }));
  assert.equal(formatValidationErrors(validate.errors, 'body')[0]?.path, '/email');
});

test('a body is never coerced: the string "30" fails an integer field', () => {
  const validate = compileValidator<User>(userSchema);

  assert.not.ok(validate({ name: 'Ada', email: 'ada@example.com', age: '30' }));
});

test('with coerce, text parameters become the schema types in place', () => {
  const validate = compileValidator<{ id: number; active: boolean; tags: string[] }>(
    {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        active: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    },
    { coerce: true },
  );
  const params: Record<string, unknown> = { id: '42', active: 'true', tags: 'one' };

  assert.ok(validate(params));
  assert.equal(params, { id: 42, active: true, tags: ['one'] });
});

test('with coerce, text that is not a number still fails', () => {
  const validate = compileValidator(
    { type: 'object', properties: { id: { type: 'integer' } } },
    {
      coerce: true,
    },
  );

  assert.not.ok(validate({ id: 'abc' }));
  assert.equal(formatValidationErrors(validate.errors, 'params'), [
    { location: 'params', path: '/id', message: 'must be integer' },
  ]);
});

test('validation stops at the first error, so hostile input costs one error', () => {
  const validate = compileValidator({ type: 'array', items: { type: 'integer' } });

  assert.not.ok(validate(Array.from({ length: 10_000 }, () => 'x')));
  assert.is(validate.errors?.length, 1);
});

test('validation never removes extra fields from the value', () => {
  const validate = compileValidator<User>(userSchema);
  const body = { name: 'Ada', email: 'ada@example.com', extra: true };

  assert.not.ok(validate(body));
  assert.equal(body.extra, true);
});

test('strict mode rejects a schema with an unknown keyword when it is compiled', () => {
  assert.throws(() => compileValidator({ type: 'string', minLenght: 3 }), /unknown keyword/);
});

test('union types are allowed, for a contract field of type string | null', () => {
  const validate = compileValidator({ type: ['string', 'null'] });

  assert.ok(validate(null));
  assert.ok(validate('x'));
  assert.not.ok(validate(1));
});

test('compiling the same schema object twice gives the same validator', () => {
  const schema = { type: 'object', properties: { a: { type: 'string' } } };

  assert.is(compileValidator(schema), compileValidator(schema));
});

test('formatValidationErrors gives no details for no errors', () => {
  assert.equal(formatValidationErrors(null, 'query'), []);
  assert.equal(formatValidationErrors(undefined, 'headers'), []);
});

test.run();
