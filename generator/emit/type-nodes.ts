import type { NamedType, PropertyIR, TypeIR } from '../model.js';
import type { PropertySignature, TypeNode } from '../print/code.js';
import { keywordType, typeReference } from '../print/nodes.js';
import { toJsDocText } from './jsdoc.js';

/**
 * The TypeScript type of a type of the IR. Literals and keys stay data that the printer
 * quotes and escapes, so no contract string can break out of the type.
 */
export function toTypeNode(type: TypeIR, options: TypeNodeOptions = {}): TypeNode {
  const inner = (nested: TypeIR): TypeNode => toTypeNode(nested, options);
  switch (type.kind) {
    case 'string':
    case 'boolean':
    case 'null':
      return keywordType(type.kind);
    case 'number':
    case 'integer':
      return keywordType('number');
    case 'literal':
      return { kind: 'literal-type', value: type.value };
    case 'enum':
      return {
        kind: 'union',
        members: type.values.map((value) => ({ kind: 'literal-type', value })),
      };
    case 'array':
      return { kind: 'array-type', element: inner(type.items), isReadonly: false };
    case 'object':
      return toObjectTypeNode(type.properties, options);
    case 'record':
      return typeReference('Record', [keywordType('string'), inner(type.values)]);
    case 'ref':
      return typeReference(type.name);
    case 'nullable':
      return { kind: 'union', members: [inner(type.type), keywordType('null')] };
    case 'union':
      return { kind: 'union', members: type.members.map(inner) };
  }
}

/** Options of {@link toTypeNode}. */
export interface TypeNodeOptions {
  /**
   * Write each property's description and constraints as JSDoc, and nested object types one
   * member a line; default true.
   */
  readonly docs?: boolean;
}

function toObjectTypeNode(properties: readonly PropertyIR[], options: TypeNodeOptions): TypeNode {
  if (properties.length === 0) {
    return typeReference('Record', [keywordType('string'), keywordType('never')]);
  }
  const docs = options.docs !== false;
  const members = properties.map((property): PropertySignature => {
    const text = docs ? describeProperty(property) : '';

    return {
      kind: 'property-signature',
      key: property.name,
      type: toTypeNode(property.type, options),
      optional: property.optional,
      isReadonly: false,
      docs: text === '' ? [] : [text],
      multilineDocs: true,
    };
  });

  return { kind: 'type-literal', members, expanded: docs };
}

/** The description and constraint tags of a property, as JSDoc text (safe). */
export function describeProperty(property: PropertyIR): string {
  const lines: string[] = [];
  if (property.description !== undefined) {
    lines.push(toJsDocText(property.description));
  }
  lines.push(...listConstraintTags(property.type));

  return lines.join('\n');
}

/** The constraints of a type as JSDoc tags (`@format email`), for readers of types.ts. */
export function listConstraintTags(type: TypeIR): string[] {
  const target = type.kind === 'nullable' ? type.type : type;
  const tags: string[] = [];
  const add = (name: string, value: unknown): void => {
    if (value !== undefined) {
      tags.push(`@${name} ${toJsDocText(String(value))}`);
    }
  };
  switch (target.kind) {
    case 'string':
      add('format', target.format);
      add('minLength', target.minLength);
      add('maxLength', target.maxLength);
      add('pattern', target.pattern);
      break;
    case 'integer':
    case 'number':
      if (target.kind === 'integer') tags.push('@integer');
      add('minimum', target.minimum);
      add('maximum', target.maximum);
      add('exclusiveMinimum', target.exclusiveMinimum);
      add('exclusiveMaximum', target.exclusiveMaximum);
      add('multipleOf', target.multipleOf);
      break;
    case 'array':
      add('minItems', target.minItems);
      add('maxItems', target.maxItems);
      break;
    default:
      break;
  }

  return tags;
}

/** Tells whether a named type is written as an `interface` (a declared object type). */
export function isInterfaceType(named: NamedType): boolean {
  return named.type.kind === 'object';
}
