import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRandomUuid, resolveRequestId } from '../../../runtime/server/request-id.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('new request ids are distinct version 4 UUIDs across many refills of random bytes', () => {
  const ids = Array.from({ length: 1000 }, () => createRandomUuid());

  for (const id of ids) {
    assert.match(id, UUID_V4);
  }
  assert.is(new Set(ids).size, ids.length);
});

test('every hex digit position of a new id varies', () => {
  const ids = Array.from({ length: 400 }, () => createRandomUuid());
  const fixed = [...ids[0]!].filter((char, index) => ids.every((id) => id[index] === char));

  assert.equal(fixed, ['-', '-', '4', '-', '-'], 'only the dashes and the version stay');
});

test('a sane incoming id is kept, anything else replaced by a new UUID', () => {
  assert.is(resolveRequestId({ headers: { 'x-request-id': 'trace-1' } }), 'trace-1');
  assert.match(resolveRequestId({ headers: { 'x-request-id': 'a b' } }), UUID_V4);
  assert.match(resolveRequestId({ headers: { 'x-request-id': ['a', 'b'] as never } }), UUID_V4);
  assert.match(resolveRequestId({ headers: {} }), UUID_V4);
});

test.run();
