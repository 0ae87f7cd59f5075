import path from 'node:path';
import { ts } from './ts-morph.js';
import type { Node, SourceFile } from 'ts-morph';
import { GeneratorError } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import type { GeneratorErrorCode } from '../error-codes.js';

/**
 * Collects the located problems of one contract read, so that a user sees every problem at
 * once rather than one per run. The same problem reported twice (a base interface read for
 * two derived ones, say) is kept once.
 */
export class ProblemList {
  readonly #errors = new Map<string, GeneratorError>();
  readonly #contractFile: SourceFile;
  readonly #contractPath: string;
  readonly #cwd: string;

  /**
   * @param contractFile the contract's source file.
   * @param contractPath the contract's path as the user gave it; other files are shown
   *   relative to `cwd` when it is relative, absolute otherwise.
   * @param cwd the folder relative paths start from.
   */
  constructor(contractFile: SourceFile, contractPath: string, cwd: string) {
    this.#contractFile = contractFile;
    this.#contractPath = contractPath;
    this.#cwd = cwd;
  }

  /** Gives where `node` starts (its first token, comments excluded), lines and columns from 1. */
  locate(node: Node): SourceLocation {
    return this.#locatePosition(node.getSourceFile(), node.getStart());
  }

  /** Records a problem found at `node`. */
  report(node: Node, code: GeneratorErrorCode, message: string, hint?: string): void {
    this.#record(this.locate(node), code, message, hint);
  }

  /** Records a problem found at a place already located (as the model's locations are). */
  reportAt(
    location: SourceLocation,
    code: GeneratorErrorCode,
    message: string,
    hint?: string,
  ): void {
    this.#record(location, code, message, hint);
  }

  /** Records a problem found at a character offset of `sourceFile`. */
  reportAtPosition(
    sourceFile: SourceFile,
    position: number,
    code: GeneratorErrorCode,
    message: string,
  ): void {
    this.#record(this.#locatePosition(sourceFile, position), code, message, undefined);
  }

  // TypeScript's own line map answers by binary search; ts-morph's getLineAndColumnAtPos
  // scans the text from the start, which made locating every route quadratic.
  #locatePosition(sourceFile: SourceFile, position: number): SourceLocation {
    const { line, character } = ts.getLineAndCharacterOfPosition(sourceFile.compilerNode, position);

    return { file: this.#displayPath(sourceFile), line: line + 1, column: character + 1 };
  }

  #record(
    location: SourceLocation,
    code: GeneratorErrorCode,
    message: string,
    hint?: string,
  ): void {
    const oneLine = toOneLine(message);
    const key = [code, location.file, location.line, location.column, oneLine].join('\0');
    if (this.#errors.has(key)) return;

    const options = hint === undefined ? { location } : { location, hint: toOneLine(hint) };
    this.#errors.set(key, new GeneratorError(code, oneLine, options));
  }

  /** Tells how many distinct problems were recorded. */
  get size(): number {
    return this.#errors.size;
  }

  /** Lists the problems by file, line, column, code and message. */
  listSorted(): GeneratorError[] {
    return [...this.#errors.values()].sort(compareErrors);
  }

  #displayPath(sourceFile: SourceFile): string {
    if (sourceFile === this.#contractFile) return this.#contractPath;

    const absolute = sourceFile.getFilePath();

    return path.isAbsolute(this.#contractPath) ? absolute : path.relative(this.#cwd, absolute);
  }
}

function compareErrors(a: GeneratorError, b: GeneratorError): number {
  const left = a.location;
  const right = b.location;
  if (left !== undefined && right !== undefined) {
    const byPlace =
      compareText(left.file, right.file) || left.line - right.line || left.column - right.column;
    if (byPlace !== 0) return byPlace;
  }

  return compareText(a.code, b.code) || compareText(a.message, b.message);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A problem is one line of the report, which editors and CI annotations read line by line;
 * code quoted from the contract (a broken decorator running on into the next line) may span
 * several, so each line break (Unicode's line and paragraph separators included) and the
 * indentation after it become one space.
 */
function toOneLine(text: string): string {
  return text.replace(/[ \t]*(?:\r\n|[\r\n\u0085\u2028\u2029])\s*/g, ' ');
}
