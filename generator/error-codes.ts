/**
 * The catalogue of the generator's error codes. A code is never reused or renamed; each has a
 * section in docs/errors.md. Codes of one area share a prefix.
 */
export const GeneratorErrorCodes = Object.freeze({
  // -- usage (CLI) --
  /** A flag is missing, unknown or has a wrong value. */
  USAGE: 'RG_USAGE',
  /** An input file cannot be read. */
  FILE_UNREADABLE: 'RG_FILE_UNREADABLE',

  // -- config --
  /** A config file has errors; the error lists each one with its location. */
  CONFIG_INVALID: 'RG_CONFIG_INVALID',
  /** A config file is not well-formed JSON (or is empty, has a BOM or comments). */
  CONFIG_SYNTAX: 'RG_CONFIG_SYNTAX',
  /** A config file's objects and arrays nest deeper than a config may. */
  CONFIG_TOO_DEEP: 'RG_CONFIG_TOO_DEEP',
  /** An object in a config file has the same key twice. */
  CONFIG_DUPLICATE_KEY: 'RG_CONFIG_DUPLICATE_KEY',
  /** A config file uses `__proto__`, `constructor` or `prototype` as a key. */
  CONFIG_RESERVED_KEY: 'RG_CONFIG_RESERVED_KEY',
  /** A config object has a key the schema does not define. */
  CONFIG_UNKNOWN_KEY: 'RG_CONFIG_UNKNOWN_KEY',
  /** A config object lacks a key the schema requires. */
  CONFIG_MISSING_KEY: 'RG_CONFIG_MISSING_KEY',
  /** A config value has the wrong JSON type. */
  CONFIG_TYPE: 'RG_CONFIG_TYPE',
  /** A config number lies outside its allowed range. */
  CONFIG_RANGE: 'RG_CONFIG_RANGE',
  /** A config value is not one of the allowed values. */
  CONFIG_ENUM: 'RG_CONFIG_ENUM',
  /** A config string does not have the required form (path, URL, route, non-empty). */
  CONFIG_FORMAT: 'RG_CONFIG_FORMAT',
  /** A profile or service name is not an identifier. */
  CONFIG_NAME: 'RG_CONFIG_NAME',
  /** A chaos fault sets none, or more than one, of `status`, `latency` and `drop`. */
  CONFIG_ONE_OF: 'RG_CONFIG_ONE_OF',
  /** A config value breaks a schema rule that no more specific code covers. */
  CONFIG_SCHEMA: 'RG_CONFIG_SCHEMA',
  /** A profile's `retry.baseDelay` is greater than its `retry.maxDelay`. */
  CONFIG_DELAY_ORDER: 'RG_CONFIG_DELAY_ORDER',
  /** A profile's `timeout.attempt` is longer than its `timeout.total`. */
  CONFIG_TIMEOUT_ORDER: 'RG_CONFIG_TIMEOUT_ORDER',
  /** Warning: a profile's worst-case attempts and backoffs exceed its total timeout. */
  CONFIG_TIMEOUT_BUDGET: 'RG_CONFIG_TIMEOUT_BUDGET',
  /** Warning: a profile's consecutive breaker opens before its last retry could run. */
  CONFIG_BREAKER_BEFORE_ATTEMPTS: 'RG_CONFIG_BREAKER_BEFORE_ATTEMPTS',
  /** A profile `extends` a profile that does not exist. */
  CONFIG_UNKNOWN_PARENT: 'RG_CONFIG_UNKNOWN_PARENT',
  /** Profiles `extends` each other in a cycle. */
  CONFIG_EXTENDS_CYCLE: 'RG_CONFIG_EXTENDS_CYCLE',
  /** A `service` names no entry of `services`. */
  CONFIG_UNKNOWN_SERVICE: 'RG_CONFIG_UNKNOWN_SERVICE',
  /** An `alternative_service` fallback has no `alternativeBaseUrl` to call. */
  CONFIG_NO_ALTERNATIVE_URL: 'RG_CONFIG_NO_ALTERNATIVE_URL',
  /** Two endpoints of the generated server (monitoring, chaos control) share a path. */
  CONFIG_ENDPOINT_CLASH: 'RG_CONFIG_ENDPOINT_CLASH',
  /** Warning: a control switch is on without a token to protect it. */
  CONFIG_UNPROTECTED_CONTROL: 'RG_CONFIG_UNPROTECTED_CONTROL',

  // -- contract --
  /** The contract has problems; the error's `errors` lists each one, located. */
  CONTRACT_INVALID: 'RG_CONTRACT_INVALID',
  /** The contract, or a file it takes types from, is not valid TypeScript syntax. */
  CONTRACT_SYNTAX: 'RG_CONTRACT_SYNTAX',
  /** The contract file has no `@Controller` class, or more than one. */
  CONTRACT_CONTROLLER_COUNT: 'RG_CONTRACT_CONTROLLER_COUNT',
  /** A decorator is none of resilgen's. */
  CONTRACT_DECORATOR_UNKNOWN: 'RG_CONTRACT_DECORATOR_UNKNOWN',
  /** A decorator has one of resilgen's names but is not imported from `resilgen/runtime`. */
  CONTRACT_DECORATOR_IMPORT: 'RG_CONTRACT_DECORATOR_IMPORT',
  /** A decorator stands where it means nothing (a route decorator on the class, ...). */
  CONTRACT_DECORATOR_PLACEMENT: 'RG_CONTRACT_DECORATOR_PLACEMENT',
  /** A decorator appears twice on the same class or route. */
  CONTRACT_DECORATOR_REPEATED: 'RG_CONTRACT_DECORATOR_REPEATED',
  /** A decorator is not called, or has the wrong number or kind of arguments. */
  CONTRACT_DECORATOR_ARGUMENT: 'RG_CONTRACT_DECORATOR_ARGUMENT',
  /** A decorator option is unknown, missing, or has a wrong value. */
  CONTRACT_DECORATOR_OPTION: 'RG_CONTRACT_DECORATOR_OPTION',
  /** `@FallbackValue` holds something other than a JSON literal. */
  CONTRACT_FALLBACK_NOT_JSON: 'RG_CONTRACT_FALLBACK_NOT_JSON',
  /** `@FallbackValue` does not match the route's response type. */
  CONTRACT_FALLBACK_MISMATCH: 'RG_CONTRACT_FALLBACK_MISMATCH',
  /** `@Resilience` names a profile the config does not define. */
  CONTRACT_PROFILE_UNKNOWN: 'RG_CONTRACT_PROFILE_UNKNOWN',
  /** A route has no `@Resilience` and its class names no default. */
  CONTRACT_PROFILE_MISSING: 'RG_CONTRACT_PROFILE_MISSING',
  /** A path is not a valid path template. */
  CONTRACT_PATH_MALFORMED: 'RG_CONTRACT_PATH_MALFORMED',
  /** A `:param` of the path has no function parameter of that name. */
  CONTRACT_PATH_PARAM_UNBOUND: 'RG_CONTRACT_PATH_PARAM_UNBOUND',
  /** A function parameter is none of a path parameter, `body`, `query` or `headers`. */
  CONTRACT_PARAM_UNKNOWN: 'RG_CONTRACT_PARAM_UNKNOWN',
  /** A parameter's type or form does not fit where it travels. */
  CONTRACT_PARAM_TYPE: 'RG_CONTRACT_PARAM_TYPE',
  /** A `GET` or `DELETE` route declares a body. */
  CONTRACT_BODY_NOT_ALLOWED: 'RG_CONTRACT_BODY_NOT_ALLOWED',
  /** Two routes answer the same method and path. */
  CONTRACT_ROUTE_DUPLICATE: 'RG_CONTRACT_ROUTE_DUPLICATE',
  /** A member of the contract class has no HTTP method decorator, or several. */
  CONTRACT_ROUTE_METHOD: 'RG_CONTRACT_ROUTE_METHOD',
  /** A route is not a property typed as a function returning `Promise<...>`. */
  CONTRACT_ROUTE_TYPE: 'RG_CONTRACT_ROUTE_TYPE',
  /** A type cannot be carried by JSON or is not supported in a contract. */
  CONTRACT_TYPE_UNSUPPORTED: 'RG_CONTRACT_TYPE_UNSUPPORTED',
  /** A type name cannot be found. */
  CONTRACT_TYPE_UNRESOLVED: 'RG_CONTRACT_TYPE_UNRESOLVED',
  /**
   * Two different types used by the contract have the same name, or a type has a name that
   * generated code imports or declares.
   */
  CONTRACT_TYPE_NAME_CLASH: 'RG_CONTRACT_TYPE_NAME_CLASH',
  /** A property name is computed, repeated or `__proto__`. */
  CONTRACT_PROPERTY_NAME: 'RG_CONTRACT_PROPERTY_NAME',
  /** A JSDoc schema tag is misspelt, has a bad value or does not fit its type. */
  CONTRACT_JSDOC_TAG: 'RG_CONTRACT_JSDOC_TAG',

  // -- emit --
  /** A chaos fault of the config names a route the contract does not declare. */
  CHAOS_UNKNOWN_ROUTE: 'RG_CHAOS_UNKNOWN_ROUTE',
  /**
   * A route, path parameter or class name of the contract becomes an identifier generated
   * code cannot carry: another route's, one generated code uses on its own, or a member
   * every JavaScript object has. Reported by the contract reader.
   */
  EMIT_NAME_CLASH: 'RG_EMIT_NAME_CLASH',

  // -- writer --
  /**
   * The output folder is the project root, holds an input, holds files resilgen did not
   * generate, or holds another contract's package.
   */
  OUT_UNSAFE: 'RG_OUT_UNSAFE',
  /** The file system refused to write or remove a generated file. */
  WRITE_FAILED: 'RG_WRITE_FAILED',
} as const);

/** A stable code of a {@link GeneratorErrorCodes} entry. */
export type GeneratorErrorCode = (typeof GeneratorErrorCodes)[keyof typeof GeneratorErrorCodes];
