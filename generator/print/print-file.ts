import type { Declaration } from './code.js';
import { printDeclaration } from './print-declarations.js';
import { printStatementList } from './print-statements.js';
import { printDoc } from './layout.js';
import type { Doc } from './doc.js';
import { GENERATED_FORMAT } from '../write/format.js';

/** What {@link printCode} made. */
export interface PrintedCode {
  /** The code, ending with a newline (empty for no declarations). */
  readonly text: string;
  /** Why prettier might lay the code out otherwise; empty when it would not. */
  readonly unsure: readonly string[];
}

/** Options of {@link printCode}. */
export interface PrintCodeOptions {
  /**
   * Lay the code out as written before formatting: on as few lines as the code model
   * allows, breaking only the brackets it expands. Prettier formats that text into the
   * printer's usual output, which is how the tests hold the printer to prettier, and how a
   * file the printer is unsure of is formatted.
   */
  readonly asWritten?: boolean;
}

/**
 * Prints declarations as prettier would format them (`GENERATED_FORMAT`): one a line, with
 * the blank lines they ask for.
 */
export function printCode(
  declarations: readonly Declaration[],
  options: PrintCodeOptions = {},
): PrintedCode {
  if (declarations.length === 0) {
    return { text: '', unsure: [] };
  }
  const doc: Doc = printStatementList(declarations, printDeclaration);
  const printed = printDoc(doc, GENERATED_FORMAT.printWidth, options.asWritten === true);

  return { text: `${printed.text}\n`, unsure: printed.unsure };
}
