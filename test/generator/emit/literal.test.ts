import { runInNewContext } from 'node:vm';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  isSafeIdentifier,
  toIdentifier,
  toStringLiteral,
  toTypeName,
} from '../../../generator/emit/identifiers.js';
import { toJsDocText } from '../../../generator/emit/jsdoc.js';
import { toLiteral, type JsonValue } from '../../../generator/emit/literal.js';
import { printDoc } from '../../../generator/print/layout.js';
import { printPropertyKey } from '../../../generator/print/literals.js';
import { printExpression } from '../../../generator/print/print-expressions.js';

const HOSTILE = [
  `"'; globalThis.pwned = true; '`,
  '`${globalThis.pwned = true}`',
  '*/ globalThis.pwned = true; /*',
  'line\nbreak\r\n\u2028\u2029end',
  '\\"); globalThis.pwned = true; ("',
  '</script><script>',
  '\u0000\u001f\ud800',
];

const evaluate = (code: string): unknown => {
  const sandbox: { pwned?: boolean; result?: unknown } = {};
  runInNewContext(`result = (${code});`, sandbox);
  assert.is(sandbox.pwned, undefined, `code ran: ${code}`);

  return sandbox.result;
};

/** A literal as generated code writes it, within the print width. */
const write = (value: JsonValue): string =>
  printDoc(printExpression(toLiteral(value), { parent: 'argument' }), 100).text;

test('a string literal round-trips every hostile string without running it', () => {
  for (const value of HOSTILE) {
    assert.is(evaluate(toStringLiteral(value)), value);
    assert.is(evaluate(write(value)), value);
  }
});

test('an object literal round-trips hostile keys and values, __proto__ as an own key', () => {
  const value: JsonValue = JSON.parse(
    '{"__proto__": {"polluted": true}, "constructor": 1, "a-b": [null, true, 1.5, "x"]}',
  );
  for (const text of HOSTILE) {
    (value as Record<string, JsonValue>)[text] = text;
  }

  const result = evaluate(write(value)) as Record<string, unknown>;

  assert.equal(JSON.stringify(result), JSON.stringify(value));
  assert.ok(Object.prototype.hasOwnProperty.call(result, '__proto__'));
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test('numbers are written exactly, and non-finite ones refused', () => {
  assert.is(write(120_000), '120000');
  assert.is(write(-0), '0');
  assert.is(write(1e21), '1e21');
  assert.is(evaluate(write(1e21)), 1e21);
  assert.throws(() => toLiteral(Number.NaN), /NaN/);
});

const identifierCases: Array<[string, string]> = [
  ['getUser', 'getUser'],
  ['delete', 'delete_'],
  ['class', 'class_'],
  ['user-id', 'userId'],
  ['created_at', 'created_at'],
  ['1st', '_1st'],
  ['', '_'],
  ['a b.c', 'aBC'],
  ['é', '_'],
];

for (const [given, want] of identifierCases) {
  test(`toIdentifier(${JSON.stringify(given)}) is ${want}`, () => {
    const got = toIdentifier(given);

    assert.is(got, want);
    assert.ok(isSafeIdentifier(got));
  });
}

test('type names are upper-cased and never reserved', () => {
  assert.is(toTypeName('users'), 'Users');
  assert.is(toTypeName('new-user'), 'NewUser');
});

test('property keys stay bare when they can, quoted when they must', () => {
  assert.is(printPropertyKey('email'), 'email');
  assert.is(printPropertyKey('delete'), 'delete');
  assert.is(printPropertyKey('descri\u00e7\u00e3o'), 'descri\u00e7\u00e3o');
  assert.is(printPropertyKey('content-type'), "'content-type'");
  assert.is(printPropertyKey('__proto__'), "['__proto__']");
});

test('JSDoc text can never close its comment or break its lines', () => {
  const text = toJsDocText('first */ second\r\nthird\u2028fourth   \n');

  assert.not.match(text, /\*\//);
  assert.not.match(text, /[\r\u2028\u2029]/);
  assert.is(text, 'first *\\/ second\nthird\nfourth');
});

test.run();
