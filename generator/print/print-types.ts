import type { PropertySignature, TypeLiteral, TypeNode } from './code.js';
import { printJsDocs } from './comments.js';
import {
  align,
  group,
  ifBreak,
  indent,
  join,
  line,
  softline,
  type Doc,
  type GroupOptions,
} from './doc.js';
import { printNumber, printPropertyKey, printString } from './literals.js';

/**
 * Types in prettier's layout: type arguments hug a lone simple or object type and break one
 * a line otherwise; a union breaks before every `|`, indented unless it is a type argument;
 * a type literal is an object of `;`-separated members.
 */

/** Where a type stands, as far as its layout depends on it. */
export type TypePlace = 'annotation' | 'type-argument' | 'array-element' | 'alias';

/** Lays out a type standing at `place`. */
export function printType(type: TypeNode, place: TypePlace = 'annotation'): Doc {
  switch (type.kind) {
    case 'keyword':
      return type.name;
    case 'reference':
      return [type.name, printTypeArguments(type.typeArguments)];
    case 'literal-type':
      return printLiteralType(type.value);
    case 'union':
      return printUnion(type.members, place);
    case 'array-type': {
      const array = [printType(type.element, 'array-element'), '[]'];

      return type.isReadonly ? ['readonly ', array] : array;
    }
    case 'type-literal':
      return printTypeLiteral(type);
  }
}

/** `<A, B>`: on one line with a lone type that hugs, else a group that breaks one a line. */
export function printTypeArguments(types: readonly TypeNode[]): Doc {
  if (types.length === 0) {
    return '';
  }
  const printed = types.map((type) => printType(type, 'type-argument'));
  if (types.length === 1 && shouldHugType(types[0]!)) {
    return ['<', printed[0]!, '>'];
  }

  return group(['<', indent([softline, join([',', line], printed)]), softline, '>']);
}

/** A type written on one line with the brackets around it: a keyword, a plain name, an object type. */
export function shouldHugType(type: TypeNode): boolean {
  return (
    isSimpleType(type) ||
    type.kind === 'type-literal' ||
    (type.kind === 'union' && shouldHugUnion(flattenUnion(type.members)))
  );
}

/** A keyword or literal type, or a name without type arguments. */
export function isSimpleType(type: TypeNode): boolean {
  return (
    type.kind === 'keyword' ||
    type.kind === 'literal-type' ||
    (type.kind === 'reference' && type.typeArguments.length === 0)
  );
}

function printLiteralType(value: string | number | boolean): Doc {
  if (typeof value === 'string') {
    return printString(value);
  }

  return typeof value === 'number' ? printNumber(value) : String(value);
}

/** One object-like member (a type literal or a named type) and only `null` or `void` besides. */
function shouldHugUnion(members: readonly TypeNode[]): boolean {
  const objectLike = members.find(
    (member) => member.kind === 'type-literal' || member.kind === 'reference',
  );
  if (objectLike === undefined) {
    return false;
  }

  return members.every(
    (member) =>
      member === objectLike ||
      (member.kind === 'keyword' && (member.name === 'null' || member.name === 'void')),
  );
}

/**
 * `A | B`: on one line when it fits, else `| A` a line. Where nothing before it indents it
 * (an annotation), it may first move whole to the next line.
 */
function printUnion(members: readonly TypeNode[], place: TypePlace): Doc {
  const flat = flattenUnion(members);
  if (shouldHugUnion(flat)) {
    const hugged = join(
      ' | ',
      flat.map((member) => printType(member)),
    );

    // An array of a union needs the parentheses whatever the layout.
    return place === 'array-element' ? ['(', hugged, ')'] : hugged;
  }
  const printed = group(
    flat.map((member, index) => [
      index === 0 ? ifBreak('| ') : [line, '| '],
      align(2, printType(member)),
    ]),
  );
  switch (place) {
    case 'array-element':
      return ['(', group([indent([softline, printed]), softline]), ')'];
    case 'type-argument':
    case 'alias':
      return printed;
    case 'annotation':
      return group(indent([softline, printed]));
  }
}

/** Whether a type alias breaks after its `=` first: a union that does not hug. */
export function isBrokenUnion(type: TypeNode): boolean {
  return type.kind === 'union' && !shouldHugUnion(flattenUnion(type.members));
}

/** A union inside a union is one union, as TypeScript reads `A | B | null`. */
function flattenUnion(members: readonly TypeNode[]): TypeNode[] {
  return members.flatMap((member) =>
    member.kind === 'union' ? flattenUnion(member.members) : [member],
  );
}

/** `{ a: T; b?: U }`, one member a line when it breaks (or is `expanded`). */
export function printTypeLiteral(type: TypeLiteral): Doc {
  if (type.members.length === 0) {
    return '{}';
  }

  return printMembers(type.members.map(printPropertySignature), { isExpanded: type.expanded });
}

/** The members of an object type or interface body: `;` after each when broken. */
export function printMembers(members: readonly Doc[], options: GroupOptions): Doc {
  const separated = join(
    [';', line],
    members.map((member) => group(member)),
  );

  return group(['{', indent([line, separated]), ifBreak(';'), line, '}'], options);
}

/** `readonly key?: type`, after its JSDoc. */
export function printPropertySignature(property: PropertySignature): Doc {
  return [
    printJsDocs(property.docs, property.multilineDocs),
    property.isReadonly ? 'readonly ' : '',
    printPropertyKey(property.key),
    property.optional ? '?' : '',
    ': ',
    printType(property.type),
  ];
}
