import {
  Project,
  StructureKind,
  VariableDeclarationKind,
  type VariableStatementStructure,
} from 'ts-morph';
import { listDirectReferences } from '../contract/json-schema.js';
import type { ApiModel, RouteModel, TypeIR } from '../model.js';
import { toLiteral } from './literal.js';
import type { ApiNames } from './names.js';
import {
  buildRouteSchemas,
  buildSchemaDefinitions,
  DEFINITIONS_CONSTANT,
  SCHEMA_PARTS,
  type SchemaPart,
} from './route-schemas.js';
import { writeTypeText } from './type-text.js';

/** How each part is validated: the wire carries text for these, so they are coerced. */
const COERCED: ReadonlySet<SchemaPart> = new Set(['params', 'query', 'headers']);

const PART_LABEL: Readonly<Record<SchemaPart, string>> = Object.freeze({
  params: 'Path parameters',
  query: 'Query parameters',
  headers: 'Request headers',
  body: 'Request body',
  response: 'Answer',
});

/** The names of a route part's schema constant and validator. */
export function nameSchema(stem: string, part: SchemaPart): { schema: string; validator: string } {
  const suffix = part[0]!.toUpperCase() + part.slice(1);
  const lower = stem[0]!.toLowerCase() + stem.slice(1);

  return { schema: `${lower}${suffix}Schema`, validator: `validate${stem}${suffix}` };
}

/**
 * Builds the code of `schemas.ts`: for every route and part (path parameters, query, headers,
 * body, answer) a self-contained JSON Schema constant and a validator compiled once, when the
 * module is imported.
 */
export function buildSchemasCode(model: ApiModel, names: ApiNames, project: Project): string {
  const file = project.createSourceFile('schemas.ts', '', { overwrite: true });
  const statements: VariableStatementStructure[] = [];
  if (model.types.length > 0) {
    statements.push(
      constant(DEFINITIONS_CONSTANT, `${toLiteral(buildSchemaDefinitions(model))} as const`, [
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
      const options = COERCED.has(part) ? ', { coerce: true }' : '';
      statements.push(
        constant(schemaName, `${toLiteral(schema)} as const`, [
          `${PART_LABEL[part]} of \`${route.method} ${route.path}\`.`.replace(/\*\//g, '*\\/'),
        ]),
        constant(
          validator,
          `compileValidator<${writeTypeText(type, { docs: false })}>(${schemaName}${options})`,
          [],
        ),
      );
    }
  }
  file.addImportDeclaration({
    moduleSpecifier: 'resilgen/runtime',
    namedImports: ['compileValidator'],
  });
  if (usedTypes.size > 0) {
    file.addImportDeclaration({
      moduleSpecifier: './types.js',
      isTypeOnly: true,
      namedImports: [...usedTypes].sort(),
    });
  }
  file.addVariableStatements(statements);

  return file.getFullText();
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

function constant(name: string, initializer: string, docs: string[]): VariableStatementStructure {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name, initializer }],
    docs: docs.map((description) => ({ description })),
    leadingTrivia: docs.length > 0 ? '\n' : undefined,
  };
}
