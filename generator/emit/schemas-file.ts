import { listDirectReferences } from '../contract/json-schema.js';
import type { ApiModel, RouteModel, TypeIR } from '../model.js';
import type { Declaration, VariableStatement } from '../print/code.js';
import { call, identifier, objectLiteral, property } from '../print/nodes.js';
import { buildImport, buildPackageImports } from './imports.js';
import { toLiteral, type LiteralValue } from './literal.js';
import { nameSchema, type ApiNames } from './names.js';
import {
  buildRouteSchemas,
  buildSchemaDefinitions,
  DEFINITIONS_CONSTANT,
  SCHEMA_PARTS,
  type SchemaPart,
} from './route-schemas.js';
import { toTypeNode } from './type-nodes.js';

/** How each part is validated: the wire carries text for these, so they are coerced. */
const COERCED: ReadonlySet<SchemaPart> = new Set(['params', 'query', 'headers']);

const PART_LABEL: Readonly<Record<SchemaPart, string>> = Object.freeze({
  params: 'Path parameters',
  query: 'Query parameters',
  headers: 'Request headers',
  body: 'Request body',
  response: 'Answer',
});

/**
 * Builds the declarations of `schemas.ts`: for every route and part (path parameters,
 * query, headers, body, answer) a self-contained JSON Schema constant and a validator
 * compiled once, when the module is imported.
 */
export function buildSchemasCode(model: ApiModel, names: ApiNames): Declaration[] {
  const statements: VariableStatement[] = [];
  if (model.types.length > 0) {
    statements.push(
      constant(DEFINITIONS_CONSTANT, asConst(buildSchemaDefinitions(model)), [
        "The contract's named types as JSON Schemas: the `$defs` every schema below refers to.",
      ]),
    );
  }
  const usedTypes = new Set<string>();
  for (const route of model.routes) {
    const stem = names.routes.get(route)!.stem;
    const schemas = buildRouteSchemas(route, model);
    for (const part of SCHEMA_PARTS) {
      const schema = schemas[part];
      if (schema === undefined) continue;

      const type = describePartType(route, part);
      listTypeNames(type).forEach((name) => usedTypes.add(name));
      const { schema: schemaName, validator } = nameSchema(stem, part);
      const options = COERCED.has(part)
        ? [objectLiteral([property('coerce', { kind: 'boolean', value: true })])]
        : [];
      statements.push(
        constant(schemaName, asConst(schema), [
          `${PART_LABEL[part]} of \`${route.method} ${route.path}\`.`.replace(/\*\//g, '*\\/'),
        ]),
        constant(
          validator,
          call(
            'compileValidator',
            [identifier(schemaName), ...options],
            [toTypeNode(type, { docs: false })],
          ),
          [],
        ),
      );
    }
  }
  const imports = buildPackageImports('schemas.ts');
  if (usedTypes.size > 0) {
    imports.push(buildImport('./types.js', [...usedTypes].sort(), { isTypeOnly: true }));
  }

  return [...imports, ...statements];
}

function asConst(value: LiteralValue) {
  return { kind: 'as-const', expression: toLiteral(value) } as const;
}

/** The TypeScript type a part's validator guards. */
export function describePartType(route: RouteModel, part: SchemaPart): TypeIR {
  switch (part) {
    case 'params':
      return {
        kind: 'object',
        properties: route.pathParams.map((param) => ({
          name: param.name,
          type: param.type,
          optional: false,
        })),
      };
    case 'query':
      return route.query!.type;
    case 'headers':
      return route.headers!.type;
    case 'body':
      return route.body!.type;
    case 'response':
      return route.response!;
  }
}

/** Every named type a type text mentions. */
function listTypeNames(type: TypeIR): string[] {
  return listDirectReferences(type);
}

function constant(
  name: string,
  initializer: VariableStatement['initializer'],
  docs: string[],
): VariableStatement {
  return {
    kind: 'const',
    isExported: true,
    name,
    initializer,
    docs,
    blankLineBefore: docs.length > 0,
  };
}
