import type { StatementStructures } from 'ts-morph';

/**
 * Puts a blank line before every top-level statement, so declarations (and the imports
 * above them) read as separate paragraphs; the formatter keeps blank lines but never adds them.
 */
export function spaceOut<T extends StatementStructures>(statements: readonly T[]): T[] {
  return statements.map((statement) => ({ ...statement, leadingTrivia: '\n' }));
}
