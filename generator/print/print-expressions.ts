import type { Arrow, Expression, ObjectLiteral, ObjectMember, Parameter } from './code.js';
import { isSignedNumber, type Parent, type Place } from './context.js';
import { fill, group, ifBreak, indent, join, line, softline, unsure, type Doc } from './doc.js';
import { printNumber, printPropertyKey, printString } from './literals.js';
import { printAssignment } from './print-assignment.js';
import { printBinary, printConditional } from './print-operators.js';
import { printCall, printCallArguments } from './print-calls.js';
import { printBlock } from './print-statements.js';
import { printType } from './print-types.js';

/**
 * Expressions in prettier's layout. Each rule below is one prettier applies to the node in
 * that place; the file comments say which, where it is not plain.
 */

/** Lays out `expression` standing at `place`. */
export function printExpression(expression: Expression, place: Place): Doc {
  const printed = printBare(expression, place);

  return needsParentheses(expression, place) ? ['(', printed, ')'] : printed;
}

function printBare(expression: Expression, place: Place): Doc {
  switch (expression.kind) {
    case 'identifier':
      return expression.name;
    case 'string':
      return printString(expression.value);
    case 'number':
      return printNumber(expression.value);
    case 'boolean':
      return String(expression.value);
    case 'null':
      return 'null';
    case 'object':
      return printObject(expression);
    case 'array':
      return printArray(expression.elements);
    case 'member':
      return printMemberAccess(expression.object, expression.name, place);
    case 'element':
      return [
        printExpression(expression.object, objectPlace(place)),
        printElementLookup(expression.index),
      ];
    case 'call':
      return printCall(expression, place);
    case 'new':
      return [
        'new ',
        printExpression(expression.callee, { parent: 'new-callee' }),
        printCallArguments(expression.arguments),
      ];
    case 'arrow':
      return printArrow(expression, place);
    case 'binary':
      return printBinary(expression, place);
    case 'conditional':
      return printConditional(expression, place);
    case 'await':
      return ['await ', printExpression(expression.argument, { parent: 'await' })];
    case 'as-const':
      return [printExpression(expression.expression, { parent: 'cast' }), ' as const'];
    case 'satisfies':
      return [
        printExpression(expression.expression, { parent: 'cast' }),
        ' satisfies ',
        printType(expression.type),
      ];
  }
}

/** The parentheses prettier keeps (or adds) in the places generated code puts them. */
function needsParentheses(expression: Expression, place: Place): boolean {
  switch (expression.kind) {
    case 'object':
      // An arrow's body `{` would open a block.
      return place.parent === 'arrow-body';
    case 'binary':
      // Prettier parenthesizes `??` in a conditional's branches.
      return expression.operator === '??' && place.parent === 'conditional-branch';
    default:
      return false;
  }
}

/** `{ a: 1, b }`: one line when it fits (and is not `expanded`), else one member a line. */
export function printObject(object: ObjectLiteral): Doc {
  if (object.members.length === 0) {
    return '{}';
  }
  const members = object.members.map((member) => group(printObjectMember(member)));

  return group(['{', indent([line, join([',', line], members)]), ifBreak(','), line, '}'], {
    isExpanded: object.expanded === true,
  });
}

function printObjectMember(member: ObjectMember): Doc {
  switch (member.kind) {
    case 'property':
      return printAssignment(printPropertyKey(member.key), ':', member.value, 'property');
    case 'shorthand':
      return member.name;
    case 'spread':
      return ['...', printExpression(member.argument, { parent: 'spread' })];
    case 'method':
      return [
        member.isAsync ? 'async ' : '',
        member.name,
        group(printParameters(member.parameters)),
        ' ',
        printBlock(member.body),
      ];
  }
}

/**
 * `[a, b]`: one line when it fits; numbers fill their lines; two or more objects (or
 * arrays) of several entries each are always one a line.
 */
