import type { Binary, Expression } from './code.js';
import { nodeTypeOf, type Place } from './context.js';
import { align, group, indent, line, unsure, type Doc } from './doc.js';
import { printExpression } from './print-expressions.js';

/** Binary and conditional expressions in prettier's layout. */

const PRECEDENCE: Readonly<Record<Binary['operator'], number>> = { '??': 1, '===': 8, '+': 11 };

/** Whether a chain of operators prints as one list (`a + b + c`), as prettier's `shouldFlatten`. */
function shouldFlatten(parent: Binary['operator'], child: Binary['operator']): boolean {
  return PRECEDENCE[parent] === PRECEDENCE[child] && !(parent === '===' && child === '===');
}

/** A `??` whose right side is a non-empty object or array stays on the operator's line. */
export function isInlineLogical(binary: Binary): boolean {
  const { right } = binary;

  return (
    binary.operator === '??' &&
    ((right.kind === 'object' && right.members.length > 0) ||
      (right.kind === 'array' && right.elements.length > 0))
  );
}

/**
 * `a + b + c`: the operands of one precedence as a list that breaks after each operator,
 * indented after the first unless the parent already indents it (an assignment, a
 * property, a return, a conditional, an arrow's body).
 */
export function printBinary(binary: Binary, place: Place): Doc {
  const parts = printBinaryParts(binary, undefined);
  switch (place.parent) {
    case 'callee':
    case 'member-object':
      return [unsure('a binary expression as a callee or an object'), group(parts)];
    default:
      break;
  }
  const inline = isInlineLogical(binary);
  const notIndented =
    place.parent === 'return' ||
    place.parent === 'arrow-body' ||
    ((place.parent === 'conditional-branch' || place.parent === 'conditional-test') &&
      place.conditionalInCallOrReturn !== true);
  const indentedByParent =
    place.parent === 'assignment' || place.parent === 'declarator' || place.parent === 'property';
  const samePrecedenceLeft =
    binary.left.kind === 'binary' && shouldFlatten(binary.operator, binary.left.operator);
  if (notIndented || (inline && !samePrecedenceLeft) || (!inline && indentedByParent)) {
    return group(parts);
  }

  return group([parts[0]!, indent(parts.slice(1))]);
}

function printBinaryParts(binary: Binary, parentType: string | undefined): Doc[] {
  const type = nodeTypeOf(binary);
  const { left, right } = binary;
  const parts: Doc[] =
    left.kind === 'binary' && shouldFlatten(binary.operator, left.operator)
      ? printBinaryParts(left, type)
      : [group(printOperand(left))];
  const printedRight = isInlineLogical(binary)
    ? [binary.operator, ' ', printOperand(right)]
    : [binary.operator, line, printOperand(right)];
  const shouldGroup =
    parentType !== type && nodeTypeOf(left) !== type && nodeTypeOf(right) !== type;
  parts.push(' ', shouldGroup ? group(printedRight) : printedRight);

  return parts;
}

function printOperand(operand: Expression): Doc {
  if (operand.kind === 'binary' || operand.kind === 'conditional') {
    return [
      unsure('nested operators of other precedence'),
      printExpression(operand, { parent: 'binary' }),
    ];
  }

  return printExpression(operand, { parent: 'binary' });
}

/** `test ? a : b`, breaking before `?` and `:` with the branches aligned after them. */
export function printConditional(
  conditional: Extract<Expression, { kind: 'conditional' }>,
  place: Place,
): Doc {
  const inCallOrReturn =
    place.parent === 'argument' || place.parent === 'return' || place.parent === 'new-callee';
  const branch: Place = { parent: 'conditional-branch', conditionalInCallOrReturn: inCallOrReturn };
  const nested = [conditional.test, conditional.consequent, conditional.alternate].some(
    (part) => part.kind === 'conditional',
  );
  const parts = [
    line,
    '? ',
    align(2, printExpression(conditional.consequent, branch)),
    line,
    ': ',
    align(2, printExpression(conditional.alternate, branch)),
  ];
  const printed = group([
    printExpression(conditional.test, { ...branch, parent: 'conditional-test' }),
    indent(parts),
  ]);
  if (nested || place.parent === 'member-object' || place.parent === 'callee') {
    return [unsure('a nested conditional, or one as a callee or an object'), printed];
  }

  return printed;
}
