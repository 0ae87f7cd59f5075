/**
 * Decorators that describe an HTTP contract. resilgen reads them statically (it never runs
 * the contract), so at run time they do nothing: they exist so that a contract file
 * type-checks under `tsc --strict` with standard (TC39) decorators and no compiler flags, and
 * so that editors complete their names and options.
 *
 * @example
 * ```ts
 * @Controller('/api/users')
 * @Resilience('default')
 * export class UsersApi {
 *   @Get('/:id')
 *   getUser!: (id: number) => Promise<User>;
 * }
 * ```
 */

/** A decorator that may stand on a contract class. */
export type ContractClassDecorator = (value: unknown, context: ClassDecoratorContext) => void;

/** A decorator that may stand on a route, a typed property of a contract class. */
export type RouteDecorator = (value: undefined, context: ClassFieldDecoratorContext) => void;

/** A decorator that may stand on a contract class or on one of its routes. */
export type ClassOrRouteDecorator = (
  value: unknown,
  context: ClassDecoratorContext | ClassFieldDecoratorContext,
) => void;

/** Options of {@link Cache}. */
export interface CacheOptions {
  /** How long a cached answer is served without a call, in milliseconds. */
  readonly ttl: number;
  /**
   * How long after `ttl` an expired answer may still be served as a fallback when the call
   * fails, in milliseconds. Default: the config's `cache.staleTtl`.
   */
  readonly staleTtl?: number;
}

const noop = (): void => {};

/** Marks a class as a contract whose routes live under `basePath` (for example `/api/users`). */
export function Controller(basePath: string): ContractClassDecorator {
  void basePath;

  return noop;
}

/**
 * Names the config profile (`resilience.<name>`) that wraps a route, or every route of a
 * class that does not name its own.
 */
export function Resilience(profile: string): ClassOrRouteDecorator {
  void profile;

  return noop;
}

/** Declares a `GET` route at `path`, relative to the controller's base path. */
export function Get(path: string): RouteDecorator {
  void path;

  return noop;
}

/** Declares a `POST` route at `path`, relative to the controller's base path. */
export function Post(path: string): RouteDecorator {
  void path;

  return noop;
}

/** Declares a `PUT` route at `path`, relative to the controller's base path. */
export function Put(path: string): RouteDecorator {
  void path;

  return noop;
}

/** Declares a `PATCH` route at `path`, relative to the controller's base path. */
export function Patch(path: string): RouteDecorator {
  void path;

  return noop;
}

/** Declares a `DELETE` route at `path`, relative to the controller's base path. */
export function Delete(path: string): RouteDecorator {
  void path;

  return noop;
}

/** Sets the status of a successful answer (default 200, or 204 for `Promise<void>`). */
export function Status(code: number): RouteDecorator {
  void code;

  return noop;
}

/** Caches a read route's answers; see {@link CacheOptions}. */
export function Cache(options: CacheOptions): RouteDecorator {
  void options;

  return noop;
}

/**
 * The answer a read route gives as a last resort, when the call failed and neither the stale
 * cache nor an alternative service could answer.
 */
export function FallbackValue<T>(value: T): RouteDecorator {
  void value;

  return noop;
}

/**
 * Marks a write as safe to repeat: the client sends an `Idempotency-Key` that stays the same
 * across retries, so the route may be retried, and the server runs a repeated key once.
 */
export function Idempotent(): RouteDecorator {
  return noop;
}

/**
 * A whole number. Use it in a contract's types where a plain `number` would also accept
 * fractions (`id: Integer`); the generated schemas then reject `1.5`.
 */
export type Integer = number;
