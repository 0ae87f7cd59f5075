/**
 * Names in generated code. Wire names (JSON keys, path parameters, route names) stay as they
 * are in the data; only the identifiers derived from them change, deterministically.
 */

/** Words that cannot name a variable, parameter or function in strict-mode TypeScript. */
const RESERVED = new Set(
  (
    'await break case catch class const continue debugger default delete do else enum ' +
    'export extends false finally for function if implements import in instanceof ' +
    'interface let new null package private protected public return static super ' +
    'switch this throw true try typeof var void while with yield arguments eval ' +
    'undefined NaN Infinity'
  ).split(' '),
);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Tells whether `name` may name a property or method bare (reserved words may). */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Tells whether `name` may be written bare as an identifier. */
export function isSafeIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/**
 * Turns any name into a safe camelCase identifier: characters outside `[A-Za-z0-9_$]` split
 * words, a leading digit gets a `_` prefix, and a reserved word gets a `_` suffix
 * (`delete` → `delete_`, `user-id` → `userId`, `1st` → `_1st`).
 */
export function toIdentifier(name: string): string {
  const words = name.split(/[^A-Za-z0-9_$]+/).filter((word) => word !== '');
  const joined = words
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('');
  const base = joined === '' ? '_' : /^[0-9]/.test(joined) ? `_${joined}` : joined;

  return RESERVED.has(base) ? `${base}_` : base;
}

/** Like {@link toIdentifier}, with the first letter upper-cased (`users` → `Users`). */
export function toTypeName(name: string): string {
  const identifier = toIdentifier(name);
  const upper = identifier[0]!.toUpperCase() + identifier.slice(1);

  return RESERVED.has(upper) ? `${upper}_` : upper;
}

/**
 * Writes a string as a TypeScript string literal that nothing can break out of: JSON's
 * escaping, plus the line and paragraph separators, which JSON leaves raw.
 */
export function toStringLiteral(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
