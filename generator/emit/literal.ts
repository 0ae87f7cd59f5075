import { toPropertyKey, toStringLiteral } from './identifiers.js';

/** A JSON value, as data from a config or a contract. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Writes JSON data as a TypeScript expression. Strings go through {@link toStringLiteral}
 * and keys through {@link toPropertyKey}, so no value can inject code; key order is kept
 * as given (callers that need stable output sort first).
 *
 * @throws {TypeError} for a value JSON cannot hold (a function, `undefined`, a non-finite
 * number); the model never carries one, so this marks a bug.
 */
export function toLiteral(value: JsonValue): string {
  if (value === null || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError(`Cannot write the number ${value} as a literal.`);
    }

    return Object.is(value, -0) ? '0' : String(value);
  }
  if (typeof value === 'string') {
    return toStringLiteral(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: JsonValue) => toLiteral(item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, item]) => `${toPropertyKey(key)}: ${toLiteral(item)}`,
    );

    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }

  throw new TypeError(`Cannot write a value of type ${typeof value} as a literal.`);
}
