import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { readPackageFile } from '../package-files.js';

/** Where the config's JSON Schema lives, relative to resilgen's package folder. */
export const CONFIG_SCHEMA_PATH = 'schema/config.schema.json';

/**
 * The config validator compiled ahead of time by `npm run build` (ajv's standalone code),
 * next to this module in `dist/`. Compiling the schema at run time took ajv about 0.1 s and
 * a tenth of a second more to load ajv itself, on every run.
 */
export const PREBUILT_VALIDATOR_FILE = 'config-validator.cjs';

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

const requireModule = createRequire(import.meta.url);

let cachedSource: string | undefined;
let cachedSchema: SchemaNode | undefined;
let cachedValidator: ValidateFunction | undefined;

function readSchemaSource(): string {
  cachedSource ??= readPackageFile(CONFIG_SCHEMA_PATH);

  return cachedSource;
}

/** Reads `schema/config.schema.json`, once. */
export function readConfigSchema(): SchemaNode {
  cachedSchema ??= JSON.parse(readSchemaSource()) as SchemaNode;

  return cachedSchema;
}

/**
 * The config validator: strict (a mistake in the schema itself fails loudly), every error
 * rather than the first, and verbose, so that each error carries the offending value and
 * its schema for the message. It is the one `npm run build` compiled when that was built
 * from this very schema, else ajv compiles the schema now (running from the sources).
 */
export function compileConfigValidator(): ValidateFunction {
  cachedValidator ??= loadPrebuiltValidator() ?? compileWithAjv();

  return cachedValidator;
}

/** Compiles the config schema with ajv, with the options of {@link compileConfigValidator}. */
export function compileWithAjv(): ValidateFunction {
  return createAjv().compile(readConfigSchema());
}

/**
 * The module text of the validator compiled ahead of time: ajv's standalone code (CommonJS),
 * stamped with the hash of the schema it was compiled from.
 */
export function buildPrebuiltValidator(): string {
  const ajv = createAjv({ source: true });
  const validate = ajv.compile(readConfigSchema());
  const { default: standaloneCode } = requireModule('ajv/dist/standalone') as {
    default: (ajv: unknown, validate: ValidateFunction) => string;
  };

  return (
    `${standaloneCode(ajv, validate)}\nmodule.exports.schemaSha256 = ` +
    `${JSON.stringify(hashSchema())};\n`
  );
}

function loadPrebuiltValidator(): ValidateFunction | undefined {
  let prebuilt: ValidateFunction & { schemaSha256?: string };
  try {
    prebuilt = requireModule(`./${PREBUILT_VALIDATOR_FILE}`) as typeof prebuilt;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
      return undefined;
    }
    throw error;
  }

  // A build from another version of the schema would check the config against the wrong one.
  return prebuilt.schemaSha256 === hashSchema() ? prebuilt : undefined;
}

function hashSchema(): string {
  return createHash('sha256').update(readSchemaSource()).digest('hex');
}

function createAjv(code: { source?: boolean } = {}) {
  const { Ajv2020 } = requireModule('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const { default: addFormats } = requireModule('ajv-formats') as {
    default: typeof import('ajv-formats').default;
  };
  const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true, code });
  addFormats(ajv, ['uri']);

  return ajv;
}
