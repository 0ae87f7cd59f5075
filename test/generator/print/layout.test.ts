import fc from 'fast-check';
import { builders, printer } from 'prettier/doc';
import type { Doc as PrettierDoc } from 'prettier';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ours from '../../../generator/print/doc.js';
import { printDoc } from '../../../generator/print/layout.js';

/** A doc described as data, so the same one can be built with both printers' builders. */
type Spec =
  | { t: 'text'; s: string }
  | { t: 'list'; items: Spec[] }
  | { t: 'group'; c: Spec; brk: boolean; id: number | undefined }
  | { t: 'states'; states: Spec[] }
  | { t: 'indent'; c: Spec }
  | { t: 'align'; n: number; c: Spec }
  | { t: 'line' | 'softline' | 'hardline' | 'breakParent' }
  | { t: 'ifBreak'; b: Spec; f: Spec; id: number | undefined }
  | { t: 'indentIfBreak'; c: Spec; id: number }
  | { t: 'fill'; parts: Spec[] };

const IDS = 3;
const groupId = fc.option(fc.integer({ min: 0, max: IDS - 1 }), { nil: undefined });

const { spec } = fc.letrec<{ spec: Spec }>((tie) => ({
  spec: fc.oneof(
    { depthSize: 'medium', maxDepth: 7, withCrossShrink: true },
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant('text' as const),
        s: fc.stringMatching(/^[a-z ]{0,8}$/),
      }),
    },
    fc.record({ t: fc.constantFrom('line' as const, 'softline' as const) }),
    fc.record({ t: fc.constantFrom('hardline' as const, 'breakParent' as const) }),
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant('list' as const),
        items: fc.array(tie('spec'), { maxLength: 6 }),
      }),
    },
    fc.record({ t: fc.constant('group' as const), c: tie('spec'), brk: fc.boolean(), id: groupId }),
    fc.record({
      t: fc.constant('states' as const),
      states: fc.array(tie('spec'), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({ t: fc.constant('indent' as const), c: tie('spec') }),
    fc.record({
      t: fc.constant('align' as const),
      n: fc.integer({ min: 1, max: 4 }),
      c: tie('spec'),
    }),
    fc.record({ t: fc.constant('ifBreak' as const), b: tie('spec'), f: tie('spec'), id: groupId }),
    fc.record({
      t: fc.constant('indentIfBreak' as const),
      c: tie('spec'),
      id: fc.integer({ min: 0, max: IDS - 1 }),
    }),
    fc
      .array(fc.tuple(tie('spec'), fc.constantFrom('line', 'softline')), { maxLength: 4 })
      .map((pairs): Spec => ({
        t: 'fill',
        parts: pairs.flatMap(([part, separator], index) =>
          index === 0 ? [part] : [{ t: separator } as Spec, part],
        ),
      })),
  ),
}));

/** A document of several parts, each of any depth. */
const document = fc
  .array(spec, { minLength: 3, maxLength: 12 })
  .map((items): Spec => ({ t: 'list', items }));

/** The builders of one printer, for {@link build}. */
interface Builders<D> {
  readonly group: (contents: D, shouldBreak: boolean, id: symbol | undefined) => D;
  readonly conditionalGroup: (states: D[]) => D;
  readonly indent: (contents: D) => D;
  readonly align: (width: number, contents: D) => D;
  readonly ifBreak: (broken: D, flat: D, id: symbol | undefined) => D;
  readonly indentIfBreak: (contents: D, id: symbol) => D;
  readonly fill: (parts: D[]) => D;
  readonly line: D;
  readonly softline: D;
  readonly hardline: D;
  readonly breakParent: D;
}

const OURS: Builders<ours.Doc> = {
  group: (contents, shouldBreak, id) => ours.group(contents, { shouldBreak, ...(id && { id }) }),
  conditionalGroup: ours.conditionalGroup,
  indent: ours.indent,
  align: ours.align,
  ifBreak: ours.ifBreak,
  indentIfBreak: ours.indentIfBreak,
  fill: ours.fill,
  line: ours.line,
  softline: ours.softline,
  hardline: ours.hardline,
  breakParent: ours.breakParent,
};

const PRETTIER: Builders<PrettierDoc> = {
  group: (contents, shouldBreak, id) =>
    builders.group(contents, { shouldBreak, ...(id && { id }) }),
  conditionalGroup: builders.conditionalGroup,
  indent: builders.indent,
  align: (width, contents) => builders.align(width, contents),
  ifBreak: (broken, flat, id) => builders.ifBreak(broken, flat, { ...(id && { groupId: id }) }),
  indentIfBreak: (contents, id) => builders.indentIfBreak(contents, { groupId: id }),
  fill: builders.fill,
  line: builders.line,
  softline: builders.softline,
  hardline: builders.hardline,
  breakParent: builders.breakParent,
};

/** Builds the doc `node` describes with one printer's builders; `ids` name its groups. */
function build<D>(node: Spec, make: Builders<D>, ids: readonly symbol[]): D {
  const child = (spec: Spec): D => build(spec, make, ids);
  const id = (index: number | undefined): symbol | undefined =>
    index === undefined ? undefined : ids[index];
  switch (node.t) {
    case 'text':
      return node.s as D;
    case 'list':
      return node.items.map(child) as D;
    case 'group':
      return make.group(child(node.c), node.brk, id(node.id));
    case 'states':
      return make.conditionalGroup(node.states.map(child));
    case 'indent':
      return make.indent(child(node.c));
    case 'align':
      return make.align(node.n, child(node.c));
    case 'line':
    case 'softline':
    case 'hardline':
    case 'breakParent':
      return make[node.t];
    case 'ifBreak':
      return make.ifBreak(child(node.b), child(node.f), id(node.id));
    case 'indentIfBreak':
      return make.indentIfBreak(child(node.c), ids[node.id]!);
    case 'fill':
      return make.fill(node.parts.map(child));
  }
}

const formatWithPrettier = (node: Spec, width: number): string => {
  const ids = Array.from({ length: IDS }, (_, index) => Symbol(`prettier-${index}`));
  const options = { printWidth: width, tabWidth: 2, useTabs: false, endOfLine: 'lf' };

  return printer.printDocToString(build(node, PRETTIER, ids), options as never).formatted;
};

const formatWithOurs = (node: Spec, width: number): string => {
  const ids = Array.from({ length: IDS }, (_, index) => Symbol(`ours-${index}`));

  return printDoc(build(node, OURS, ids), width).text;
};

test('random documents are laid out exactly as prettier lays them out', () => {
  fc.assert(
    fc.property(document, fc.integer({ min: 4, max: 40 }), (node, width) => {
      assert.is(formatWithOurs(node, width), formatWithPrettier(node, width));
    }),
    { numRuns: 4000 },
  );
});

test('a group fits flat with what follows it up to the next line break', () => {
  const doc = [ours.group(['a', ours.line, 'b']), ' tail', ours.hardline, 'next'];

  assert.is(printDoc(doc, 8).text, 'a b tail\nnext');
  assert.is(printDoc(doc, 7).text, 'a\nb tail\nnext');
});

test('a layout decided on text beyond Latin letters is unsure, and only then', () => {
  const decided = (text: string): ours.Doc => ours.group([text, ours.line, 'x']);

  assert.equal(printDoc(decided('caf\u00e9 na\u00efve'), 100).unsure, []);
  assert.equal(printDoc(decided('\u6f22\u5b57'), 100).unsure, [
    'the width of text beyond Latin letters',
  ]);
  assert.equal(printDoc(['/** \u6f22\u5b57 */', ours.hardline, decided('x')], 100).unsure, []);
});

test.run();
