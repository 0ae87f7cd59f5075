import { Node } from './ts-morph.js';
import type { Symbol as MorphSymbol } from 'ts-morph';

/** The module a contract imports its decorators and the `Integer` type from. */
export const RUNTIME_MODULE = 'resilgen/runtime';

/** How many re-export hops are followed before giving up (guards against alias cycles). */
const MAX_ALIAS_HOPS = 16;

/**
 * Names the export of `resilgen/runtime` that a reference denotes: `Get` for `Get`,
 * `HttpGet` (imported as `{ Get as HttpGet }`), `rg.Get` (with `import * as rg`) or a
 * local file that re-exports it. Answers `undefined` for anything else.
 *
 * It reads import and export declarations rather than resolving `resilgen/runtime`
 * itself, so it works whether or not that package can be found from the contract.
 */
export function findRuntimeExport(reference: Node): string | undefined {
  if (Node.isPropertyAccessExpression(reference) || Node.isQualifiedName(reference)) {
    const left = Node.isQualifiedName(reference) ? reference.getLeft() : reference.getExpression();
    const right = Node.isQualifiedName(reference) ? reference.getRight() : reference.getNameNode();

    return isRuntimeNamespace(left) ? right.getText() : undefined;
  }
  if (!Node.isIdentifier(reference)) return undefined;

  return followAliases(reference.getSymbol());
}

function isRuntimeNamespace(node: Node): boolean {
  if (!Node.isIdentifier(node)) return false;

  let symbol = node.getSymbol();
  for (let hop = 0; symbol !== undefined && hop < MAX_ALIAS_HOPS; hop += 1) {
    const declaration = symbol.getDeclarations()[0];
    if (Node.isNamespaceImport(declaration)) {
      const specifier = declaration.getParentOrThrow().getParentOrThrow();
      if (Node.isImportDeclaration(specifier)) {
        if (specifier.getModuleSpecifierValue() === RUNTIME_MODULE) return true;
      }
    }
    if (!symbol.isAlias()) return false;

    symbol = symbol.getImmediatelyAliasedSymbol();
  }

  return false;
}

function followAliases(start: MorphSymbol | undefined): string | undefined {
  let symbol = start;
  for (let hop = 0; symbol !== undefined && hop < MAX_ALIAS_HOPS; hop += 1) {
    const declaration = symbol.getDeclarations()[0];
    if (Node.isImportSpecifier(declaration)) {
      const module = declaration.getImportDeclaration().getModuleSpecifierValue();
      if (module === RUNTIME_MODULE) return declaration.getName();
    }
    if (Node.isExportSpecifier(declaration)) {
      const module = declaration.getExportDeclaration().getModuleSpecifierValue();
      if (module === RUNTIME_MODULE) return declaration.getName();
    }
    if (!symbol.isAlias()) return undefined;

    symbol = symbol.getImmediatelyAliasedSymbol();
  }

  return undefined;
}
