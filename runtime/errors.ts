import type { RuntimeErrorCode } from './error-codes.js';

/** Which call an error belongs to. Both are names, never request values. */
export interface CallIdentity {
  /** The route, as `METHOD /path/:param`. */
  readonly route?: string;
  /** The resilience profile that wraps the route. */
  readonly profile?: string;
}

/** Details every {@link RuntimeError} may carry. */
export interface RuntimeErrorOptions extends CallIdentity {
  /** The error that led to this one. */
  readonly cause?: unknown;
}

const runtimeBrand = Symbol.for('resilgen.RuntimeError');

/**
 * The base of every error the runtime raises. It carries a stable `code` (see docs/errors.md),
 * the route and profile of the call, and the `cause`. Its message ends with the route and
 * profile, so a log line alone says which call failed.
 */
export class RuntimeError extends Error {
  readonly [runtimeBrand] = true;
  override readonly name: string = 'RuntimeError';
  readonly code: RuntimeErrorCode;
  /** The route, as `METHOD /path/:param`, when the error belongs to a call. */
  readonly route: string | undefined;
  /** The profile that wraps the route, when the error belongs to a call. */
  readonly profile: string | undefined;
  /** The message without the route and profile it ends with, to quote inside another one. */
  readonly description: string;

  constructor(code: RuntimeErrorCode, message: string, options: RuntimeErrorOptions = {}) {
    super(
      describeCall(message, options),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.route = options.route;
    this.profile = options.profile;
    this.description = message;
  }
}

function describeCall(message: string, call: CallIdentity): string {
  if (call.route === undefined && call.profile === undefined) {
    return message;
  }

  return `${message} [route ${call.route ?? '?'}, profile ${call.profile ?? '?'}]`;
}

/**
 * Tells whether `value` carries the brand `brand` with the value `true`. Guards check brands
 * rather than `instanceof`, so they hold across copies of the package.
 */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[brand] === true
  );
}

/** Tells whether `value` is a {@link RuntimeError} of any kind, by its brand. */
export function isRuntimeError(value: unknown): value is RuntimeError {
  return hasBrand(value, runtimeBrand);
}
