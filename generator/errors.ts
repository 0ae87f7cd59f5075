import type { GeneratorErrorCode } from './error-codes.js';

/** Where in a user's file a problem lies. Lines and columns count from 1. */
export interface SourceLocation {
  /** The file's path as the user gave it (relative paths stay relative). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Details of a {@link GeneratorError}. */
export interface GeneratorErrorOptions {
  /** Where the problem lies, when it lies in a file. */
  readonly location?: SourceLocation;
  /** JSON pointer (RFC 6901) of the offending value in a JSON input, such as `/resilience`. */
  readonly pointer?: string;
  /** A suggested fix, such as `did you mean 'maxAttempts'?`. */
  readonly hint?: string;
  /** The error that led to this one. */
  readonly cause?: unknown;
}

const brand = Symbol.for('resilgen.GeneratorError');

/**
 * The base of every error the generator raises for a user's input or usage. Each carries a
 * stable `code` from {@link GeneratorErrorCode} and, where it has one, the location.
 */
export class GeneratorError extends Error {
  readonly [brand] = true;
  override readonly name: string = 'GeneratorError';
  readonly code: GeneratorErrorCode;
  readonly location: SourceLocation | undefined;
  readonly pointer: string | undefined;
  readonly hint: string | undefined;

  constructor(code: GeneratorErrorCode, message: string, options: GeneratorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.location = options.location;
    this.pointer = options.pointer;
    this.hint = options.hint;
  }
}

/** Tells whether `value` is a {@link GeneratorError}, by its brand rather than `instanceof`. */
export function isGeneratorError(value: unknown): value is GeneratorError {
  return (
    typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true
  );
}

/** Says why a file could not be read, in a few words: `no such file`, `permission denied`. */
export function describeReadFailure(cause: unknown): string {
  const code = (cause as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return cause instanceof Error ? cause.message : String(cause);
  }
}
