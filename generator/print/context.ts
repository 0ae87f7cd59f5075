import type { Expression } from './code.js';

/**
 * Where an expression stands, as far as prettier's layout of it depends on its parent:
 * whether a binary expression indents its rest, a member access may break before its dot,
 * a `??` needs parentheses, a member chain is a statement of its own.
 */
export interface Place {
  readonly parent: Parent;
  /** For the object of a member access: the first ancestor that is no member access. */
  readonly outside?: Parent;
  /** The last argument of a call, printed to hug its parentheses. */
  readonly expandLastArg?: boolean;
  /** For a conditional's branches: the conditional is an argument or returned. */
  readonly conditionalInCallOrReturn?: boolean;
}

/** The kinds of parent an expression's layout depends on. */
export type Parent =
  | 'argument'
  | 'array-element'
  | 'arrow-body'
  | 'assignment'
  | 'assignment-target'
  | 'await'
  | 'binary'
  | 'callee'
  | 'cast'
  | 'conditional-branch'
  | 'conditional-test'
  | 'declarator'
  | 'index'
  | 'member-object'
  | 'new-callee'
  | 'parameter-default'
  | 'property'
  | 'return'
  | 'spread'
  | 'statement';

/**
 * The node type prettier's parser would give an expression, for the rules that compare the
 * types of neighbours (two last arguments of one type are not hugged; a binary chain groups
 * by its node type, `??` being a logical expression).
 */
export function nodeTypeOf(expression: Expression): string {
  switch (expression.kind) {
    case 'identifier':
      return expression.name === 'this' ? 'ThisExpression' : 'Identifier';
    case 'string':
    case 'boolean':
    case 'null':
      return 'Literal';
    case 'number':
      return expression.value < 0 ? 'UnaryExpression' : 'Literal';
    case 'object':
      return 'ObjectExpression';
    case 'array':
      return 'ArrayExpression';
    case 'member':
    case 'element':
      return 'MemberExpression';
    case 'call':
      return 'CallExpression';
    case 'new':
      return 'NewExpression';
    case 'arrow':
      return 'ArrowFunctionExpression';
    case 'binary':
      return expression.operator === '??' ? 'LogicalExpression' : 'BinaryExpression';
    case 'conditional':
      return 'ConditionalExpression';
    case 'await':
      return 'AwaitExpression';
    case 'as-const':
      return 'TSAsExpression';
    case 'satisfies':
      return 'TSSatisfiesExpression';
  }
}

/** A number written with a sign: prettier's parser sees a unary minus. */
export function isSignedNumber(expression: Expression): boolean {
  return expression.kind === 'number' && nodeTypeOf(expression) === 'UnaryExpression';
}
