import { format } from 'prettier';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Declaration, Expression, TypeNode } from '../../../generator/print/code.js';
import {
  call,
  identifier,
  keywordType,
  member,
  objectLiteral,
  property,
  stringLiteral,
  typeReference,
} from '../../../generator/print/nodes.js';
import { printCode } from '../../../generator/print/print-file.js';
import { GENERATED_FORMAT } from '../../../generator/write/format.js';

const constant = (initializer: Expression, type?: TypeNode): Declaration => ({
  kind: 'const',
  name: 'value',
  ...(type === undefined ? {} : { type }),
  initializer,
});

const long = (name: string, times: number): Expression => identifier(name.repeat(times));

/** Given a declaration, the code the printer writes for it: what prettier writes too. */
const cases: readonly { name: string; given: Declaration; want: string }[] = [
  {
    name: 'an arrow returning an object wraps it in parentheses, not a block',
    given: constant({
      kind: 'arrow',
      parameters: [],
      body: objectLiteral([property('a', { kind: 'number', value: 1 })]),
    }),
    want: 'const value = () => ({ a: 1 });\n',
  },
  {
    name: 'a string takes the quote that needs fewer escapes',
    given: constant({
      kind: 'array',
      elements: [stringLiteral("it's"), stringLiteral('say "hi"'), stringLiteral(`it's "x"`)],
    }),
    want: `const value = ["it's", 'say "hi"', 'it\\'s "x"'];\n`,
  },
  {
    name: 'a number keeps its shortest form, without a plus in the exponent',
    given: constant({
      kind: 'array',
      elements: [1e21, -0, 0.5].map((value) => ({ kind: 'number', value })),
    }),
    want: 'const value = [1e21, 0, 0.5];\n',
  },
  {
    name: 'a ?? in a conditional branch gets parentheses',
    given: constant({
      kind: 'conditional',
      test: identifier('a'),
      consequent: { kind: 'binary', operator: '??', left: identifier('b'), right: identifier('c') },
      alternate: identifier('d'),
    }),
    want: 'const value = a ? (b ?? c) : d;\n',
  },
  {
    name: 'a last object argument hugs the parentheses when the rest fits',
    given: constant(
      call('run', [
        identifier('first'),
        objectLiteral([property('alpha', long('a', 80)), property('beta', identifier('b'))]),
      ]),
    ),
    want: `const value = run(first, {\n  alpha: ${'a'.repeat(80)},\n  beta: b,\n});\n`,
  },
  {
    name: 'a call on a member chain breaks before each call when too long',
    given: constant(
      call(member(call(member('client', 'x'.repeat(40)), [long('argument', 5)]), 'withAnswer'), []),
    ),
    want: [
      'const value = client',
      `  .${'x'.repeat(40)}(${'argument'.repeat(5)})`,
      '  .withAnswer();',
      '',
    ].join('\n'),
  },
  {
    name: 'a long union in an annotation moves to the next line before breaking at each |',
    given: constant(identifier('x'), {
      kind: 'union',
      members: ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'].map(
        (word): TypeNode => typeReference(word.repeat(2)),
      ),
    }),
    want: [
      'const value:',
      '  | alphaalpha',
      '  | bravobravo',
      '  | charliecharlie',
      '  | deltadelta',
      '  | echoecho',
      '  | foxtrotfoxtrot',
      '  | golfgolf',
      '  | hotelhotel = x;',
      '',
    ].join('\n'),
  },
  {
    name: 'a type argument that is a lone keyword hugs its brackets',
    given: constant(call('make', [], [keywordType('string')])),
    want: 'const value = make<string>();\n',
  },
];

for (const { name, given, want } of cases) {
  test(name, async () => {
    const printed = printCode([given]);

    assert.equal(printed.unsure, []);
    assert.fixture(printed.text, want);
    assert.fixture(await format(want, { ...GENERATED_FORMAT, filepath: 'x.ts' }), want);
  });
}

test('declarations print one after the other, a blank line where one asks for it', async () => {
  const named = (name: string, initializer: Expression, blankLineBefore = false): Declaration => ({
    kind: 'const',
    name,
    initializer,
    blankLineBefore,
  });
  const printed = printCode([
    named('first', call('run', [long('a', 30), long('b', 30), long('c', 30)])),
    named('second', identifier('x')),
    named('third', objectLiteral([property('k', stringLiteral('v'))]), true),
  ]);
  const want = [
    'const first = run(',
    `  ${'a'.repeat(30)},`,
    `  ${'b'.repeat(30)},`,
    `  ${'c'.repeat(30)},`,
    ');',
    'const second = x;',
    '',
    "const third = { k: 'v' };",
    '',
  ].join('\n');

  assert.equal(printed.unsure, []);
  assert.fixture(printed.text, want);
  assert.fixture(await format(want, { ...GENERATED_FORMAT, filepath: 'x.ts' }), want);
});

test('a layout unsure in any one declaration makes the whole file unsure', () => {
  const sure: Declaration = { kind: 'const', name: 'sure', initializer: identifier('x') };
  const decidedOnWideText: Declaration = {
    kind: 'const',
    name: 'wide',
    initializer: call('run', [stringLiteral('\u6f22\u5b57'), identifier('y')]),
  };

  assert.equal(printCode([sure, sure]).unsure, []);
  assert.equal(printCode([sure, decidedOnWideText, sure]).unsure, [
    'the width of text beyond Latin letters',
  ]);
});

test('no declarations print as no text', () => {
  assert.equal(printCode([]), { text: '', unsure: [] });
});

test.run();
