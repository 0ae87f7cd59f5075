import type { ErrorObject } from 'ajv';
import { GeneratorErrorCodes } from '../error-codes.js';
import { formatDidYouMean } from '../suggest.js';
import type { ConfigFinding } from './diagnostics.js';
import { appendPointer } from './json-pointer.js';
import type { SchemaNode } from './schema.js';

const URL_MEANING = 'an absolute http or https URL';

/** What each `pattern` of the config schema asks for, in words; a test keeps it complete. */
export const PATTERN_MEANINGS: Readonly<Record<string, string>> = Object.freeze({
  '^[A-Za-z_][A-Za-z0-9_]*$': "a name made of a letter or '_', then letters, digits or '_'",
  "^(?!.*/\\.\\.?(?:/|$))/[A-Za-z0-9._~!$&'()+,;=@/-]*$":
    "a path starting with '/' of letters, digits and ._~!$&'()+,;=@- (not '%', '*' or ':'), " +
    "without a '.' or '..' segment",
  '^https?://[^\\s/]+': URL_MEANING,
  '^(?:\\*|(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) /\\S*)$':
    'a route such as "GET /api/users/:id", or "*" for every route',
});

const TYPE_NAMES: Readonly<Record<string, string>> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/**
 * Turns ajv's errors into findings with a message that says what was expected and quotes
 * what was found, a "did you mean" where one helps, and a code per kind of mistake. The
 * errors of a `oneOf`'s branches are folded into the `oneOf`'s own.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[]): ConfigFinding[] {
  const oneOfs = errors.filter((error) => error.keyword === 'oneOf');
  const isBranchError = (error: ErrorObject): boolean =>
    oneOfs.some(
      (oneOf) =>
        oneOf.instancePath === error.instancePath &&
        error.schemaPath.startsWith(`${oneOf.schemaPath}/`),
    );

  return errors
    .filter((error) => error.keyword !== 'propertyNames' && !isBranchError(error))
    .map(describeSchemaError);
}

function describeSchemaError(error: ErrorObject): ConfigFinding {
  if (error.propertyName !== undefined) {
    return describeBadName(error, error.propertyName);
  }
  const pointer = error.instancePath;
  const got = describeValue(error.data);
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  switch (error.keyword) {
    case 'additionalProperties':
      return describeUnknownKey(pointer, String(error.params.additionalProperty), parent);
    case 'required':
      return {
        code: GeneratorErrorCodes.CONFIG_MISSING_KEY,
        pointer,
        message: `missing required key '${error.params.missingProperty}'`,
      };
    case 'type':
      return describeWrongType(pointer, String(error.params.type), error.data);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        code: GeneratorErrorCodes.CONFIG_RANGE,
        pointer,
        message: `expected a number ${error.params.comparison} ${error.params.limit}, got ${got}`,
        hint: pointer.endsWith('/maxAttempts')
          ? 'maxAttempts counts the first attempt too: 1 means no retry'
          : undefined,
      };
    case 'enum':
    case 'const':
      return describeNotAllowed(pointer, error);
    case 'pattern':
      return describeWrongForm(pointer, String(error.params.pattern), error.data);
    case 'format':
      // The only format is the URLs' `uri`, which also has a pattern: one message serves both.
      return {
        code: GeneratorErrorCodes.CONFIG_FORMAT,
        pointer,
        message: `expected ${URL_MEANING}, got ${got}`,
      };
    case 'maxItems':
      return {
        code: GeneratorErrorCodes.CONFIG_RANGE,
        pointer,
        message: `expected at most ${error.params.limit} items, got ${(error.data as unknown[]).length}`,
      };
    case 'minLength':
      return {
        code: GeneratorErrorCodes.CONFIG_FORMAT,
        pointer,
        message: `expected a non-empty string, got ${got}`,
      };
    case 'oneOf':
      return describeOneOf(pointer, error, parent);
    default:
      return {
        code: GeneratorErrorCodes.CONFIG_SCHEMA,
        pointer,
        message: `${error.message ?? 'is invalid'}, got ${got}`,
      };
  }
}

function describeBadName(error: ErrorObject, name: string): ConfigFinding {
  const kind = error.instancePath === '/services' ? 'service name' : 'profile name';
  const suggestion = convertToIdentifier(name);

  return {
    code: GeneratorErrorCodes.CONFIG_NAME,
    pointer: appendPointer(error.instancePath, name),
    target: 'key',
    message: `${kind} ${JSON.stringify(name)} is not ${PATTERN_MEANINGS['^[A-Za-z_][A-Za-z0-9_]*$']}`,
    hint: suggestion === name ? undefined : `rename it, e.g. '${suggestion}'`,
  };
}

function describeUnknownKey(pointer: string, key: string, parent: SchemaNode): ConfigFinding {
  const known = Object.keys(parent.properties ?? {});

  return {
    code: GeneratorErrorCodes.CONFIG_UNKNOWN_KEY,
    pointer: appendPointer(pointer, key),
    target: 'key',
    message: `unknown key '${key}'`,
    hint: formatDidYouMean(key, known) ?? `the keys here are: ${known.join(', ')}`,
  };
}

function describeWrongType(pointer: string, type: string, data: unknown): ConfigFinding {
  const expected = type
    .split(',')
    .map((name) => TYPE_NAMES[name] ?? name)
    .join(' or ');
  let hint: string | undefined;
  if (typeof data === 'string' && data.trim() !== '' && !Number.isNaN(Number(data))) {
    hint = 'remove the quotes';
  } else if (type === 'integer' && typeof data === 'number') {
    hint = 'use a whole number';
  }

  return {
    code: GeneratorErrorCodes.CONFIG_TYPE,
    pointer,
    message: `expected ${expected}, got ${describeValue(data)}`,
    hint,
  };
}

function describeNotAllowed(pointer: string, error: ErrorObject): ConfigFinding {
  const allowed: unknown[] =
    error.keyword === 'const' ? [error.params.allowedValue] : error.params.allowedValues;
  const names = allowed.filter((value): value is string => typeof value === 'string');
  const listed = allowed.map(quoteAllowed).join(', ');

  return {
    code: GeneratorErrorCodes.CONFIG_ENUM,
    pointer,
    message: `expected ${allowed.length === 1 ? '' : 'one of '}${listed}, got ${describeValue(error.data)}`,
    hint: typeof error.data === 'string' ? formatDidYouMean(error.data, names) : undefined,
  };
}

function describeWrongForm(pointer: string, pattern: string, data: unknown): ConfigFinding {
  const meaning = PATTERN_MEANINGS[pattern] ?? `a string matching /${pattern}/`;
  const isPath = meaning.startsWith('a path') && typeof data === 'string';

  return {
    code: GeneratorErrorCodes.CONFIG_FORMAT,
    pointer,
    message: `expected ${meaning}, got ${describeValue(data)}`,
    hint: isPath && !data.startsWith('/') ? `write '/${data}'` : undefined,
  };
}

function describeOneOf(pointer: string, error: ErrorObject, parent: SchemaNode): ConfigFinding {
  const keys = (parent.oneOf ?? []).flatMap((branch) => branch.required ?? []);
  const passing: number[] | null = error.params.passingSchemas;
  const quoted = keys.map((key) => `'${key}'`).join(', ');
  const present = (passing ?? []).map((index) => `'${keys[index]}'`).join(' and ');

  return {
    code: GeneratorErrorCodes.CONFIG_ONE_OF,
    pointer,
    message:
      passing === null
        ? `expected exactly one of ${quoted}, got none`
        : `expected exactly one of ${quoted}, got ${present}`,
    hint: passing === null ? undefined : 'keep one of them',
  };
}

/** Describes a received value for a message: strings quoted as JSON, objects by kind. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'object' && value !== null) {
    return 'an object';
  }

  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function quoteAllowed(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function convertToIdentifier(name: string): string {
  const words = name.split(/[^A-Za-z0-9_]+/).filter((word) => word !== '');
  const joined = words
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('');
  const identifier = /^[0-9]/.test(joined) ? `_${joined}` : joined;

  return identifier === '' ? 'name' : identifier;
}
