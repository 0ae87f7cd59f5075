import { readFile } from 'node:fs/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  routesOverlap,
  isStaticSegment,
  PARAM_NAME,
  STATIC_SEGMENT_CHARACTER,
  STATIC_SEGMENT_PUNCTUATION,
} from '../../../runtime/server/path-syntax.js';

test('a static segment holds ASCII letters, digits and the listed punctuation only', () => {
  for (const character of `azAZ09${STATIC_SEGMENT_PUNCTUATION}`) {
    assert.ok(STATIC_SEGMENT_CHARACTER.test(character), character);
  }
  for (const character of ['%', '*', ':', '/', '\\', '"', '?', '#', ' ', 'é', ']', '^', '']) {
    assert.not.ok(STATIC_SEGMENT_CHARACTER.test(character), JSON.stringify(character));
  }
});

test('dot segments are no static segments, other runs of dots are', () => {
  assert.not.ok(isStaticSegment('.'));
  assert.not.ok(isStaticSegment('..'));
  assert.ok(isStaticSegment('...'));
  assert.ok(isStaticSegment('a.b'));
  assert.ok(isStaticSegment(''));
});

test('a parameter name is an ASCII identifier', () => {
  assert.ok(PARAM_NAME.test('$id_2'));
  assert.not.ok(PARAM_NAME.test('2id'));
  assert.not.ok(PARAM_NAME.test('id-x'));
});

// The generator imports this module; importing anything here would pull the runtime into it.
test('two route URLs overlap where every segment pair may match one request', () => {
  assert.ok(routesOverlap('/api/users', '/api/users'));
  assert.ok(routesOverlap('/api/users/:id', '/api/users/metrics'));
  assert.ok(routesOverlap('/ops/breakers/:name/reset', '/ops/:a/:b/reset'));
  assert.ok(routesOverlap('/ops/breakers/:name/reset', '/ops/breakers/x/reset'));
  assert.not.ok(routesOverlap('/api/users', '/api/users/'));
  assert.not.ok(routesOverlap('/api/users/:id', '/api/users/'));
  assert.not.ok(routesOverlap('/api/users/:id', '/api/users/1/x'));
  assert.not.ok(routesOverlap('/ops/breakers/:name/reset', '/ops/breakers/:name/isolate'));
});

test('the module imports nothing, so the generator may share it', async () => {
  const source = await readFile(
    new URL('../../../runtime/server/path-syntax.ts', import.meta.url),
    'utf8',
  );

  assert.not.match(source, /^\s*(import|export .* from)\b/m);
});

test.run();
