import { buildDefinitions, buildTypeSchema, listReachedTypes } from '../contract/json-schema.js';
import type { JsonSchema } from '../contract/json-schema.js';
import type { ApiModel, JsonValue, NamedType, RouteModel, TypeIR } from '../model.js';

/** The parts of a request and its answer that a route validates. */
export type SchemaPart = 'params' | 'query' | 'headers' | 'body' | 'response';

/** The self-contained JSON Schemas of one route, by part; absent parts have none. */
export type RouteSchemas = Partial<Record<SchemaPart, JsonSchema>>;

/** The order parts are written in. */
export const SCHEMA_PARTS: readonly SchemaPart[] = [
  'params',
  'query',
  'headers',
  'body',
  'response',
];

/**
 * Builds the schemas of a route. Each is self-contained: the named types it reaches sit in
 * its own `$defs`, and a named type at the root is inlined rather than referenced, so any
 * JSON Schema tool (ajv, fastify's serializer) reads it without a shared registry.
 */
export function buildRouteSchemas(route: RouteModel, model: ApiModel): RouteSchemas {
  const schemas: RouteSchemas = {};
  if (route.pathParams.length > 0) {
    schemas.params = {
      type: 'object',
      properties: Object.fromEntries(
        route.pathParams.map((param) => [param.name, buildTypeSchema(param.type)]),
      ),
      required: route.pathParams.map((param) => param.name),
      additionalProperties: false,
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

  return schemas;
}

/** A root schema: the type itself (a named type inlined) and `$defs` for what it reaches. */
function buildRootSchema(type: TypeIR, types: readonly NamedType[]): JsonSchema {
  const root = type.kind === 'ref' ? types.find((named) => named.name === type.name) : undefined;
  const schema = buildTypeSchema(root === undefined ? type : root.type);
  const reached = listReachedTypes(root === undefined ? type : root.type, types);
  const described =
    root?.description === undefined ? schema : { ...schema, description: root.description };

  return reached.length === 0 ? described : { ...described, $defs: buildDefinitions(reached) };
}

/**
 * Headers arrive with lower-cased names and many more keys than a contract declares, so
 * their schema names the declared ones in lower case and lets the others through.
 */
function buildHeadersSchema(type: TypeIR, types: readonly NamedType[]): JsonSchema {
  const resolved =
    type.kind === 'ref' ? types.find((named) => named.name === type.name)?.type : type;
  if (resolved?.kind !== 'object') {
    return { type: 'object' };
  }
  // fromEntries defines own keys, so even a header declared as `__proto__` stays data.
  const properties: Record<string, JsonValue> = Object.fromEntries(
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
    ...(reached.length === 0 ? {} : { $defs: buildDefinitions(reached) }),
  };
}
