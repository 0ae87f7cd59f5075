import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, Options as AjvOptions } from 'ajv';
import addFormats from 'ajv-formats';
import { compileLooseNumberCheck, type LooseNumber } from './numeric-text.js';

/**
 * The runtime's one ajv setup. Generated servers validate requests with it and generated
 * clients validate answers with it; schemas are JSON Schema 2020-12 (draft-07 schemas without
 * tuple `items` arrays work as well).
 *
 * Choices, with hostile input in mind:
 * - `strict`: a schema with an unknown keyword or an ignored one is a bug and fails at import
 *   of the generated code, not at the first request. Union types stay allowed because a
 *   contract's `string | null` becomes `type: ['string', 'null']`.
 * - `allErrors` is off: validation stops at the first error. Collecting every error of a
 *   1 MiB array of wrong items costs memory and time in proportion to the attacker's input,
 *   and one named field is enough for a caller to fix a request.
 * - `coerceTypes` only where the wire carries text: path parameters, query and headers. A
 *   JSON body already has types, so `"1"` stays a string there and fails an integer schema.
 * - `removeAdditional` is off and `useDefaults` is off: validation never rewrites a body.
 */

/** Where a validated value came from; the `location` of a {@link ValidationIssue}. */
export type ValidationLocation = 'body' | 'params' | 'query' | 'headers';

/** One entry of an error body's `details`: what is wrong and where. */
export interface ValidationIssue {
  readonly location: ValidationLocation;
  /** JSON pointer (RFC 6901) into the value at `location`, such as `/email`; `''`: all of it. */
  readonly path: string;
  /**
   * What the value must be, such as `must have required property 'email'`. Never quotes the
   * received value.
   */
  readonly message: string;
}

/** An ajv error object, as {@link Validator.errors} holds them. */
export type ValidationError = ErrorObject;

/**
 * A compiled schema: a type guard that also keeps the errors of its last call. Call
 * {@link formatValidationErrors} on `errors` right after a failed call: the next call
 * replaces them.
 */
export interface Validator<T> {
  (data: unknown): data is T;
  /** The errors of the last call, `null` or `undefined` after a success. */
  readonly errors?: readonly ValidationError[] | null;
}

/** Options of {@link compileValidator}. */
export interface CompileValidatorOptions {
  /**
   * Coerce text to the schema's types (`'1'` to `1`, `'true'` to `true`, a lone value to a
   * one-item array) in place. Use it for path parameters, query and headers only, never for
   * a body. Default: `false`.
   */
  readonly coerce?: boolean;
}

/** Options shared by both ajv instances; see the module comment for the reasons. */
export const VALIDATION_AJV_OPTIONS: Readonly<AjvOptions> = Object.freeze({
  strict: true,
  allowUnionTypes: true,
  allErrors: false,
  removeAdditional: false,
  useDefaults: false,
  messages: true,
});

const instances: { plain?: Ajv2020; coercing?: Ajv2020 } = {};

function getAjv(coerce: boolean): Ajv2020 {
  const key = coerce ? 'coercing' : 'plain';
  const existing = instances[key];
  if (existing !== undefined) {
    return existing;
  }

  const ajv = new Ajv2020({ ...VALIDATION_AJV_OPTIONS, coerceTypes: coerce ? 'array' : false });
  addFormats.default(ajv);
  instances[key] = ajv;

  return ajv;
}

/**
 * Compiles `schema` into a {@link Validator}. Call it once, at module level, so that a broken
 * schema fails at import and no request pays for compilation; compiling the same schema object
 * again returns the validator ajv already built.
 *
 * @param schema a JSON Schema (2020-12) object.
 * @throws {Error} ajv's error when the schema is invalid or breaks strict mode (an unknown
 * keyword, `required` naming an undefined property); the message names the keyword.
 */
export function compileValidator<T>(
  schema: object,
  options: CompileValidatorOptions = {},
): Validator<T> {
  const validate = getAjv(options.coerce === true).compile<T>(schema);
  const findLoose = options.coerce === true ? compileLooseNumberCheck(schema) : undefined;
  if (findLoose === undefined) {
    return validate;
  }
  // Text is checked before ajv coerces it: see numeric-text.ts for what coercion lets through.
  const strict = ((data: unknown): data is T => {
    const loose = findLoose(data);
    if (loose !== undefined) {
      strict.errors = [describeLooseNumber(loose)];

      return false;
    }
    const valid = validate(data);
    strict.errors = validate.errors;

    return valid;
  }) as Validator<T> & { errors?: readonly ValidationError[] | null };

  return strict;
}

/** Escapes one property name as a JSON pointer token (RFC 6901, section 3). */
function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The error of a parameter whose text coercion would read loosely, in ajv's own shape. */
function describeLooseNumber({ name, kind }: LooseNumber): ValidationError {
  return {
    keyword: 'type',
    instancePath: `/${escapePointerToken(name)}`,
    schemaPath: '#/properties',
    params: { type: kind },
    message:
      kind === 'integer'
        ? 'must be a whole number written in decimal digits, at most 9007199254740991 in size'
        : 'must be a number written in decimal digits',
  };
}

/** The longest `path` of a {@link ValidationIssue}; longer ones are cut and end with `…`. */
export const VALIDATION_PATH_MAX_CHARS = 200;

/**
 * The pointer of the value an error is about, naming a missing or extra property itself. An
 * extra property's name comes from the input, so the pointer is cut to a bounded length.
 */
function pointErrorAt(error: ValidationError): string {
  const params = error.params as Record<string, unknown>;
  const property = params.missingProperty ?? params.additionalProperty;
  const pointer =
    typeof property === 'string'
      ? `${error.instancePath}/${escapePointerToken(property)}`
      : error.instancePath;

  return pointer.length > VALIDATION_PATH_MAX_CHARS
    ? `${pointer.slice(0, VALIDATION_PATH_MAX_CHARS - 1)}…`
    : pointer;
}

/**
 * Turns ajv errors into the `details` entries of an error body: `{ location, path, message }`,
 * where `path` points at the offending field (the missing property itself for `required`).
 *
 * @param errors a validator's `errors` after a failed call; `null` or `undefined` give `[]`.
 * @param location where the validated value came from.
 */
export function formatValidationErrors(
  errors: readonly ValidationError[] | null | undefined,
  location: ValidationLocation,
): ValidationIssue[] {
  return (errors ?? []).map((error) => ({
    location,
    path: pointErrorAt(error),
    message: describeError(error),
  }));
}

/** How many allowed values an `enum` message lists before it says how many more there are. */
const LISTED_VALUES = 10;

/**
 * ajv's message, except for `enum` and `const`, whose messages ("must be equal to one of the
 * allowed values") do not say which: the values come from the contract, not from the request,
 * so they are listed.
 */
function describeError(error: ValidationError): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    const values = params.allowedValues as unknown[];
    const listed = values.slice(0, LISTED_VALUES).map((value) => JSON.stringify(value));
    const more =
      values.length > LISTED_VALUES ? ` (and ${values.length - LISTED_VALUES} more)` : '';

    return `must be one of ${listed.join(', ')}${more}`;
  }
  if (error.keyword === 'const' && 'allowedValue' in params) {
    return `must be ${JSON.stringify(params.allowedValue)}`;
  }

  return error.message ?? `must pass "${error.keyword}"`;
}
