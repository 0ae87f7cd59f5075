/**
 * Marks a branch the type checker proves unreachable, such as the `default` of a `switch`
 * over every member of a union. Reaching it at run time means a value came from outside the
 * types (an untyped caller); it throws a `TypeError` naming the value.
 *
 * @throws {TypeError} always.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new TypeError(`unexpected ${what} ${JSON.stringify(value)}`);
}
