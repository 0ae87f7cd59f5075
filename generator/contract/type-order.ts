import type { NamedType } from '../model.js';
import { listDirectReferences } from './json-schema.js';

/**
 * Orders named types by name, moving each after the types it uses so that emitters may
 * write them top to bottom; in a cycle (types that use each other) the name decides. The
 * result depends only on the types, not on the order they come in.
 */
export function sortNamedTypes(types: readonly NamedType[]): NamedType[] {
  const byName = new Map(types.map((named) => [named.name, named]));
  const sorted: NamedType[] = [];
  const visited = new Set<string>();
  const visit = (named: NamedType): void => {
    if (visited.has(named.name)) return;

    visited.add(named.name);
    for (const name of [...new Set(listDirectReferences(named.type))].sort(compareNames)) {
      const used = byName.get(name);
      if (used !== undefined) visit(used);
    }
    sorted.push(named);
  };
  for (const named of [...types].sort((a, b) => compareNames(a.name, b.name))) visit(named);

  return sorted;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
