/**
 * The API model: everything the emitters need to know about a contract, read once by
 * `generator/contract/` and never re-read from source. It is plain JSON data (no class
 * instances, no `undefined` values: an absent optional field is left out), so it can be
 * snapshotted, compared with `assert.equal` and written with `JSON.stringify`.
 *
 * Every string taken from the contract (paths, descriptions, property names, fallback
 * values, format names, patterns) is kept exactly as written: emitters escape it for the
 * place they put it in.
 */
import type { SourceLocation } from './errors.js';

/** A JSON value, as `JSON.parse` returns it. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** An HTTP method a route may declare, as it goes on the wire. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A string, with the JSDoc constraints its declaration carried. */
export interface StringType {
  readonly kind: 'string';
  /** A format name that ajv-formats knows, from `@format` (for example `email`). */
  readonly format?: string;
  /** From `@minLength`, in characters (UTF-16 code points as JSON Schema counts them). */
  readonly minLength?: number;
  /** From `@maxLength`, in characters. */
  readonly maxLength?: number;
  /** From `@pattern`: an ECMAScript regular expression with the `u` flag, unanchored. */
  readonly pattern?: string;
}

/** A number (`number`), or a whole number (`Integer` from resilgen/runtime, `@integer`). */
export interface NumberType {
  readonly kind: 'number' | 'integer';
  /** From `@minimum`: the least allowed value, inclusive. */
  readonly minimum?: number;
  /** From `@maximum`: the greatest allowed value, inclusive. */
  readonly maximum?: number;
  /** From `@exclusiveMinimum`: values must be greater. */
  readonly exclusiveMinimum?: number;
  /** From `@exclusiveMaximum`: values must be smaller. */
  readonly exclusiveMaximum?: number;
  /** From `@multipleOf`: values must be a multiple of it (greater than 0). */
  readonly multipleOf?: number;
}

/** `boolean`. */
export interface BooleanType {
  readonly kind: 'boolean';
}

/** The type `null` on its own. A type that may also be null is a {@link NullableType}. */
export interface NullType {
  readonly kind: 'null';
}

/** One literal value: `'active'`, `42`, `true`. */
export interface LiteralType {
  readonly kind: 'literal';
  readonly value: string | number | boolean;
}

/** A union of two or more literals (`'asc' | 'desc'`), values in source order, unique. */
export interface EnumType {
  readonly kind: 'enum';
  readonly values: readonly (string | number | boolean)[];
}

/** `T[]`, `Array<T>`, `readonly T[]` or `ReadonlyArray<T>`. */
export interface ArrayType {
  readonly kind: 'array';
  readonly items: TypeIR;
  /** From `@minItems`. */
  readonly minItems?: number;
  /** From `@maxItems`. */
  readonly maxItems?: number;
  /** From `@uniqueItems`. */
  readonly uniqueItems?: true;
}

/** A property of an {@link ObjectType}. */
export interface PropertyIR {
  /** The wire name, exactly as declared: it may be a reserved word or contain dashes. */
  readonly name: string;
  readonly type: TypeIR;
  /** Declared with `?`: the key may be absent. */
  readonly optional: boolean;
  /** The property's JSDoc text, raw. */
  readonly description?: string;
}

/**
 * An object type with declared properties (an interface, or an inline `{ ... }`), in
 * declaration order, inherited ones (`extends`) first. No other keys are allowed.
 */
export interface ObjectType {
  readonly kind: 'object';
  readonly properties: readonly PropertyIR[];
}

/** `Record<string, T>` (or a lone `[key: string]: T` index signature): any keys, `T` values. */
export interface RecordType {
  readonly kind: 'record';
  readonly values: TypeIR;
}

/** A use of a named type; its definition is the {@link NamedType} of that name. */
export interface RefType {
  readonly kind: 'ref';
  readonly name: string;
}

/** `T | null`. */
export interface NullableType {
  readonly kind: 'nullable';
  readonly type: TypeIR;
}

/** A union that is not only literals, such as `Cat | Dog`: a value is one of the members. */
export interface UnionType {
  readonly kind: 'union';
  readonly members: readonly TypeIR[];
}

