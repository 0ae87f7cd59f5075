import type { ErrorObject } from 'ajv';

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

/**
 * Finds the first text in `data` (an object of parameters) that a `number` or `integer`
 * property of `schema` would coerce loosely, and describes it as an ajv error; `undefined`
 * when every such text is plain decimal. Only the object's own properties (and the items of
 * array properties) are checked: parameters are flat.
 */
export function findLooseNumber(schema: object, data: unknown): ErrorObject | undefined {
  const root = schema as Schema;
  const properties = readProperties(resolve(root, root));
  if (properties === undefined || typeof data !== 'object' || data === null) {
    return undefined;
  }
  for (const [name, value] of Object.entries(data)) {
    const property = Object.hasOwn(properties, name) ? resolve(root, properties[name]) : undefined;
    const kind = property === undefined ? undefined : readNumericKind(root, property);
    if (kind === undefined) continue;

    const texts = Array.isArray(value) ? value : [value];
    const loose = texts.find(
      (text) => typeof text === 'string' && wouldCoerce(text) && !isStrict(text, kind),
    );
    if (loose !== undefined) {
      return describe(name, kind);
    }
  }

  return undefined;
}

/**
 * Whether ajv would turn `text` into a number (its test is `x && x == +x`). Text it would not
 * coerce fails the schema on its own, with ajv's usual message.
 */
function wouldCoerce(text: string): boolean {
  return text !== '' && !Number.isNaN(Number(text));
}

function isStrict(text: string, kind: 'integer' | 'number'): boolean {
  if (kind === 'number') {
    return DECIMAL_NUMBER.test(text) && Number.isFinite(Number(text));
  }

  return DECIMAL_INTEGER.test(text) && Number.isSafeInteger(Number(text));
}

/** `integer` or `number` when the schema (or its array items) is one, alone or with null. */
function readNumericKind(root: Schema, schema: Schema): 'integer' | 'number' | undefined {
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

function describe(name: string, kind: 'integer' | 'number'): ErrorObject {
  const pointer = `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

  return {
    keyword: 'type',
    instancePath: pointer.length > 200 ? `${pointer.slice(0, 199)}…` : pointer,
    schemaPath: '#/properties',
    params: { type: kind },
    message:
      kind === 'integer'
        ? 'must be a whole number written in decimal digits, at most 9007199254740991 in size'
        : 'must be a number written in decimal digits',
  };
}