function printArray(elements: readonly Expression[]): Doc {
  if (elements.length === 0) {
    return group('[]');
  }
  const shouldBreak =
    elements.length > 1 &&
    elements.every((element, index) => {
      const next = elements[index + 1];
      if (next !== undefined && next.kind !== element.kind) {
        return false;
      }

      return (
        (element.kind === 'object' && element.members.length > 1) ||
        (element.kind === 'array' && element.elements.length > 1)
      );
    });
  const place: Place = { parent: 'array-element' };
  if (elements.every((element) => element.kind === 'number')) {
    const id = Symbol('array');
    const parts: Doc[] = [];
    elements.forEach((element, index) => {
      const last = index === elements.length - 1;
      parts.push([printExpression(element, place), last ? ifBreak(',', '', id) : ',']);
      if (!last) parts.push(line);
    });

    return group(['[', indent([softline, fill(parts)]), softline, ']'], { shouldBreak, id });
  }
  const printed = elements.map((element) => group(printExpression(element, place)));

  return group(['[', indent([softline, join([',', line], printed), ifBreak(',')]), softline, ']'], {
    shouldBreak,
  });
}

/** The place of a member access's object, carrying the first non-member ancestor. */
function objectPlace(place: Place): Place {
  return {
    parent: 'member-object',
    outside: place.parent === 'member-object' ? place.outside : place.parent,
  };
}

/**
 * `object.name`. Prettier lets the dot move to the next line unless the access is short
 * (`name.name` outside of a longer chain) or stands where that would look odd.
 */
function printMemberAccess(object: Expression, name: string, place: Place): Doc {
  const outside: Parent = place.parent === 'member-object' ? place.outside! : place.parent;
  const lookup = `.${name}`;
  const inline =
    outside === 'new-callee' ||
    outside === 'assignment-target' ||
    outside === 'assignment' ||
    (object.kind === 'identifier' &&
      object.name !== 'this' &&
      !name.startsWith('#') &&
      place.parent !== 'member-object');

  return [
    printExpression(object, objectPlace(place)),
    inline ? lookup : group(indent([softline, lookup])),
  ];
}

/** `[index]`, which may break inside its brackets unless it is a number. */
export function printElementLookup(index: Expression): Doc {
  const printed = printExpression(index, { parent: 'index' });
  if (index.kind === 'number' && !isSignedNumber(index)) {
    return ['[', printed, ']'];
  }

  return group(['[', indent([softline, printed]), softline, ']']);
}

/** `(a, b: T, c = {})`: broken one a line (with a trailing comma) when it does not fit. */
export function printParameters(parameters: readonly Parameter[]): Doc {
  if (parameters.length === 0) {
    return '()';
  }
  const only = parameters.length === 1 ? parameters[0]! : undefined;
  if (only?.type?.kind === 'type-literal' && only.initializer === undefined) {
    // Prettier hugs a lone parameter of an object type; no generated code has one.
    return [unsure('a lone parameter of an object type'), '(', printParameter(only), ')'];
  }
  const printed = join([',', line], parameters.map(printParameter));

  return ['(', indent([softline, printed]), ifBreak(','), softline, ')'];
}

function printParameter(parameter: Parameter): Doc {
  return [
    parameter.name,
    parameter.optional === true ? '?' : '',
    parameter.type === undefined ? '' : [': ', printType(parameter.type)],
    parameter.initializer === undefined
      ? ''
      : [' = ', printExpression(parameter.initializer, { parent: 'parameter-default' })],
  ];
}

/**
 * `(params) => body`: the body stays on the arrow's line when it is an object or array
 * (which break on their own), else it moves to the next line when it does not fit.
 */
function printArrow(arrow: Arrow, place: Place): Doc {
  if (arrow.body.kind === 'arrow' || arrow.body.kind === 'conditional' || place.expandLastArg) {
    return [
      unsure('an arrow chain, or an arrow body prettier parenthesizes'),
      printArrowSimply(arrow),
    ];
  }

  return printArrowSimply(arrow);
}

function printArrowSimply(arrow: Arrow): Doc {
  const signature = group(group(printParameters(arrow.parameters)));
  const body = printExpression(arrow.body, { parent: 'arrow-body' });
  const sameLine = arrow.body.kind === 'object' || arrow.body.kind === 'array';

  return group([signature, ' =>', group(sameLine ? [' ', body] : indent([line, body]))]);
}
