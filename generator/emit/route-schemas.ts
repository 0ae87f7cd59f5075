import { buildDefinitions, buildTypeSchema, listReachedTypes } from '../contract/json-schema.js';
import type { JsonSchema } from '../contract/json-schema.js';
import type { ApiModel, NamedType, RouteModel, TypeIR } from '../model.js';
import { CodeReference, type LiteralValue } from './literal.js';

/** The shared constant that holds every named type's schema, under `$defs`. */
export const DEFINITIONS_CONSTANT = 'schemaDefinitions';

const DEFINITIONS = new CodeReference(DEFINITIONS_CONSTANT);

/** A schema as generated code writes it: JSON, with `$defs` pointing at the shared constant. */
type RouteSchema = { readonly [keyword: string]: LiteralValue };

/** The parts of a request and its answer that a route validates. */
export type SchemaPart = 'params' | 'query' | 'headers' | 'body' | 'response';

/** The JSON Schemas of one route, by part; absent parts have none. */
export type RouteSchemas = Partial<Record<SchemaPart, RouteSchema>>;

/** The order parts are written in. */
export const SCHEMA_PARTS: readonly SchemaPart[] = [
  'params',
  'query',
  'headers',
  'body',
  'response',
];

const built = new WeakMap<RouteModel, RouteSchemas>();

/**
 * The schemas of every named type of the contract, by name: written once, as the shared
 * `$defs` of every route schema that refers to a named type (`#/$defs/User`).
 */
export function buildSchemaDefinitions(model: ApiModel): JsonSchema {
  return buildDefinitions(model.types);
}

/**
 * Builds the schemas of a route. A schema that refers to named types carries the shared
 * definitions as its own `$defs`, so each is complete on its own for any JSON Schema tool
 * (ajv, fastify's serializer), while every named type is written only once.
 */
export function buildRouteSchemas(route: RouteModel, model: ApiModel): RouteSchemas {
  // The schemas, client and server emitters all ask; the model is read-only, so build once.
  const known = built.get(route);
  if (known !== undefined) {
    return known;
  }
  const schemas: RouteSchemas = {};
  if (route.pathParams.length > 0) {
    // A parameter may be typed by a named alias (`type Small = Integer`): then it is a `$ref`.
    const reachesNamed = route.pathParams.some(
      (param) => listReachedTypes(param.type, model.types).length > 0,
    );
    schemas.params = {
      type: 'object',
      properties: Object.fromEntries(
        route.pathParams.map((param) => [param.name, buildTypeSchema(param.type)]),
      ),
      required: route.pathParams.map((param) => param.name),
      additionalProperties: false,
      ...(reachesNamed ? { $defs: DEFINITIONS } : {}),
    };
  }
  if (route.query !== undefined) {
    schemas.query = buildRootSchema(route.query.type, model.types);
  }
  if (route.headers !== undefined) {
    schemas.headers = buildHeadersSchema(route.headers.type, model.types);
  }
  if (route.body !== undefined) {
    schemas.body = buildRootSchema(route.body.type, model.types);
  }
  if (route.response !== undefined) {
    schemas.response = buildRootSchema(route.response, model.types);
  }

  built.set(route, schemas);

  return schemas;
}

/** A root schema: the type itself, with the shared `$defs` when it reaches a named type. */
function buildRootSchema(type: TypeIR, types: readonly NamedType[]): RouteSchema {
  const schema = buildTypeSchema(type);

  return listReachedTypes(type, types).length === 0 ? schema : { ...schema, $defs: DEFINITIONS };
}

/**
 * Headers arrive with lower-cased names and many more keys than a contract declares, so
 * their schema names the declared ones in lower case and lets the others through.
 */
function buildHeadersSchema(type: TypeIR, types: readonly NamedType[]): RouteSchema {
  const resolved =
    type.kind === 'ref' ? types.find((named) => named.name === type.name)?.type : type;
  if (resolved?.kind !== 'object') {
    return { type: 'object' };
  }
  // fromEntries defines own keys, so even a header declared as `__proto__` stays data.
  const properties: Record<string, LiteralValue> = Object.fromEntries(
    resolved.properties.map((property) => [
      property.name.toLowerCase(),
      buildTypeSchema(property.type),
    ]),
  );
  const required = resolved.properties
    .filter((property) => !property.optional)
    .map((property) => property.name.toLowerCase());
  const reached = listReachedTypes(resolved, types);

  return {
    type: 'object',
    properties,
    ...(required.length === 0 ? {} : { required }),
    ...(reached.length === 0 ? {} : { $defs: DEFINITIONS }),
  };
}
