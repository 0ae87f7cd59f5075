import type { NamedType, PropertyIR, TypeIR } from '../model.js';
import { toPropertyKey } from './identifiers.js';
import { toJsDocText } from './jsdoc.js';
import { toLiteral } from './literal.js';

/**
 * Writes a type of the IR as TypeScript type text. Literals go through {@link toLiteral} and
 * keys through {@link toPropertyKey}, so no contract string can break out of the type.
 */
export function writeTypeText(type: TypeIR, options: TypeTextOptions = {}): string {
  const inner = (nested: TypeIR): string => writeTypeText(nested, options);
  switch (type.kind) {
    case 'string':
    case 'boolean':
    case 'null':
      return type.kind;
    case 'number':
    case 'integer':
      return 'number';
    case 'literal':
      return toLiteral(type.value);
    case 'enum':
      return type.values.map((value) => toLiteral(value)).join(' | ');
    case 'array':
      return `${wrapForArray(type.items, options)}[]`;
    case 'object':
      return writeObjectText(type.properties, options);
    case 'record':
      return `Record<string, ${inner(type.values)}>`;
    case 'ref':
      return type.name;
    case 'nullable':
      return `${inner(type.type)} | null`;
    case 'union':
      return type.members.map(inner).join(' | ');
  }
}

/** Options of {@link writeTypeText}. */
export interface TypeTextOptions {
  /** Write each property's description and constraints as JSDoc; default true. */
  readonly docs?: boolean;
}

function wrapForArray(items: TypeIR, options: TypeTextOptions): string {
  const text = writeTypeText(items, options);
  const compound = items.kind === 'enum' || items.kind === 'nullable' || items.kind === 'union';

  return compound ? `(${text})` : text;
}

function writeObjectText(properties: readonly PropertyIR[], options: TypeTextOptions): string {
  if (properties.length === 0) {
    return 'Record<string, never>';
  }
  const members = properties.map((property) => {
    const doc = options.docs === false ? '' : writeDocLines(property);
    const key = `${toPropertyKey(property.name)}${property.optional ? '?' : ''}`;

    return `${doc}${key}: ${writeTypeText(property.type, options)};`;
  });

  return options.docs === false ? `{ ${members.join(' ')} }` : `{\n${members.join('\n')}\n}`;
}

/** The JSDoc of a property: its description, then the constraints its schema enforces. */
function writeDocLines(property: PropertyIR): string {
  const text = describeProperty(property);
  if (text === '') {
    return '';
  }

  return `/**\n${text
    .split('\n')
    .map((line) => ` * ${line}`.trimEnd())
    .join('\n')}\n */\n`;
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
