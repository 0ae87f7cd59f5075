import { Node, SyntaxKind } from './ts-morph.js';
import type {
  ExpressionWithTypeArguments,
  InterfaceDeclaration,
  PropertySignature,
  TypeElementTypes,
  TypeLiteralNode,
} from 'ts-morph';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { PropertyIR, TypeIR } from '../model.js';
import { applySchemaTags } from './constraints.js';
import { readDocComment } from './jsdoc.js';
import type { TypeConverter } from './type-converter.js';

/** Converts an inline object type `{ ... }`. */
export function convertTypeLiteral(
  node: TypeLiteralNode,
  converter: TypeConverter,
): TypeIR | undefined {
  return convertMembers(node.getMembers(), [], converter);
}

/**
 * Converts an interface: the properties of the interfaces it extends first, then its own
 * (an own property of an inherited name takes the inherited one's place).
 */
export function convertInterface(
  declaration: InterfaceDeclaration,
  converter: TypeConverter,
): TypeIR | undefined {
  const inherited = readInheritedProperties(declaration, converter, new Set([declaration]));
  if (inherited === undefined) return undefined;

  return convertMembers(declaration.getMembers(), inherited, converter);
}

function readInheritedProperties(
  declaration: InterfaceDeclaration,
  converter: TypeConverter,
  visiting: Set<InterfaceDeclaration>,
): PropertyIR[] | undefined {
  const properties: PropertyIR[] = [];
  let complete = true;
  for (const heritage of declaration.getExtends()) {
    const base = findBaseInterface(heritage, converter);
    if (base === undefined || visiting.has(base)) {
      complete &&= base !== undefined;
      continue;
    }
    visiting.add(base);
    const inherited = readInheritedProperties(base, converter, visiting);
    const own = inherited && convertMembers(base.getMembers(), inherited, converter);
    if (own?.kind === 'object') mergeProperties(properties, own.properties);
    else complete = false;
  }

  return complete ? properties : undefined;
}

function findBaseInterface(
  heritage: ExpressionWithTypeArguments,
  converter: TypeConverter,
): InterfaceDeclaration | undefined {
  const symbol = heritage.getExpression().getSymbol();
  const target = symbol?.isAlias() === true ? symbol.getAliasedSymbol() : symbol;
  const declaration = target?.getDeclarations()[0];
  if (Node.isInterfaceDeclaration(declaration) && !converter.isInDefaultLibrary(declaration)) {
    if (heritage.getTypeArguments().length === 0 && declaration.getTypeParameters().length === 0) {
      return declaration;
    }
  }
  const reason = 'an interface may extend only interfaces of the contract without type parameters';
  converter.reportUnsupported(heritage, reason, 'copy the properties into the interface');

  return undefined;
}

function mergeProperties(into: PropertyIR[], properties: readonly PropertyIR[]): void {
  for (const property of properties) {
    const index = into.findIndex((other) => other.name === property.name);
    if (index === -1) into.push(property);
    else into[index] = property;
  }
}

function convertMembers(
  members: readonly TypeElementTypes[],
  inherited: readonly PropertyIR[],
  converter: TypeConverter,
): TypeIR | undefined {
  const indexSignature = members.find(Node.isIndexSignatureDeclaration);
  if (indexSignature !== undefined && members.length === 1 && inherited.length === 0) {
    return convertIndexSignature(indexSignature, converter);
  }
  const properties = [...inherited];
  const ownNames = new Set<string>();
  let complete = true;
  for (const member of members) {
    if (!Node.isPropertySignature(member)) {
      complete = false;
      reportMember(member, converter);
      continue;
    }
    const property = convertProperty(member, ownNames, converter);
    if (property === undefined) complete = false;
    else mergeProperties(properties, [property]);
  }

  return complete ? { kind: 'object', properties } : undefined;
}

function convertIndexSignature(
  member: TypeElementTypes,
  converter: TypeConverter,
): TypeIR | undefined {
  if (!Node.isIndexSignatureDeclaration(member)) return undefined;
  if (member.getKeyTypeNode().getKind() !== SyntaxKind.StringKeyword) {
    return converter.reportUnsupported(
      member,
      'only string keys are supported',
      'use [key: string]: T',
    );
  }
  const values = converter.convertType(member.getReturnTypeNodeOrThrow());

  return values === undefined ? undefined : { kind: 'record', values };
}

function reportMember(member: TypeElementTypes, converter: TypeConverter): void {
  if (Node.isIndexSignatureDeclaration(member)) {
    const reason = 'an index signature beside other properties is not supported';
    converter.reportUnsupported(
      member,
      reason,
      'put the open-ended part in a property of type Record<string, T>',
    );

    return;
  }
  converter.reportUnsupported(
    member,
    'methods and signatures are not data',
    'declare a property with a data type',
  );
}

function convertProperty(
  member: PropertySignature,
  ownNames: Set<string>,
  converter: TypeConverter,
): PropertyIR | undefined {
  const problems = converter.problems;
  const name = readPropertyName(member, converter);
  if (name === undefined) return undefined;
  if (ownNames.has(name)) {
    const message = `the property '${name}' is declared twice`;
    problems.report(member.getNameNode(), Codes.CONTRACT_PROPERTY_NAME, message, 'keep one');

    return undefined;
  }
  ownNames.add(name);
  const typeNode = member.getTypeNode();
  if (typeNode === undefined) {
    return converter.reportUnsupported(
      member,
      'a property needs a type',
      `write ${member.getName()}: T`,
    );
  }
  const optional = member.hasQuestionToken();
  const doc = readDocComment(member, problems);
  const converted = converter.convertType(typeNode, { optional });
  if (converted === undefined) return undefined;

  const type = applySchemaTags(converted, doc.tags, problems);

  return doc.description === undefined
    ? { name, type, optional }
    : { name, type, optional, description: doc.description };
}

function readPropertyName(member: PropertySignature, converter: TypeConverter): string | undefined {
  const node = member.getNameNode();
  const name = Node.isIdentifier(node)
    ? node.getText()
    : Node.isStringLiteral(node) || Node.isNumericLiteral(node)
      ? String(node.getLiteralValue())
      : undefined;
  if (name === undefined) {
    const message = `the property name \`${node.getText()}\` is computed`;
    converter.problems.report(
      node,
      Codes.CONTRACT_PROPERTY_NAME,
      message,
      "write the name itself, quoted if need be: 'content-type'",
    );

    return undefined;
  }
  if (name === '__proto__') {
    const message =
      "a property may not be named '__proto__': JSON parsers in front of the server reject it and object literals would set a prototype instead";
    converter.problems.report(node, Codes.CONTRACT_PROPERTY_NAME, message, 'rename the property');

    return undefined;
  }
  if (INHERITED_NAMES.has(name)) {
    const message =
      `a property may not be named '${name}': every object inherits one, so an answer without ` +
      "the field would seem to have it, and the server's answer serializer (fast-json-stringify) " +
      'leaves such a field out of the answers of named and union types';
    converter.problems.report(node, Codes.CONTRACT_PROPERTY_NAME, message, 'rename the property');

    return undefined;
  }

  return name;
}

/** What `Object.prototype` gives every object, `__proto__` aside (refused on its own). */
const INHERITED_NAMES: ReadonlySet<string> = new Set([
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);
