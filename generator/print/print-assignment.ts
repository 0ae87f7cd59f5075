import type { Expression, TypeNode } from './code.js';
import { isSignedNumber, type Parent } from './context.js';
import { canBreak, group, indent, indentIfBreak, line, willBreak, type Doc } from './doc.js';
import { printString } from './literals.js';
import { printExpression } from './print-expressions.js';
import { isInlineLogical } from './print-operators.js';
import { isMemberChain } from './print-calls.js';
import { printTypeArguments } from './print-types.js';

/**
 * `left = right` and `key: value` in prettier's layouts (its `printAssignment`): where the
 * line may break first, after the operator or inside the right side.
 */

/** The assignments generated code writes: a property, a `const`, a `this.x = ...`. */
export type AssignmentKind = Extract<Parent, 'property' | 'declarator' | 'assignment'>;

type Layout = 'break-after-operator' | 'never-break-after-operator' | 'fluid';

/** Lays out `left operator right`, `left` already printed. */
export function printAssignment(
  left: Doc,
  operator: string,
  right: Expression,
  kind: AssignmentKind,
): Doc {
  const layout = chooseLayout(left, right, kind);
  const printed = printExpression(right, { parent: kind });

  return printWithLayout(left, operator, printed, layout);
}

/** The layout prettier's `fluid` gives: break inside the right side first, then after the operator. */
export function printWithLayout(left: Doc, operator: string, right: Doc, layout: Layout): Doc {
  switch (layout) {
    case 'break-after-operator':
      return group([group(left), operator, group(indent([line, right]))]);
    case 'never-break-after-operator':
      return group([group(left), operator, ' ', right]);
    case 'fluid': {
      const id = Symbol('assignment');

      return group([group(left), operator, group(indent(line), { id }), indentIfBreak(right, id)]);
    }
  }
}

function chooseLayout(left: Doc, right: Expression, kind: AssignmentKind): Layout {
  // Wrapping after a key of a few characters does not gain enough room to be worth it.
  const hasShortKey = kind === 'property' && typeof left === 'string' && left.length < 5;
  if (shouldBreakAfterOperator(right, hasShortKey)) {
    return 'break-after-operator';
  }
  const leftCanBreak = canBreak(left);
  if (
    !leftCanBreak &&
    (hasShortKey || right.kind === 'boolean' || (right.kind === 'number' && !isSignedNumber(right)))
  ) {
    return 'never-break-after-operator';
  }

  return 'fluid';
}

function shouldBreakAfterOperator(right: Expression, hasShortKey: boolean): boolean {
  if (right.kind === 'binary' && !isInlineLogical(right)) {
    return true;
  }
  if (
    right.kind === 'conditional' &&
    right.test.kind === 'binary' &&
    !isInlineLogical(right.test)
  ) {
    return true;
  }
  if (hasShortKey) {
    return false;
  }
  const node = right.kind === 'await' ? right.argument : right;

  return node.kind === 'string' || isPoorlyBreakableChain(node, false);
}

/**
 * A chain of member accesses and calls without arguments or with one short argument
 * (`a.b.c`, `make(name)`): prettier breaks after the operator rather than inside it.
 */
function isPoorlyBreakableChain(node: Expression, deep: boolean): boolean {
  switch (node.kind) {
    case 'call': {
      if (isMemberChain(node)) {
        return false;
      }
      const [only, ...others] = node.arguments;
      const fewArguments = only === undefined || (others.length === 0 && isLoneShortArgument(only));
      if (!fewArguments || hasComplexTypeArguments(node.typeArguments)) {
        return false;
      }

      return isPoorlyBreakableChain(node.callee, true);
    }
    case 'member':
    case 'element':
      return isPoorlyBreakableChain(node.object, true);
    case 'identifier':
      return deep;
    default:
      return false;
  }
}

/** Several type arguments, or one that is a union or object type or breaks for sure. */
function hasComplexTypeArguments(types: readonly TypeNode[]): boolean {
  if (types.length > 1) {
    return true;
  }
  const only = types[0];
  if (only === undefined) {
    return false;
  }

  return (
    only.kind === 'union' || only.kind === 'type-literal' || willBreak(printTypeArguments(types))
  );
}

/** Prettier's "lone short argument": a quarter of the print width at most. */
function isLoneShortArgument(node: Expression): boolean {
  const threshold = 25;
  switch (node.kind) {
    case 'identifier':
      return node.name === 'this' || node.name.length <= threshold;
    case 'number':
    case 'boolean':
    case 'null':
      return true;
    case 'string':
      return printString(node.value).length <= threshold;
    case 'call':
      return (
        node.arguments.length === 0 &&
        node.callee.kind === 'identifier' &&
        node.callee.name.length <= threshold - 2
      );
    default:
      return false;
  }
}
