import type {
  Expression,
  ObjectMember,
  Parameter,
  Statement,
  TypeKeyword,
  TypeNode,
} from './code.js';

/**
 * Constructors of the code model's most used nodes, named after the node (as `ts.factory`
 * and prettier's builders are), so emitters read close to the code they generate.
 */

/** A name: a variable, a function, `this`. */
export function identifier(name: string): Expression {
  return { kind: 'identifier', name };
}

/** `object.name` (or `object.#name`). */
export function member(object: Expression | string, name: string): Expression {
  return { kind: 'member', object: typeof object === 'string' ? identifier(object) : object, name };
}

/** `callee<typeArguments>(args)`; a string callee is a name. */
export function call(
  callee: Expression | string,
  args: readonly Expression[],
  typeArguments: readonly TypeNode[] = [],
): Expression {
  return {
    kind: 'call',
    callee: typeof callee === 'string' ? identifier(callee) : callee,
    typeArguments,
    arguments: args,
  };
}

/** A string literal. */
export function stringLiteral(value: string): Expression {
  return { kind: 'string', value };
}

/** `{ ... }`; `expanded` keeps it one member a line. */
export function objectLiteral(members: readonly ObjectMember[], expanded = false): Expression {
  return { kind: 'object', members, expanded };
}

/** `key: value`, or the shorthand `key` when the value is a variable of that name. */
export function property(key: string, value: Expression): ObjectMember {
  return value.kind === 'identifier' && value.name === key
    ? { kind: 'shorthand', name: key }
    : { kind: 'property', key, value };
}

/** A type name with its type arguments. */
export function typeReference(name: string, typeArguments: readonly TypeNode[] = []): TypeNode {
  return { kind: 'reference', name, typeArguments };
}

/** A keyword type. */
export function keywordType(name: TypeKeyword): TypeNode {
  return { kind: 'keyword', name };
}

/** A parameter of a name and type. */
export function parameter(name: string, type?: TypeNode, optional = false): Parameter {
  return type === undefined ? { name, optional } : { name, type, optional };
}

/** `A | B | ...`. */
export function unionType(members: readonly TypeNode[]): TypeNode {
  return { kind: 'union', members };
}

/** `return argument;`. */
export function returnStatement(argument: Expression): Statement {
  return { kind: 'return', argument };
}
