import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compilePathPattern, PathIndex } from '../../../runtime/server/path-index.js';

test('a pattern of static segments and parameters matches paths of its shape only', () => {
  const pattern = compilePathPattern('/api/users/:id');

  assert.ok(pattern?.test('/api/users/7'));
  assert.not.ok(pattern?.test('/api/users'));
  assert.not.ok(pattern?.test('/api/users/7/posts'));
  assert.not.ok(pattern?.test('/api/users/'));
});

test('static segments match literally, dots included', () => {
  const pattern = compilePathPattern('/files/a.b');

  assert.ok(pattern?.test('/files/a.b'));
  assert.not.ok(pattern?.test('/files/aXb'));
});

test('a final * matches the rest of the path', () => {
  assert.ok(compilePathPattern('/static/*')?.test('/static/css/site.css'));
});

test('patterns beyond static segments and :name parameters are not understood', () => {
  assert.is(compilePathPattern('/a/:id(^\\d+)'), undefined);
  assert.is(compilePathPattern('/a/:from-:to'), undefined);
  assert.is(compilePathPattern('no-slash'), undefined);
});

test('a percent-escape, dot segment or character fastify reads otherwise is not understood', () => {
  // fastify decodes a request path before routing, and clients resolve dot segments away.
  for (const url of ['/a%20b', '/a/..', '/./a', '/a*b', '/é', '/a\\b', '/a"b']) {
    assert.is(compilePathPattern(url), undefined, url);
  }
  assert.ok(compilePathPattern("/a._~!$&'()+,;=@-z/...")?.test("/a._~!$&'()+,;=@-z/..."));
});

test('the index lists the methods of every pattern a path matches, in Allow order', () => {
  const index = new PathIndex();
  index.add('DELETE', '/api/users/:id');
  index.add(['GET', 'HEAD'], '/api/users/:id');
  index.add('PUT', '/api/users/me');
  index.add('POST', '/api/users');

  assert.equal(index.listMethods('/api/users/me?x=1'), ['GET', 'HEAD', 'PUT', 'DELETE']);
  assert.equal(index.listMethods('/api/users/7'), ['GET', 'HEAD', 'DELETE']);
  assert.equal(index.listMethods('/api/users'), ['POST']);
  assert.equal(index.listMethods('/api/other'), []);
});

test('a pattern the index does not understand is left out', () => {
  const index = new PathIndex();
  index.add('GET', '/a/:id(^\\d+)');

  assert.equal(index.listMethods('/a/1'), []);
});

test.run();
