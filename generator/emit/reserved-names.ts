/**
 * The names generated code uses whatever the contract says: what each file imports from a
 * package, the built-in types it names, the client class's own members, and the local names
 * of the functions that take a route's parameters, and the names JavaScript gives a meaning
 * on every object. The emitters build their imports from these lists and the contract reader
 * refuses a contract name that would collide with one (`name-clashes.ts`), so the two cannot
 * drift apart; a test reads the generated files to hold the other lists to what the
 * emitters write.
 */
import type { ImportedName } from './imports.js';

/** The generated files that import from packages. */
export type ImportingFile = 'client.ts' | 'server.ts' | 'schemas.ts';

/** An import of a generated file from a package: `import { names } from 'moduleSpecifier'`. */
export interface PackageImport {
  readonly moduleSpecifier: string;
  readonly names: readonly ImportedName[];
  /** `import type { ... }`. Default false. */
  readonly isTypeOnly?: boolean;
}

const RUNTIME = 'resilgen/runtime';

const typeOnly = (name: string): ImportedName => ({ name, isTypeOnly: true });

/**
 * What each generated file imports from packages, in the order it writes them. `client.ts`
 * leaves out `encodePathParam` when no route has a path parameter; the name stays reserved.
 */
export const PACKAGE_IMPORTS: Readonly<Record<ImportingFile, readonly PackageImport[]>> =
  Object.freeze({
    'client.ts': [
      { moduleSpecifier: 'axios', names: ['AxiosInstance'], isTypeOnly: true },
      {
        moduleSpecifier: RUNTIME,
        names: [
          'ApiPromise',
          'callRoute',
          'createResilientHttp',
          'encodePathParam',
          'ResilienceRegistry',
          typeOnly('CallOptions'),
          typeOnly('ResilientHttp'),
          typeOnly('RoutePolicy'),
        ],
      },
    ],
    'server.ts': [
      { moduleSpecifier: 'fastify', names: ['FastifyInstance'], isTypeOnly: true },
      {
        moduleSpecifier: RUNTIME,
        names: [
          'createContractServer',
          'forwardCallOptions',
          typeOnly('ContractServerDefaults'),
          typeOnly('ContractServerOptions'),
          typeOnly('RequestContext'),
          typeOnly('RouteRequest'),
          typeOnly('ServerRoute'),
        ],
      },
    ],
    'schemas.ts': [{ moduleSpecifier: RUNTIME, names: ['compileValidator'] }],
  });

/** TypeScript's global types that generated code names; a contract type must not hide one. */
export const BUILT_IN_TYPES: readonly string[] = Object.freeze(['Promise', 'Readonly', 'Record']);

/**
 * The generated client class's members besides its route methods, with what each is. A
 * route method named `constructor` would be the class's constructor.
 */
export const CLIENT_MEMBERS: ReadonlyMap<string, string> = new Map([
  ['constructor', "the class's constructor"],
  ['registry', "a member of its own (the client's live policies)"],
  ['#http', 'a private member of its own (the HTTP pipeline)'],
]);

/** The members every JavaScript object inherits: `Object.prototype`'s own (`toString`, ...). */
export const OBJECT_PROTOTYPE_MEMBERS: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype),
);

/** Methods the language or JSON calls on any object that has one, with what calls it. */
export const PROTOCOL_METHODS: ReadonlyMap<string, string> = new Map([
  [
    'then',
    'it makes an object a thenable, so `await client`, or returning the client from an async ' +
      'function, would call the route',
  ],
  ['toJSON', '`JSON.stringify(client)`, as a logger may do, would call the route'],
]);

/**
 * The local names of the generated functions where a route's parameters are bindings too:
 * the client's method, the handlers interface's method and the gateway's method. A path
 * parameter of the same name would clash with them.
 */
export const ROUTE_SCOPE_LOCALS: ReadonlyMap<string, string> = new Map([
  ['options', "the client method's call options"],
  ['context', "the handler's request context"],
  ['client', "the gateway's client"],
  ['answer', "the gateway's answer from the client"],
]);

/**
 * The local names of the route table's `invoke` functions, where no contract parameter is a
 * binding (they read the request's values as `request.params['id']`): free for a contract.
 */
export const INVOKE_LOCALS: readonly string[] = Object.freeze(['handlers', 'request', '_request']);

/** A name a generated file imports from a package. */
export interface PackageName {
  readonly file: ImportingFile;
  readonly name: string;
  readonly module: string;
  /** Imported as a type only: no value of that name is in scope. */
  readonly isTypeOnly: boolean;
}

/** Lists every name the generated files import from packages. */
export function listPackageImports(): PackageName[] {
  return Object.entries(PACKAGE_IMPORTS).flatMap(([file, imports]) =>
    imports.flatMap(({ moduleSpecifier, names, isTypeOnly }) =>
      names.map((name) => ({
        file: file as ImportingFile,
        name: typeof name === 'string' ? name : name.name,
        module: moduleSpecifier,
        isTypeOnly: isTypeOnly === true || (typeof name !== 'string' && name.isTypeOnly),
      })),
    ),
  );
}
