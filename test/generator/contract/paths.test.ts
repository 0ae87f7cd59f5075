import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  formatPathShape,
  formatPathTemplate,
  listPathParams,
  parsePathTemplate,
} from '../../../generator/contract/paths.js';
import { compilePathPattern } from '../../../runtime/server/path-index.js';

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

const refused: Array<{ given: string; want: RegExp }> = [
  { given: '/a*b', want: /received '\*' in 'a\*b'/ },
  { given: '/a\\b', want: /received '\\' in 'a\\b'/ },
  { given: '/a"b', want: /received '"' in 'a"b'/ },
  {
    given: '/é',
    want: new RegExp(
      "may hold only ASCII letters, digits and \\. _ ~ ! \\$ & ' \\( \\) \\+ , ; = @ -, " +
        "received 'é'",
    ),
  },
  { given: '/a<b>{c}|^`[d]', want: /received '<', '>', '\{', '\}', '\|', '\^', '`', '\[', '\]'/ },
  { given: '/a%20b', want: /may not hold '%', received 'a%20b': the server decodes/ },
  { given: '/a/..', want: /may not be '\.\.': clients resolve/ },
  { given: '/./a', want: /may not be '\.': clients resolve/ },
];

for (const { given, want } of refused) {
  test(`'${given}' is refused, as the generated server would refuse or never match it`, () => {
    const { problems } = parsePathTemplate(given);

    assert.is(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0]!.message, want);
  });
}

test('a percent-escape gets a hint to write the character itself', () => {
  const [problem] = parsePathTemplate('/a%41').problems;

  assert.match(problem!.hint ?? '', /^write the character itself, if a path may hold it/);
});

test('each segment is checked: a base path with two bad segments gets two problems', () => {
  const { problems } = parsePathTemplate("/api/o'r*/x\\y");

  assert.equal(
    problems.map((problem) => problem.message.replace(/.*received /, '')),
    ["'*' in 'o'r*'", "'\\' in 'x\\y'"],
  );
});

test("a segment accepts every character the runtime serves: . _ ~ ! $ & ' ( ) + , ; = @ -", () => {
  assert.equal(parsePathTemplate("/a._~!$&'()+,;=@-z/Az09/...").problems, []);
});

// The generator takes the characters from the runtime's path-syntax.ts: this holds the
// generator's parser and the server's start check to one set, one character at a time.
test('the reader accepts a path exactly when the server would serve it', () => {
  const characters = [...Array(0x7f - 0x20).keys()].map((code) => String.fromCharCode(code + 0x20));
  characters.push('é', '\u00a0', '\u2028', '\u{1f600}', '\u0000', '\t');
  const texts = [...characters.filter((c) => c !== '/').map((c) => `/a${c}b`), '/.', '/..', '/...'];
  const disagreements = texts.filter(
    (text) =>
      (parsePathTemplate(text).problems.length === 0) !== (compilePathPattern(text) !== undefined),
  );

  assert.equal(disagreements, []);
});

test.run();
