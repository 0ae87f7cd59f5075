import { Node } from './ts-morph.js';
import type { ParameterDeclaration, PropertyDeclaration, TypeNode } from 'ts-morph';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { TypeConverter } from './type-converter.js';

/** The parts of a route's function type. */
export interface RouteSignature {
  readonly parameters: readonly ParameterDeclaration[];
  /** `T` of the returned `Promise<T>`. */
  readonly response: TypeNode;
}

const EXAMPLE = 'getUser!: (id: number) => Promise<User>';

/**
 * Reads a route property's type: a function type, without type parameters, that returns
 * `Promise<T>`. The property has no value (`!:`), since resilgen never runs the contract.
 */
export function readRouteSignature(
  member: PropertyDeclaration,
  converter: TypeConverter,
): RouteSignature | undefined {
  const name = member.getName();
  const initializer = member.getInitializer();
  if (initializer !== undefined) {
    const message = `the route '${name}' has a value; a route is only declared`;
    return reportRouteType(initializer, message, converter);
  }
  let typeNode = member.getTypeNode();
  while (Node.isParenthesizedTypeNode(typeNode)) typeNode = typeNode.getTypeNode();
  if (!Node.isFunctionTypeNode(typeNode)) {
    const message = `the route '${name}' must be typed as a function returning a Promise, received \`${typeNode?.getText() ?? 'no type'}\``;
    return reportRouteType(typeNode ?? member.getNameNode(), message, converter);
  }
  if (typeNode.getTypeParameters().length > 0) {
    const message = `the route '${name}' may not have type parameters`;
    return reportRouteType(typeNode, message, converter);
  }
  const returned = typeNode.getReturnTypeNodeOrThrow();
  const response = readPromiseArgument(returned, converter);
  if (response === undefined) {
    const message = `the route '${name}' must return Promise<T>, received \`${returned.getText()}\``;
    return reportRouteType(returned, message, converter);
  }

  return { parameters: typeNode.getParameters(), response };
}

function readPromiseArgument(node: TypeNode, converter: TypeConverter): TypeNode | undefined {
  if (!Node.isTypeReference(node)) return undefined;

  const name = node.getTypeName();
  const typeArguments = node.getTypeArguments();
  if (!Node.isIdentifier(name) || name.getText() !== 'Promise' || typeArguments.length !== 1) {
    return undefined;
  }
  // A Promise the contract declares itself is not the built-in one.
  const declarations = name.getSymbol()?.getDeclarations() ?? [];
  const builtIn = declarations.every((declaration) => converter.isInDefaultLibrary(declaration));

  return builtIn ? typeArguments[0] : undefined;
}

function reportRouteType(node: Node, message: string, converter: TypeConverter): undefined {
  converter.problems.report(node, Codes.CONTRACT_ROUTE_TYPE, message, `declare it as ${EXAMPLE}`);

  return undefined;
}
