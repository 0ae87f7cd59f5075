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
  /** The output folder is the project root, holds an input, or holds files resilgen did not generate. */
  OUT_UNSAFE: 'RG_OUT_UNSAFE',
  /** The file system refused to write or remove a generated file. */
  WRITE_FAILED: 'RG_WRITE_FAILED',
} as const);

/** A stable code of a {@link GeneratorErrorCodes} entry. */
export type GeneratorErrorCode = (typeof GeneratorErrorCodes)[keyof typeof GeneratorErrorCodes];
