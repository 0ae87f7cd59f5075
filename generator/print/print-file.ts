import type { Declaration } from './code.js';
import { printDeclaration } from './print-declarations.js';
import { printDoc } from './layout.js';
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
  // Each declaration starts a line at the outermost level, where no group spans two of them,
  // so each is laid out alone: its layout document is garbage before the next is built, which
  // keeps the collector from copying a whole file's worth of it.
  const asWritten = options.asWritten === true;
  const pieces: string[] = [];
  const unsure = new Set<string>();
  for (const [index, declaration] of declarations.entries()) {
    if (index > 0) {
      // The line break ends the line before it as a hard line would: without trailing spaces.
      pieces.push(pieces.pop()!.replace(/[ \t]+$/, ''));
      pieces.push(declaration.blankLineBefore === true ? '\n\n' : '\n');
    }
    const printed = printDoc(printDeclaration(declaration), GENERATED_FORMAT.printWidth, asWritten);
    pieces.push(printed.text);
    for (const reason of printed.unsure) unsure.add(reason);
  }

  return { text: `${pieces.join('')}\n`, unsure: [...unsure] };
}
