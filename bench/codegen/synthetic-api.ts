/**
 * Writes the inputs of the codegen benchmark: a resilgen contract with any number of routes
 * (five per resource: list, get, create, replace, delete) and the equivalent OpenAPI 3.0
 * document for orval. Every resource has the example's user shape, so the users example and
 * a synthetic API of the same size are the same work.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One REST resource: its type name and collection path. */
export interface Resource {
  /** Type name, such as `User`; `New${name}` is the body type. */
  readonly name: string;
  /** Collection path, such as `/api/users`. */
  readonly path: string;
}

/** The users example's one resource. */
export const USERS_RESOURCE: Resource = { name: 'User', path: '/api/users' };

/** `count` synthetic resources, `Item0` at `/api/r0` and so on. */
export function listSyntheticResources(count: number): Resource[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `Item${index}`,
    path: `/api/r${index}`,
  }));
}

/** The example user's fields as JSON Schema, shared by every resource. */
const FIELDS = {
  id: { type: 'integer' },
  name: { type: 'string' },
  email: { type: 'string', format: 'email' },
  created_at: { type: 'string', format: 'date-time' },
} as const;

const ok = (ref: string, status = '200'): Record<string, unknown> => ({
  [status]: { description: 'OK', content: { 'application/json': { schema: { $ref: ref } } } },
});

/** The OpenAPI 3.0 document of `resources`, with operation ids as the contract names them. */
export function buildOpenApi(resources: readonly Resource[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const { name, path: collection } of resources) {
    const one = `#/components/schemas/${name}`;
    const body = {
      required: true,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/New${name}` } } },
    };
    const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
    paths[collection] = {
      get: {
        operationId: `list${name}s`,
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { schema: { type: 'array', items: { $ref: one } } } },
          },
        },
      },
      post: { operationId: `create${name}`, requestBody: body, responses: ok(one, '201') },
    };
    paths[`${collection}/{id}`] = {
      get: { operationId: `get${name}`, parameters: id, responses: ok(one) },
      put: { operationId: `update${name}`, parameters: id, requestBody: body, responses: ok(one) },
      delete: {
        operationId: `delete${name}`,
        parameters: id,
        responses: { '204': { description: 'No content' } },
      },
    };
    schemas[name] = { type: 'object', required: Object.keys(FIELDS), properties: FIELDS };
    schemas[`New${name}`] = {
      type: 'object',
      required: ['name', 'email'],
      properties: { name: { type: 'string', minLength: 1 }, email: FIELDS.email },
    };
  }

  return {
    openapi: '3.0.3',
    info: { title: 'Synthetic API', version: '1.0.0' },
    paths,
    components: { schemas },
  };
}

function buildTypesFile(resources: readonly Resource[]): string {
  const lines = ["import type { Integer } from 'resilgen/runtime';", ''];
  for (const { name } of resources) {
    lines.push(
      `export interface ${name} {`,
      '  id: Integer;',
      '  name: string;',
      '  /** @format email */',
      '  email: string;',
      '  /** @format date-time */',
      '  created_at: string;',
      '}',
      '',
      `export interface New${name} {`,
      '  /** @minLength 1 */',
      '  name: string;',
      '  /** @format email */',
      '  email: string;',
      '}',
      '',
    );
  }

  return lines.join('\n');
}

function buildContractFile(resources: readonly Resource[]): string {
  const types = resources.flatMap(({ name }) => [name, `New${name}`]);
  const lines = [
    'import {',
    '  Cache,',
    '  Controller,',
    '  Delete,',
    '  FallbackValue,',
    '  Get,',
    '  Post,',
    '  Put,',
    '  Resilience,',
    '  Status,',
    "} from 'resilgen/runtime';",
    "import type { Integer } from 'resilgen/runtime';",
    `import type { ${types.join(', ')} } from './synthetic.types.js';`,
    '',
    "@Controller('/api')",
    "@Resilience('default')",
    'export class SyntheticApi {',
  ];
  for (const { name, path: collection } of resources) {
    const at = collection.slice('/api'.length);
    lines.push(
      `  @Get('${at}')`,
      "  @Resilience('highAvailability')",
      '  @Cache({ ttl: 120_000 })',
      '  @FallbackValue([])',
      `  list${name}s!: () => Promise<${name}[]>;`,
      `  @Get('${at}/:id')`,
      '  @Cache({ ttl: 300_000 })',
      `  get${name}!: (id: Integer) => Promise<${name}>;`,
      `  @Post('${at}')`,
      "  @Resilience('fastFail')",
      '  @Status(201)',
      `  create${name}!: (body: New${name}) => Promise<${name}>;`,
      `  @Put('${at}/:id')`,
      "  @Resilience('fastFail')",
      `  update${name}!: (id: Integer, body: New${name}) => Promise<${name}>;`,
      `  @Delete('${at}/:id')`,
      "  @Resilience('fastFail')",
      `  delete${name}!: (id: Integer) => Promise<void>;`,
    );
  }
  lines.push('}', '');

  return lines.join('\n');
}

/** Paths of the files {@link writeSyntheticApi} wrote. */
export interface SyntheticFiles {
  readonly contract: string;
  readonly openApi: string;
}

/**
 * Writes `synthetic.api.ts`, `synthetic.types.ts` and `synthetic.openapi.json` for `routes`
 * routes (rounded up to a multiple of five) into `dir`.
 */
export async function writeSyntheticApi(dir: string, routes: number): Promise<SyntheticFiles> {
  const resources = listSyntheticResources(Math.ceil(routes / 5));
  const files = {
    contract: path.join(dir, 'synthetic.api.ts'),
    openApi: path.join(dir, 'synthetic.openapi.json'),
  };
  await writeFile(files.contract, buildContractFile(resources));
  await writeFile(path.join(dir, 'synthetic.types.ts'), buildTypesFile(resources));
  await writeFile(files.openApi, JSON.stringify(buildOpenApi(resources), null, 2));

  return files;
}

/** Writes the users example's OpenAPI document (five operations) as `file`. */
export async function writeUsersOpenApi(file: string): Promise<void> {
  await writeFile(file, JSON.stringify(buildOpenApi([USERS_RESOURCE]), null, 2));
}
