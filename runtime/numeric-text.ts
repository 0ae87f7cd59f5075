/**
 * Strict reading of numbers that arrive as text (path parameters, query, headers). ajv's
 * coercion takes whatever JavaScript's `Number()` takes, so `' '` becomes 0, `0x10` 16,
 * `1e3` 1000, and `99999999999999999999` a rounded float. An id must mean what it says, so
 * before coercion every text bound for a `number` or `integer` schema must be plain decimal,
 * and an integer must be a safe one (at most 2^53 - 1 in size).
 */

const DECIMAL_INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const DECIMAL_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

type Schema = { readonly [keyword: string]: unknown };

/** The JSON Schema types that coercion reads from text as numbers. */
export type NumericKind = 'integer' | 'number';

/** A parameter whose text would be coerced loosely, and the kind of number it is bound for. */
export interface LooseNumber {
  readonly name: string;
  readonly kind: NumericKind;
}

/**
 * Prepares the check of an object of parameters against `schema`, once, at compile time: it
 * finds the properties bound for a `number` or `integer` (alone, nullable, or as array items,
 * `$defs` references followed). The check it returns gives the first such property whose text
 * is not plain decimal; `undefined` when the schema has no numeric property at all, so such
 * schemas cost nothing per request. Only own properties of the value are looked at:
 * parameters are flat.
 */
export function compileLooseNumberCheck(
  schema: object,
): ((data: unknown) => LooseNumber | undefined) | undefined {
  const root = schema as Schema;
  const properties = readProperties(resolve(root, root)) ?? {};
  const numeric: LooseNumber[] = [];
  for (const name of Object.keys(properties)) {
    const kind = readNumericKind(root, resolve(root, properties[name]));
    if (kind !== undefined) numeric.push(Object.freeze({ name, kind }));
  }
  if (numeric.length === 0) {
    return undefined;
  }

  // Run on every request: a loop that allocates nothing for lone values, and answers with the
  // entry itself.
  return (data) => {
    if (typeof data !== 'object' || data === null) {
      return undefined;
    }
    for (const entry of numeric) {
      const value: unknown = Object.hasOwn(data, entry.name)
        ? (data as Record<string, unknown>)[entry.name]
        : undefined;
      if (
        Array.isArray(value)
          ? value.some((text) => isLoose(text, entry.kind))
          : isLoose(value, entry.kind)
      ) {
        return entry;
      }
    }

    return undefined;
  };
}

/** Whether `text` is text ajv would coerce to a number that is not plain decimal. */
function isLoose(text: unknown, kind: NumericKind): boolean {
  return typeof text === 'string' && wouldCoerce(text) && !isStrict(text, kind);
}

/**
 * Whether ajv would turn `text` into a number (its test is `x && x == +x`). Text it would not
 * coerce fails the schema on its own, with ajv's usual message.
 */
function wouldCoerce(text: string): boolean {
  return text !== '' && !Number.isNaN(Number(text));
}

function isStrict(text: string, kind: NumericKind): boolean {
  if (kind === 'number') {
    return DECIMAL_NUMBER.test(text) && Number.isFinite(Number(text));
  }

  return DECIMAL_INTEGER.test(text) && Number.isSafeInteger(Number(text));
}

/** `integer` or `number` when the schema (or its array items) is one, alone or with null. */
function readNumericKind(root: Schema, schema: Schema): NumericKind | undefined {
  const type = schema.type;
  if (type === 'integer' || type === 'number') {
    return type;
  }
  if (type === 'array' && typeof schema.items === 'object' && schema.items !== null) {
    return readNumericKind(root, resolve(root, schema.items));
  }
  const anyOf = schema.anyOf;
  if (Array.isArray(anyOf)) {
    for (const member of anyOf) {
      const kind = readNumericKind(root, resolve(root, member));
      if (kind !== undefined) return kind;
    }
  }

  return undefined;
}

function readProperties(schema: Schema): Record<string, unknown> | undefined {
  const properties = schema.properties;

  return typeof properties === 'object' && properties !== null
    ? (properties as Record<string, unknown>)
    : undefined;
}

/** Follows a local `#/$defs/Name` reference; anything else is returned as it is. */
function resolve(root: Schema, schema: unknown): Schema {
  const node = (typeof schema === 'object' && schema !== null ? schema : {}) as Schema;
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) {
    return node;
  }
  const name = ref.slice('#/$defs/'.length).replace(/~1/g, '/').replace(/~0/g, '~');
  const defs = (root.$defs ?? {}) as Record<string, unknown>;

  return Object.hasOwn(defs, name) ? resolve(root, defs[name]) : node;
}
