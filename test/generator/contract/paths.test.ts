import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  formatPathShape,
  formatPathTemplate,
  listPathParams,
  parsePathTemplate,
} from '../../../generator/contract/paths.js';

const normalized: Array<{ given: string; want: string; params: string[] }> = [
  { given: '/', want: '/', params: [] },
  { given: '/users', want: '/users', params: [] },
  { given: '/users/', want: '/users', params: [] },
  { given: '//users//:id/', want: '/users/:id', params: ['id'] },
  { given: '/a/:x/b/:y', want: '/a/:x/b/:y', params: ['x', 'y'] },
  { given: '/:$id/:_v2', want: '/:$id/:_v2', params: ['$id', '_v2'] },
];

for (const { given, want, params } of normalized) {
  test(`'${given}' is a valid template written '${want}'`, () => {
    const parsed = parsePathTemplate(given);

    assert.equal(parsed.problems, []);
    assert.is(formatPathTemplate(parsed.segments), want);
    assert.equal(listPathParams(parsed.segments), params);
  });
}

test('parameter names do not change a path’s shape', () => {
  const shape = (path: string) => formatPathShape(parsePathTemplate(path).segments);

  assert.is(shape('/users/:id'), shape('/users/:userId'));
  assert.is.not(shape('/users/:id'), shape('/users/id'));
  assert.is(shape('/users/:id/'), '/users/:');
});

test('every problem of a path is listed', () => {
  const { problems } = parsePathTemplate('users/:1/:1?x');

  assert.equal(
    problems.map((problem) => problem.message),
    [
      "a path must start with '/', received 'users/:1/:1?x'",
      "a path may not contain '?' or '#', received 'users/:1/:1?x'",
      "a path parameter's name must be an identifier, received ':1'",
      "a path parameter's name must be an identifier, received ':1?x'",
    ],
  );
});

test('a U+2028 line separator counts as whitespace', () => {
  assert.is(parsePathTemplate('/a\u2028b').problems.length, 1);
  assert.is(parsePathTemplate('/a\u0000b').problems.length, 1);
});

test.run();
