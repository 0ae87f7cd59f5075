import { GeneratorErrorCodes } from '../error-codes.js';
import { GeneratorError } from '../errors.js';
import { formatDiagnostic, type ConfigDiagnostic } from './diagnostics.js';

const brand = Symbol.for('resilgen.ConfigError');

/**
 * Thrown by `loadConfig` when a config has errors. It carries every error and warning,
 * located; its own location, pointer and hint are those of the first error.
 */
export class ConfigError extends GeneratorError {
  readonly [brand] = true;
  override readonly name: string = 'ConfigError';
  /** Every error, sorted by position. */
  readonly errors: readonly ConfigDiagnostic[];
  /** Every warning, sorted by position. */
  readonly warnings: readonly ConfigDiagnostic[];

  constructor(
    file: string,
    errors: readonly ConfigDiagnostic[],
    warnings: readonly ConfigDiagnostic[],
  ) {
    const first = errors[0];
    const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
    super(
      GeneratorErrorCodes.CONFIG_INVALID,
      `config ${file} has ${count}` + (first === undefined ? '' : `: ${formatDiagnostic(first)}`),
      {
        location: first && { file: first.file, line: first.line, column: first.column },
        pointer: first?.pointer,
        hint: first?.hint,
      },
    );
    this.errors = errors;
    this.warnings = warnings;
  }
}

/** Tells whether `value` is a {@link ConfigError}, by its brand rather than `instanceof`. */
export function isConfigError(value: unknown): value is ConfigError {
  return (
    typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true
  );
}
