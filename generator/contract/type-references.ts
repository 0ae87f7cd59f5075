import { Node, SyntaxKind } from './ts-morph.js';
import type { EntityName, ImportSpecifier, TypeReferenceNode } from 'ts-morph';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { TypeIR } from '../model.js';
import { formatDidYouMean } from '../suggest.js';
import { RUNTIME_MODULE, findRuntimeExport } from './runtime-symbols.js';
import type { TypeConverter } from './type-converter.js';
import { UNSUPPORTED_BUILTINS, UTILITY_TYPES } from './unsupported-types.js';

/**
 * Converts a type reference: `Integer` from resilgen/runtime, `Array<T>`, `ReadonlyArray<T>`,
 * `Record<string, T>`, or a non-generic interface or type alias, which stays a reference
 * to its named type. Anything else is reported with what to write instead.
 */
export function convertTypeReference(
  node: TypeReferenceNode,
  converter: TypeConverter,
): TypeIR | undefined {
  const nameNode = node.getTypeName();
  const runtimeName = findRuntimeExport(nameNode);
  if (runtimeName === 'Integer' && node.getTypeArguments().length === 0) return { kind: 'integer' };
  if (runtimeName !== undefined) {
    return converter.reportUnsupported(
      node,
      `'${runtimeName}' from ${RUNTIME_MODULE} is not a data type`,
    );
  }
  const declarations = findDeclarations(nameNode, converter);
  if (declarations.length === 0) return convertBuiltin(node, converter);

  const declaration = declarations[0]!;
  if (declarations.length > 1) {
    return converter.reportUnsupported(
      node,
      'it is declared more than once (merged declarations)',
      'declare it once',
    );
  }
  if (Node.isInterfaceDeclaration(declaration) || Node.isTypeAliasDeclaration(declaration)) {
    if (declaration.getTypeParameters().length > 0 || node.getTypeArguments().length > 0) {
      const reason = 'generic types other than Array, Record and Promise are not supported';
      return converter.reportUnsupported(node, reason, 'declare a type without type parameters');
    }

    return converter.named.refer(declaration);
  }
  if (Node.isClassDeclaration(declaration)) {
    return converter.reportUnsupported(
      node,
      'classes are not data',
      'declare an interface with the data properties',
    );
  }
  if (Node.isEnumDeclaration(declaration)) {
    return converter.reportUnsupported(
      node,
      'enums are not supported',
      "use a union of literals such as 'asc' | 'desc'",
    );
  }

  return converter.reportUnsupported(
    node,
    'it does not name an interface or a type alias',
    'name one',
  );
}

// Declarations in TypeScript's own lib files count as none: the names are handled as
// built-ins, whether or not the project loads the libs.
function findDeclarations(nameNode: EntityName, converter: TypeConverter): Node[] {
  const symbol = nameNode.getSymbol();
  const target = symbol?.isAlias() === true ? symbol.getAliasedSymbol() : symbol;
  const declarations = target?.getDeclarations() ?? [];

  return declarations.every((declaration) => converter.isInDefaultLibrary(declaration))
    ? []
    : declarations;
}

function convertBuiltin(node: TypeReferenceNode, converter: TypeConverter): TypeIR | undefined {
  const name = node.getTypeName().getText();
  const typeArguments = node.getTypeArguments();
  if ((name === 'Array' || name === 'ReadonlyArray') && typeArguments.length === 1) {
    const items = converter.convertType(typeArguments[0]!);

    return items === undefined ? undefined : { kind: 'array', items };
  }
  if (name === 'Record' && typeArguments.length === 2) return convertRecord(node, converter);

  const unsupported = UNSUPPORTED_BUILTINS.get(name);
  if (unsupported !== undefined) return converter.reportUnsupported(node, ...unsupported);
  if (UTILITY_TYPES.has(name)) {
    const reason = 'generic types other than Array, Record and Promise are not supported';
    return converter.reportUnsupported(
      node,
      reason,
      'declare an interface with exactly the properties',
    );
  }
  reportUnresolved(node, name, converter);

  return undefined;
}

function reportUnresolved(node: TypeReferenceNode, name: string, converter: TypeConverter): void {
  const file = node.getSourceFile();
  const source = file
    .getImportDeclarations()
    .find((declaration) =>
      declaration.getNamedImports().some((specifier) => localName(specifier) === name),
    );
  if (source !== undefined) {
    const message = `cannot find the type '${name}' imported from '${source.getModuleSpecifierValue()}'`;
    const hint = 'check that the file exists and exports it';
    converter.problems.report(node, Codes.CONTRACT_TYPE_UNRESOLVED, message, hint);

    return;
  }
  const candidates = [
    ...file.getInterfaces().map((declaration) => declaration.getName()),
    ...file.getTypeAliases().map((declaration) => declaration.getName()),
    ...file
      .getImportDeclarations()
      .flatMap((declaration) => declaration.getNamedImports().map(localName)),
  ];
  const message = `cannot find the type '${name}'`;
  const hint = formatDidYouMean(name, candidates) ?? 'declare it, or import it';
  converter.problems.report(node, Codes.CONTRACT_TYPE_UNRESOLVED, message, hint);
}

function localName(specifier: ImportSpecifier): string {
  return specifier.getAliasNode()?.getText() ?? specifier.getName();
}

function convertRecord(node: TypeReferenceNode, converter: TypeConverter): TypeIR | undefined {
  const [keyNode, valueNode] = node.getTypeArguments();
  if (keyNode?.getKind() !== SyntaxKind.StringKeyword) {
    return converter.reportUnsupported(
      node,
      "a Record's keys must be string",
      'use Record<string, T>, or an object type with the keys',
    );
  }
  const values = converter.convertType(valueNode!);

  return values === undefined ? undefined : { kind: 'record', values };
}
