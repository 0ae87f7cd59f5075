import { GeneratorError } from '../errors.js';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';

const brand = Symbol.for('resilgen.ContractInvalidError');

/**
 * Thrown by `readContract` when the contract has problems. `errors` holds every one,
 * located and sorted by file, line and column; the message lists them one a line.
 */
export class ContractInvalidError extends GeneratorError {
  readonly [brand] = true;
  override readonly name: string = 'ContractInvalidError';
  /** Each problem, with its own code, location and hint. */
  readonly errors: readonly GeneratorError[];

  constructor(contractPath: string, errors: readonly GeneratorError[]) {
    const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
    const lines = errors.map((error) => `  ${formatLocatedError(error)}`);
    super(
      Codes.CONTRACT_INVALID,
      [`the contract '${contractPath}' has ${count}:`, ...lines].join('\n'),
      {
        hint: 'fix each problem listed; they are sorted by file and line',
      },
    );
    this.errors = errors;
  }
}

/** Tells whether `value` is a {@link ContractInvalidError}, by its brand. */
export function isContractInvalidError(value: unknown): value is ContractInvalidError {
  return (
    typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true
  );
}

/**
 * Formats one error as `file:line:column CODE message (hint)`, the form editors link
 * to; without a location the place is left out.
 */
export function formatLocatedError(error: GeneratorError): string {
  const { location, hint } = error;
  const place =
    location === undefined ? '' : `${location.file}:${location.line}:${location.column} `;

  return `${place}${error.code} ${error.message}${hint === undefined ? '' : ` (${hint})`}`;
}
