import type { Expression, Statement, TypeNode, VariableStatement } from './code.js';
import { printJsDocs } from './comments.js';
import { group, hardline, ifBreak, indent, softline, unsure, willBreak, type Doc } from './doc.js';
import { printAssignment } from './print-assignment.js';
import { printExpression } from './print-expressions.js';
import { printType } from './print-types.js';

/** Statements and blocks in prettier's layout. */

/** `{ ... }` with one statement a line, or `{}`. */
export function printBlock(statements: readonly Statement[]): Doc {
  if (statements.length === 0) {
    return '{}';
  }

  return ['{', indent([hardline, printStatementList(statements, printStatement)]), hardline, '}'];
}

/** Statements one a line, with a blank line before those that ask for one. */
export function printStatementList<T extends { readonly blankLineBefore?: boolean }>(
  statements: readonly T[],
  print: (statement: T) => Doc,
): Doc {
  return statements.map((statement, index) => [
    index === 0 ? '' : statement.blankLineBefore === true ? [hardline, hardline] : hardline,
    print(statement),
  ]);
}

function printStatement(statement: Statement): Doc {
  switch (statement.kind) {
    case 'return':
      return ['return', printReturned(statement.argument), ';'];
    case 'expression':
      return [printExpression(statement.expression, { parent: 'statement' }), ';'];
    case 'assignment':
      return [
        printAssignment(
          printExpression(statement.target, { parent: 'assignment-target' }),
          ' =',
          statement.value,
          'assignment',
        ),
        ';',
      ];
    case 'const':
      return printVariableStatement(statement);
  }
}

/** A returned binary expression gets parentheses when it breaks. */
function printReturned(argument: Expression): Doc {
  const printed = printExpression(argument, { parent: 'return' });
  if (argument.kind !== 'binary') {
    return [' ', printed];
  }

  return group([ifBreak(' (', ' '), indent([softline, printed]), softline, ifBreak(')')]);
}

/** `export const name: type = initializer;`, after its JSDoc. */
export function printVariableStatement(statement: VariableStatement): Doc {
  const left: Doc[] = [statement.name];
  if (statement.type !== undefined) {
    left.push(': ', printType(statement.type));
    if (hasComplexTypeAnnotation(statement.type)) left.push(unsure('a complex type annotation'));
  }

  return [
    printJsDocs(statement.docs),
    statement.isExported === true ? 'export ' : '',
    'const ',
    printAssignment(left, ' =', statement.initializer, 'declarator'),
    ';',
  ];
}

/** Prettier breaks after a `const`'s name first when its type has several generic arguments. */
function hasComplexTypeAnnotation(type: TypeNode): boolean {
  return type.kind === 'reference' && type.typeArguments.length > 1;
}

/** `(params): type` with the parameters in their own group when prettier groups them. */
export function printSignature(
  parameters: Doc,
  count: number,
  returnType: TypeNode | undefined,
): Doc {
  if (returnType === undefined) {
    return group(parameters);
  }
  const returned = [': ', printType(returnType)];
  const grouped = shouldGroupParameters(count, returnType, returned);

  return group([grouped ? group(parameters) : parameters, returned]);
}

/** Prettier groups a lone parameter apart when the return type is an object type or breaks. */
export function shouldGroupParameters(count: number, returnType: TypeNode, returned: Doc): boolean {
  return count === 1 && (returnType.kind === 'type-literal' || willBreak(returned));
}
