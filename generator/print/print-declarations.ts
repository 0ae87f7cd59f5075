import type { ClassMember, Declaration, MethodSignature, PropertySignature } from './code.js';
import { printJsDocs } from './comments.js';
import { group, hardline, ifBreak, indent, join, line, type Doc } from './doc.js';
import { printString } from './literals.js';
import { printParameters } from './print-expressions.js';
import {
  printBlock,
  printSignature,
  printStatementList,
  shouldGroupParameters,
  printVariableStatement,
} from './print-statements.js';
import { printWithLayout } from './print-assignment.js';
import { isBrokenUnion, printMembers, printPropertySignature, printType } from './print-types.js';

/** Top-level declarations in prettier's layout, each after its JSDoc. */

/** Lays out one top-level declaration. */
export function printDeclaration(declaration: Declaration): Doc {
  if (declaration.kind === 'const') {
    return printVariableStatement(declaration);
  }
  if (declaration.kind === 'export-all') {
    return ['export * from ', printString(declaration.moduleSpecifier), ';'];
  }
  const exported = declaration.isExported === true ? 'export ' : '';

  return [printJsDocs(declaration.docs), exported, printBare(declaration)];
}

function printBare(declaration: Exclude<Declaration, { kind: 'const' | 'export-all' }>): Doc {
  switch (declaration.kind) {
    case 'import':
      return printImport(declaration);
    case 'interface': {
      const body =
        declaration.members.length === 0
          ? '{}'
          : printMembers(declaration.members.map(printInterfaceMember), { shouldBreak: true });

      return group(['interface ', declaration.name, ' ', body]);
    }
    case 'type-alias': {
      const left = group(['type ', declaration.name]);
      const type = printType(declaration.type, 'alias');
      const layout = isBrokenUnion(declaration.type) ? 'break-after-operator' : 'fluid';

      return [printWithLayout(left, ' =', type, layout), ';'];
    }
    case 'function':
      return [
        'function ',
        declaration.name,
        printSignature(
          printParameters(declaration.parameters),
          declaration.parameters.length,
          declaration.returnType,
        ),
        ' ',
        printBlock(declaration.body),
      ];
    case 'class':
      return ['class ', declaration.name, ' ', printClassBody(declaration.members)];
  }
}

/** `import { a, b } from 'x';`: a lone name never breaks, several break one a line. */
function printImport(declaration: Extract<Declaration, { kind: 'import' }>): Doc {
  const names = declaration.names.map((name) =>
    name.isTypeOnly ? `type ${name.name}` : name.name,
  );
  const specifiers =
    names.length > 1
      ? group(['{', indent([line, join([',', line], names)]), ifBreak(','), line, '}'])
      : ['{ ', names[0] ?? '', ' }'];

  return [
    'import',
    declaration.isTypeOnly ? ' type' : '',
    ' ',
    specifiers,
    ' from ',
    printString(declaration.moduleSpecifier),
    ';',
  ];
}

function printInterfaceMember(member: PropertySignature | MethodSignature): Doc {
  if (member.kind === 'property-signature') {
    return printPropertySignature(member);
  }
  const parameters = printParameters(member.parameters);
  const returned = [': ', printType(member.returnType)];
  const groupParameters = shouldGroupParameters(
    member.parameters.length,
    member.returnType,
    returned,
  );

  return [
    printJsDocs(member.docs),
    group([member.name, groupParameters ? group(parameters) : parameters, group(returned)]),
  ];
}

/**
 * A class body: one member a line, a blank line between members except between two
 * properties (the shape ts-morph gave these classes, which prettier keeps).
 */
function printClassBody(members: readonly ClassMember[]): Doc {
  if (members.length === 0) {
    return '{}';
  }
  const spaced = members.map((member, index) => ({
    member,
    blankLineBefore:
      index > 0 &&
      !(member.kind === 'class-property' && members[index - 1]!.kind === 'class-property'),
  }));

  return [
    '{',
    indent([hardline, printStatementList(spaced, (entry) => printClassMember(entry.member))]),
    hardline,
    '}',
  ];
}

function printClassMember(member: ClassMember): Doc {
  switch (member.kind) {
    case 'class-property':
      return [
        printJsDocs(member.docs),
        member.isReadonly ? 'readonly ' : '',
        member.name,
        ': ',
        printType(member.type),
        ';',
      ];
    case 'constructor':
      return [
        'constructor',
        printSignature(printParameters(member.parameters), member.parameters.length, undefined),
        ' ',
        printBlock(member.body),
      ];
    case 'class-method':
      return [
        printJsDocs(member.docs),
        member.name,
        printSignature(
          printParameters(member.parameters),
          member.parameters.length,
          member.returnType,
        ),
        ' ',
        printBlock(member.body),
      ];
  }
}
