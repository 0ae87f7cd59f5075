/**
 * JSON Schema from the type IR. Pure functions; the output uses only keywords that mean the
 * same in draft-07 (ajv's default `Ajv`, as fastify uses it) and in draft 2020-12.
 *
 * Decisions:
 * - A declared object type is closed: `additionalProperties: false`. An undeclared key,
 *   including a hostile `__proto__` or `constructor`, makes the value invalid (under
 *   fastify's default `removeAdditional: true` ajv strips it instead).
 * - `Record<string, T>` is open, except for the keys `__proto__` and `constructor`,
 *   rejected through `propertyNames` so that a record can never poison a prototype.
 * - `T | null` is `anyOf: [T, { type: 'null' }]`, which needs no `allowUnionTypes`.
 * - A named type is a `$ref` into `$defs`, by name (`#/$defs/User`).
 */
import type { JsonValue, NamedType, NumberType, PropertyIR, StringType, TypeIR } from '../model.js';

/** A JSON Schema object, as plain JSON data. */
export type JsonSchema = { readonly [keyword: string]: JsonValue };

/** Where `$ref`s point; the default `#/$defs/` suits {@link buildRootSchema}. */
export interface SchemaOptions {
  /** The text a named type's name is appended to (JSON-pointer escaped). Default `#/$defs/`. */
  readonly refPrefix?: string;
}

const DEFAULT_SCHEMA_OPTIONS = Object.freeze({ refPrefix: '#/$defs/' });

/** Keys a record never accepts, as they reach an object's prototype in JavaScript. */
export const FORBIDDEN_RECORD_KEYS: readonly string[] = Object.freeze(['__proto__', 'constructor']);

const STRING_KEYWORDS = ['format', 'minLength', 'maxLength', 'pattern'] as const;
const NUMBER_KEYWORDS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
] as const;

/** Builds the schema of `type`; named types become `$ref`s (see {@link SchemaOptions}). */
export function buildTypeSchema(type: TypeIR, options: SchemaOptions = {}): JsonSchema {
  const { refPrefix } = { ...DEFAULT_SCHEMA_OPTIONS, ...options };
  const build = (inner: TypeIR): JsonSchema => buildTypeSchema(inner, { refPrefix });
  switch (type.kind) {
    case 'string':
      return copyKeywords({ type: 'string' }, type, STRING_KEYWORDS);
    case 'number':
      return copyKeywords({ type: 'number' }, type, NUMBER_KEYWORDS);
    case 'integer':
      return boundToSafeIntegers(copyKeywords({ type: 'integer' }, type, NUMBER_KEYWORDS));
    case 'boolean':
    case 'null':
      return { type: type.kind };
    case 'literal':
      return { type: jsonTypeOf(type.value), const: type.value };
    case 'enum':
      return buildEnumSchema(type.values);
    case 'array':
      return {
        type: 'array',
        items: build(type.items),
        ...(type.minItems === undefined ? {} : { minItems: type.minItems }),
        ...(type.maxItems === undefined ? {} : { maxItems: type.maxItems }),
        ...(type.uniqueItems === undefined ? {} : { uniqueItems: true }),
      };
    case 'object':
      return buildObjectSchema(type.properties, build);
    case 'record':
      return {
        type: 'object',
        additionalProperties: build(type.values),
        propertyNames: { not: { enum: [...FORBIDDEN_RECORD_KEYS] } },
      };
    case 'ref':
      return { $ref: `${refPrefix}${escapePointer(type.name)}` };
    case 'nullable':
      return { anyOf: [build(type.type), { type: 'null' }] };
    case 'union':
      return { anyOf: type.members.map(build) };
  }
}

/**
 * Bounds an integer's schema to the integers JavaScript holds exactly: JSON.parse reads
 * `9007199254740993` as `9007199254740992`, so a body would reach the handler with a number
 * nobody sent. A side the contract leaves open gets the safe bound, and a contract bound past
 * it is narrowed to it, so that bodies get what path, query and header integers get as text
 * (numeric-text.ts refuses unsafe ones there whatever the schema says).
 */
