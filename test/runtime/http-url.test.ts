import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodePathParam, isRuntimeError, serializeQuery } from '../../runtime/index.js';
import { findCollectionPath, joinPathAndQuery } from '../../runtime/http-url.js';

const encoded: Array<[string | number | boolean, string]> = [
  [42, '42'],
  ['ana', 'ana'],
  ['a/b', 'a%2Fb'],
  ['//evil.example', '%2F%2Fevil.example'],
  ['http://169.254.169.254/x', 'http%3A%2F%2F169.254.169.254%2Fx'],
  ['?x=1#y', '%3Fx%3D1%23y'],
  ['100%', '100%25'],
  ['a b', 'a%20b'],
  ['...', '...'],
  [true, 'true'],
];

for (const [value, want] of encoded) {
  test(`encodePathParam(${JSON.stringify(value)}) keeps it inside one segment`, () => {
    assert.is(encodePathParam(value), want);
  });
}

for (const value of ['', '.', '..']) {
  test(`encodePathParam(${JSON.stringify(value)}) refuses a value no encoding can keep`, () => {
    let error: unknown;
    try {
      encodePathParam(value);
    } catch (e) {
      error = e;
    }
    assert.ok(isRuntimeError(error));
    assert.is(error.code, 'RT_INVALID_ARGUMENT');
  });
}

test('serializeQuery repeats keys for lists and leaves out empty lists and missing values', () => {
  assert.is(serializeQuery({ ids: [1, 2], none: [], gone: undefined, nil: null }), 'ids=1&ids=2');
});

test('serializeQuery keeps commas, encodes the rest and writes dates in ISO 8601', () => {
  const query = { tags: 'a,b', 'the key': 'x&y=z', at: new Date(Date.UTC(2024, 0, 15)) };
  assert.is(serializeQuery(query), 'tags=a,b&the%20key=x%26y%3Dz&at=2024-01-15T00%3A00%3A00.000Z');
});

test('serializeQuery of nothing is empty, and so is the joined query', () => {
  assert.is(serializeQuery(undefined), '');
  assert.is(joinPathAndQuery('/a', ''), '/a');
  assert.is(joinPathAndQuery('/a', 'b=1'), '/a?b=1');
});

test('findCollectionPath finds the collection of a resource', () => {
  assert.is(findCollectionPath('/api/users/1'), '/api/users');
  assert.is(findCollectionPath('/api/users/1/'), '/api/users');
  assert.is(findCollectionPath('/api/users'), '/api');
  assert.is(findCollectionPath('/users'), '/');
  assert.is(findCollectionPath('/'), '/');
});

test.run();
