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

  // -- contract --

  // -- writer --
} as const);

/** A stable code of a {@link GeneratorErrorCodes} entry. */
export type GeneratorErrorCode = (typeof GeneratorErrorCodes)[keyof typeof GeneratorErrorCodes];
