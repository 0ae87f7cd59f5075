import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLineIndex } from '../../../generator/config/line-index.js';
import { validateConfigBytes } from '../../../generator/config/load.js';
import { MAX_NESTING_DEPTH } from '../../../generator/config/nesting.js';
import { parseJsonDocument } from '../../../generator/config/parse-json.js';

function parse(text: string) {
  return parseJsonDocument(text, createLineIndex(text));
}

test('objects are parsed without a prototype', () => {
  const { value } = parse('{ "a": { "b": [ { "c": 1 } ] } }');
  const root = value as { a: { b: Array<{ c: number }> } };
  assert.is(Object.getPrototypeOf(root), null);
  assert.is(Object.getPrototypeOf(root.a), null);
  assert.is(Object.getPrototypeOf(root.a.b[0]), null);
  assert.is(root.a.b[0]?.c, 1);
});

test('a __proto__ key is reported and never reaches Object.prototype', () => {
  const text = '{ "resilience": { "p": { "__proto__": { "polluted": true } } } }';
  const report = validateConfigBytes(text, 'given.json');
  assert.equal(
    report.errors.map((error) => error.code),
    ['RG_CONFIG_RESERVED_KEY'],
  );
  assert.is(({} as { polluted?: unknown }).polluted, undefined);
  assert.is(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
});

for (const key of ['__proto__', 'constructor', 'prototype']) {
  test(`'${key}' is rejected as a key anywhere, at the key`, () => {
    const { findings, value } = parse(`{\n  "cache": { "${key}": 1 }\n}`);
    assert.equal(
      findings.map((finding) => [finding.code, finding.pointer, finding.offset]),
      [['RG_CONFIG_RESERVED_KEY', `/cache/${key}`, 15]],
    );
    assert.equal(Object.keys((value as { cache: object }).cache), []);
  });
}

test('positions record where each key and value starts, by pointer', () => {
  const text = '{\n  "a/b": { "c~d": [10, 20] }\n}';
  const { positions } = parse(text);
  assert.equal(positions.get('/a~1b'), { keyOffset: 4, valueOffset: 11 });
  assert.equal(positions.get('/a~1b/c~0d'), { keyOffset: 13, valueOffset: 20 });
  assert.equal(positions.get('/a~1b/c~0d/1'), { keyOffset: undefined, valueOffset: 25 });
});

test('a duplicate key is reported at its second occurrence, naming the first', () => {
  const { findings } = parse('{\n  "a": 1,\n  "a": 2\n}');
  assert.equal(
    findings.map((finding) => [finding.code, finding.offset, finding.message]),
    [['RG_CONFIG_DUPLICATE_KEY', 14, "duplicate key 'a' (first at 2:3)"]],
  );
});

test('a text that does not parse has no value', () => {
  const { value, findings } = parse('{ "a": }');
  assert.is(value, undefined);
  assert.equal(
    findings.map((finding) => finding.code),
    ['RG_CONFIG_SYNTAX'],
  );
});

test('a byte order mark is reported, and the rest is still validated', () => {
  const report = validateConfigBytes('\uFEFF{ "resiliense": {} }', 'given.json');
  assert.equal(
    report.errors.map((error) => [error.code, error.line, error.column]),
    [
      ['RG_CONFIG_SYNTAX', 1, 1],
      ['RG_CONFIG_UNKNOWN_KEY', 1, 4],
    ],
  );
});

test('a whitespace-only file is reported as empty', () => {
  const report = validateConfigBytes('  \n\t\n', 'given.json');
  assert.equal(
    report.errors.map((error) => [error.line, error.column, error.message]),
    [[1, 1, 'the file is empty']],
  );
});

/** Arrays nested `depth` levels deep around `inner`. */
const nest = (depth: number, inner = '1'): string => '['.repeat(depth) + inner + ']'.repeat(depth);

test(`${MAX_NESTING_DEPTH} levels parse, and the opener of one more is refused`, () => {
  const deepest = parse(nest(MAX_NESTING_DEPTH));
  assert.equal(deepest.findings, []);
  assert.ok(deepest.value !== undefined);

  const deeper = parse(nest(MAX_NESTING_DEPTH + 1));
  assert.is(deeper.value, undefined);
  assert.equal(
    deeper.findings.map((finding) => [finding.code, finding.offset, finding.pointer]),
    [['RG_CONFIG_TOO_DEEP', MAX_NESTING_DEPTH, '/0'.repeat(MAX_NESTING_DEPTH)]],
  );
});

test('brackets inside strings and comments are not nesting', () => {
  assert.equal(parse(`["${'['.repeat(100)}"]`).findings, []);
  const commented = parse(`// ${'{'.repeat(100)}\n{}`);
  assert.equal(
    commented.findings.map((finding) => finding.message),
    ['comments are not allowed in JSON'],
  );
});

test('a string left open at the end of its line does not hide the nesting after it', () => {
  const { findings } = parse(`{ "a": "open\n${nest(100_000)} }`);
  assert.ok(findings.some((finding) => finding.code === 'RG_CONFIG_TOO_DEEP'));
});

for (const [kind, text] of [
  ['arrays', nest(100_000)],
  ['objects', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
]) {
  test(`${kind} nested 100 000 deep are one located error, not a stack overflow`, () => {
    const report = validateConfigBytes(text, 'given.json');
    assert.equal(
      report.errors.map((error) => [error.code, error.line, error.column]),
      [['RG_CONFIG_TOO_DEEP', 1, kind === 'arrays' ? 65 : 321]],
    );
    assert.equal(report.warnings, []);
  });
}

test.run();
