import { isSafeIdentifier, toPropertyKey, toStringLiteral } from './identifiers.js';

/** A JSON value, as data from a config or a contract. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * A name of generated code that a literal refers to (a shared constant), written bare. Only
 * the emitters make one, from their own identifiers; input never becomes one.
 */
export class CodeReference {
  readonly identifier: string;

  constructor(identifier: string) {
    if (!isSafeIdentifier(identifier)) {
      throw new TypeError(`Internal error: '${identifier}' is not a safe identifier.`);
    }
    this.identifier = identifier;
  }
}

/** JSON data that may also hold {@link CodeReference}s. */
export type LiteralValue =
  JsonValue | CodeReference | readonly LiteralValue[] | { readonly [key: string]: LiteralValue };

/**
 * Writes JSON data as a TypeScript expression. Strings go through {@link toStringLiteral}
 * and keys through {@link toPropertyKey}, so no value can inject code; key order is kept
 * as given (callers that need stable output sort first).
 *
 * @throws {TypeError} for a value JSON cannot hold (a function, `undefined`, a non-finite
 * number); the model never carries one, so this marks a bug.
 */
export function toLiteral(value: LiteralValue): string {
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
  if (value instanceof CodeReference) {
    return value.identifier;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: LiteralValue) => toLiteral(item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, item]) => `${toPropertyKey(key)}: ${toLiteral(item)}`,
    );

    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }

  throw new TypeError(`Cannot write a value of type ${typeof value} as a literal.`);
}
