import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sortNamedTypes } from '../../../generator/contract/type-order.js';
import type { NamedType, TypeIR } from '../../../generator/model.js';

const at = { file: 'types.ts', line: 1, column: 1 };

function named(name: string, ...uses: string[]): NamedType {
  const type: TypeIR = {
    kind: 'object',
    properties: uses.map((used) => ({
      name: used,
      type: { kind: 'ref', name: used },
      optional: false,
    })),
  };

  return { name, type, location: at };
}

const names = (types: readonly NamedType[]) => types.map((type) => type.name);

test('independent types are sorted by name', () => {
  assert.equal(names(sortNamedTypes([named('b'), named('C'), named('a')])), ['C', 'a', 'b']);
});

test('a type comes after the types it uses', () => {
  const sorted = sortNamedTypes([named('Alpha', 'Zulu'), named('Zulu', 'Mike'), named('Mike')]);

  assert.equal(names(sorted), ['Mike', 'Zulu', 'Alpha']);
});

test('types that use each other are ordered by name, whatever the input order', () => {
  const types = [named('B', 'A'), named('A', 'B'), named('C', 'A')];
  const reversed = [...types].reverse();

  assert.equal(names(sortNamedTypes(types)), ['B', 'A', 'C']);
  assert.equal(sortNamedTypes(types), sortNamedTypes(reversed));
});

test.run();