/** The type IR: a contract's TypeScript types reduced to what JSON can carry. */
export type TypeIR =
  | StringType
  | NumberType
  | BooleanType
  | NullType
  | LiteralType
  | EnumType
  | ArrayType
  | ObjectType
  | RecordType
  | RefType
  | NullableType
  | UnionType;

/** An interface or type alias of the contract, kept under its name. */
export interface NamedType {
  /** The declared name, unique in the model. */
  readonly name: string;
  readonly type: TypeIR;
  /** The declaration's JSDoc text, raw. */
  readonly description?: string;
  /** Where it is declared (the contract or a file it imports). */
  readonly location: SourceLocation;
}

/** Where a route's parameter travels. */
export type ParameterPlace = 'path' | 'query' | 'headers' | 'body';

/**
 * A parameter of a route's function type. Binding is by name: a `:name` of the path is a
 * path parameter; `body` is the request body; `query` and `headers` are object types
 * holding the query parameters and the request headers.
 */
export interface RouteParameter {
  readonly name: string;
  readonly in: ParameterPlace;
  readonly type: TypeIR;
  /** Declared with `?` (never true for a path parameter). */
  readonly optional: boolean;
}

/** `@Cache({ ttl, staleTtl })` of a read route. */
export interface CacheModel {
  /** How long a cached answer is served without a call, in milliseconds. */
  readonly ttlMs: number;
  /** How long after `ttlMs` an expired answer may serve as a fallback, in milliseconds. */
  readonly staleTtlMs?: number;
}

/** One route: a typed property of the contract class. */
export interface RouteModel {
  /** The property's name, such as `getUser`: the client's method name. */
  readonly name: string;
  readonly method: HttpMethod;
  /**
   * The full path template, base path included, such as `/api/users/:id`: one leading
   * slash, no empty segments, no trailing slash except for the root `/`.
   */
  readonly path: string;
  /** The function type's parameters in declaration order: the client method's signature. */
  readonly parameters: readonly RouteParameter[];
  /** The path parameters in the order they appear in {@link path}. */
  readonly pathParams: readonly RouteParameter[];
  readonly query?: RouteParameter;
  readonly headers?: RouteParameter;
  readonly body?: RouteParameter;
  /** The answer's type, `T` of `Promise<T>`; absent when it is `Promise<void>` (no body). */
  readonly response?: TypeIR;
  /** The success status: `@Status`, else 204 without a response type, else 200. */
  readonly status: number;
  /** The config profile that wraps the route: its own `@Resilience`, else the class's. */
  readonly profile: string;
  /** `@Idempotent()`: the client sends an `Idempotency-Key` that survives retries. */
  readonly idempotent: boolean;
  readonly cache?: CacheModel;
  /** `@FallbackValue(value)`: the last-resort answer, as JSON data. */
  readonly fallback?: { readonly value: JsonValue };
  /** The property's JSDoc text, raw. */
  readonly description?: string;
  /** Where the property is declared. */
  readonly location: SourceLocation;
}

/** A contract: one `@Controller` class and the types its routes use. */
export interface ApiModel {
  /** The class's name, such as `UsersApi`. */
  readonly className: string;
  /**
   * The stem emitters name things after (`UsersClient`, `UsersHandlers`,
   * `createUsersServer`): the class name without a trailing `Api`, `API`, `Controller` or
   * `Contract`, or the whole name when nothing would remain.
   */
  readonly baseName: string;
  /** `@Controller`'s path, normalized like {@link RouteModel.path}. */
  readonly basePath: string;
  /** The class's `@Resilience` profile, used by routes that name none. */
  readonly defaultProfile?: string;
  /** The class's JSDoc text, raw. */
  readonly description?: string;
  /** Where the class is declared. */
  readonly location: SourceLocation;
  /** The routes in declaration order. */
  readonly routes: readonly RouteModel[];
  /**
   * Every named type the routes reach, sorted by name except that a type comes after the
   * types it uses (when they do not use it back).
   */
  readonly types: readonly NamedType[];
}
