import { listDirectReferences } from '../contract/json-schema.js';
import type { RouteModel } from '../model.js';
import type { Declaration } from '../print/code.js';
import { PACKAGE_IMPORTS, type ImportingFile } from './reserved-names.js';

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

/**
 * The imports of `file` from packages, as {@link PACKAGE_IMPORTS} lists them, without the
 * names in `unused`.
 */
export function buildPackageImports(
  file: ImportingFile,
  unused: readonly string[] = [],
): Declaration[] {
  return PACKAGE_IMPORTS[file].map(({ moduleSpecifier, names, isTypeOnly }) =>
    buildImport(
      moduleSpecifier,
      names.filter((name) => !unused.includes(typeof name === 'string' ? name : name.name)),
      { isTypeOnly: isTypeOnly === true },
    ),
  );
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
