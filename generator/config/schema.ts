import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readPackageFile } from '../package-files.js';

/** Where the config's JSON Schema lives, relative to resilgen's package folder. */
export const CONFIG_SCHEMA_PATH = 'schema/config.schema.json';

/** A JSON Schema node, as far as resilgen reads one. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly type?: string;
  readonly pattern?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly required?: readonly string[];
  readonly oneOf?: readonly SchemaNode[];
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
  readonly [keyword: string]: unknown;
}

let cachedSchema: SchemaNode | undefined;
let cachedValidator: ValidateFunction | undefined;

/** Reads `schema/config.schema.json`, once. */
export function readConfigSchema(): SchemaNode {
  cachedSchema ??= JSON.parse(readPackageFile(CONFIG_SCHEMA_PATH)) as SchemaNode;

  return cachedSchema;
}

/**
 * Compiles the config schema with ajv, once: strict (a mistake in the schema itself fails
 * loudly), every error rather than the first, and verbose, so that each error carries the
 * offending value and its schema for the message.
 */
export function compileConfigValidator(): ValidateFunction {
  if (cachedValidator === undefined) {
    const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true });
    // ajv-formats is CommonJS: its default export arrives as the module object.
    addFormatsModule.default(ajv, ['uri']);
    cachedValidator = ajv.compile(readConfigSchema());
  }

  return cachedValidator;
}
