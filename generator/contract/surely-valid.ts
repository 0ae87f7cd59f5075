import type { JsonValue, NamedType, TypeIR } from '../model.js';
import { FORBIDDEN_RECORD_KEYS } from './json-schema.js';

/**
 * Tells, without a schema validator, that a JSON value surely matches a type: its shape,
 * kinds and literals, as {@link buildTypeSchema}'s schema checks them. A type with
 * constraints (formats, patterns, lengths, bounds) is never answered for: `false` means
 * "ask ajv", which also words the errors. Most fallback values (`[]`, `null`, a default
 * object) are decided here, so reading a contract seldom compiles a schema.
 */
export function isSurelyValid(
  type: TypeIR,
  value: JsonValue,
  types: ReadonlyMap<string, NamedType>,
  depth = 0,
): boolean {
  // A cycle of named types with a value that is deep enough is left to ajv.
  if (depth > 64) {
    return false;
  }
  const matches = (inner: TypeIR, item: JsonValue): boolean =>
    isSurelyValid(inner, item, types, depth + 1);
  switch (type.kind) {
    case 'string':
      return typeof value === 'string' && !hasConstraints(type);
    case 'number':
      return typeof value === 'number' && !hasConstraints(type);
    case 'integer':
      return Number.isInteger(value) && !hasConstraints(type);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'literal':
      return value === type.value;
    case 'enum':
      return type.values.some((allowed) => allowed === value);
    case 'array':
      return (
        Array.isArray(value) &&
        type.minItems === undefined &&
        type.maxItems === undefined &&
        type.uniqueItems === undefined &&
        value.every((item: JsonValue) => matches(type.items, item))
      );
    case 'object': {
      // ajv reads `data.constructor` and the like through the prototype: left to it.
      if (!isPlainObject(value) || type.properties.some(({ name }) => name in Object.prototype)) {
        return false;
      }
      const declared = new Map(type.properties.map((property) => [property.name, property]));

      return (
        Object.keys(value).every((key) => declared.has(key)) &&
        type.properties.every((property) =>
          Object.hasOwn(value, property.name)
            ? matches(property.type, value[property.name]!)
            : property.optional,
        )
      );
    }
    case 'record':
      return (
        isPlainObject(value) &&
        Object.keys(value).every(
          (key) => !FORBIDDEN_RECORD_KEYS.includes(key) && matches(type.values, value[key]!),
        )
      );
    case 'ref': {
      const named = types.get(type.name);

      return named !== undefined && matches(named.type, value);
    }
    case 'nullable':
      return value === null || matches(type.type, value);
    case 'union':
      return type.members.some((member) => matches(member, value));
  }
}

function isPlainObject(value: JsonValue): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasConstraints(type: object): boolean {
  return Object.keys(type).some((key) => key !== 'kind');
}