function boundToSafeIntegers(schema: JsonSchema): JsonSchema {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
  const lowerIsSafe =
    (typeof minimum === 'number' && minimum >= Number.MIN_SAFE_INTEGER) ||
    (typeof exclusiveMinimum === 'number' && exclusiveMinimum >= Number.MIN_SAFE_INTEGER - 1);
  const upperIsSafe =
    (typeof maximum === 'number' && maximum <= Number.MAX_SAFE_INTEGER) ||
    (typeof exclusiveMaximum === 'number' && exclusiveMaximum <= Number.MAX_SAFE_INTEGER + 1);

  return {
    ...schema,
    ...(lowerIsSafe ? {} : { minimum: Number.MIN_SAFE_INTEGER }),
    ...(upperIsSafe ? {} : { maximum: Number.MAX_SAFE_INTEGER }),
  };
}

/**
 * Builds the `$defs` map: each named type's schema under its name, with its description.
 * Keys are own data properties whatever they spell.
 */
export function buildDefinitions(
  types: readonly NamedType[],
  options: SchemaOptions = {},
): JsonSchema {
  const definitions: Record<string, JsonValue> = {};
  for (const named of types) {
    const schema = buildTypeSchema(named.type, options);
    const described =
      named.description === undefined ? schema : { ...schema, description: named.description };
    defineOwn(definitions, named.name, described);
  }

  return definitions;
}

/**
 * Builds a self-contained schema for `type`: its own schema plus, under `$defs`, the named
 * types it reaches (directly or through other named types), in the order of `types`.
 */
export function buildRootSchema(type: TypeIR, types: readonly NamedType[]): JsonSchema {
  const reached = listReachedTypes(type, types);
  const schema = buildTypeSchema(type);

  return reached.length === 0 ? schema : { ...schema, $defs: buildDefinitions(reached) };
}

/** The named types by name, per list of them: every route asks, of the same list. */
const typesByName = new WeakMap<readonly NamedType[], ReadonlyMap<string, NamedType>>();

/** Lists the named types `type` reaches, in the order of `types`. */
export function listReachedTypes(type: TypeIR, types: readonly NamedType[]): NamedType[] {
  let byName = typesByName.get(types);
  if (byName === undefined) {
    byName = new Map(types.map((named) => [named.name, named]));
    typesByName.set(types, byName);
  }
  const reached = new Set<string>();
  const pending: TypeIR[] = [type];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const name of listDirectReferences(next)) {
      const named = byName.get(name);
      if (named === undefined || reached.has(name)) continue;

      reached.add(name);
      pending.push(named.type);
    }
  }

  return types.filter((named) => reached.has(named.name));
}

/** Lists the names `type` refers to itself, not through other named types, unsorted. */
export function listDirectReferences(type: TypeIR): string[] {
  switch (type.kind) {
    case 'ref':
      return [type.name];
    case 'array':
      return listDirectReferences(type.items);
    case 'record':
      return listDirectReferences(type.values);
    case 'nullable':
      return listDirectReferences(type.type);
    case 'union':
      return type.members.flatMap(listDirectReferences);
    case 'object':
      return type.properties.flatMap((property) => listDirectReferences(property.type));
    default:
      return [];
  }
}

function buildObjectSchema(
  properties: readonly PropertyIR[],
  build: (type: TypeIR) => JsonSchema,
): JsonSchema {
  const schemas: Record<string, JsonValue> = {};
  for (const property of properties) {
    const schema = build(property.type);
    const described =
      property.description === undefined
        ? schema
        : { ...schema, description: property.description };
    defineOwn(schemas, property.name, described);
  }
  const required = properties.filter((property) => !property.optional).map((p) => p.name);

  return {
    type: 'object',
    properties: schemas,
    ...(required.length === 0 ? {} : { required }),
    additionalProperties: false,
  };
}

// One JSON type for all values gives `type` (which fastify's coercion of query strings and
// path parameters needs); mixed values give a bare enum.
function buildEnumSchema(values: readonly (string | number | boolean)[]): JsonSchema {
  const types = new Set(values.map(jsonTypeOf));
  const [only] = types;

  return types.size === 1 && only !== undefined
    ? { type: only, enum: [...values] }
    : { enum: [...values] };
}

function jsonTypeOf(value: string | number | boolean): 'string' | 'number' | 'boolean' {
  return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
}

function copyKeywords<T extends StringType | NumberType>(
  schema: Record<string, JsonValue>,
  type: T,
  keywords: readonly (keyof T & string)[],
): JsonSchema {
  const result = { ...schema };
  for (const keyword of keywords) {
    const value = type[keyword];
    if (value !== undefined) result[keyword] = value as JsonValue;
  }

  return result;
}

function defineOwn(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

// RFC 6901: `~` and `/` are escaped inside a JSON pointer.
function escapePointer(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}
