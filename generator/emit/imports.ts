import { listDirectReferences } from '../contract/json-schema.js';
import type { RouteModel } from '../model.js';
import type { Declaration } from '../print/code.js';

/** A name an import brings in: plain, or `{ name, isTypeOnly }` for `type Name`. */
export type ImportedName = string | { readonly name: string; readonly isTypeOnly: boolean };

/** `import { names } from 'moduleSpecifier';`, `import type` when asked. */
export function buildImport(
  moduleSpecifier: string,
  names: readonly ImportedName[],
  options: { readonly isTypeOnly?: boolean } = {},
): Declaration {
  return {
    kind: 'import',
    moduleSpecifier,
    isTypeOnly: options.isTypeOnly === true,
    names: names.map((name) => (typeof name === 'string' ? { name, isTypeOnly: false } : name)),
  };
}

/** The named types the routes' parameters and answers refer to, sorted: what `./types.js` gives. */
export function listRouteTypes(routes: readonly RouteModel[]): string[] {
  const types = new Set<string>();
  for (const route of routes) {
    for (const parameter of route.parameters) {
      listDirectReferences(parameter.type).forEach((name) => types.add(name));
    }
    if (route.response !== undefined) {
      listDirectReferences(route.response).forEach((name) => types.add(name));
    }
  }

  return [...types].sort();
}
