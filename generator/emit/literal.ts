import type { Expression } from '../print/code.js';
import { isSafeIdentifier } from './identifiers.js';

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
 * Turns JSON data into the expression that writes it. Strings and keys stay data: the
 * printer escapes and quotes them, so no value can inject code. Key order is kept as given
 * (callers that need stable output sort first).
 *
 * @throws {TypeError} for a value JSON cannot hold (a function, `undefined`, a non-finite
 * number); the model never carries one, so this marks a bug.
 */
export function toLiteral(value: LiteralValue): Expression {
  if (value === null) {
    return { kind: 'null' };
  }
  if (typeof value === 'boolean') {
    return { kind: 'boolean', value };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError(`Cannot write the number ${value} as a literal.`);
    }

    return { kind: 'number', value };
  }
  if (typeof value === 'string') {
    return { kind: 'string', value };
  }
  if (value instanceof CodeReference) {
    return { kind: 'identifier', name: value.identifier };
  }
  if (Array.isArray(value)) {
    return { kind: 'array', elements: value.map((item: LiteralValue) => toLiteral(item)) };
  }
  if (typeof value === 'object') {
    return {
      kind: 'object',
      members: Object.entries(value).map(([key, item]) => ({
        kind: 'property',
        key,
        value: toLiteral(item),
      })),
    };
  }

  throw new TypeError(`Cannot write a value of type ${typeof value} as a literal.`);
}
