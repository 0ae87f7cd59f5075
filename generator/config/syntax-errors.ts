import { getLocation, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { GeneratorErrorCodes } from '../error-codes.js';
import type { ConfigFinding } from './diagnostics.js';
import { formatPointer } from './json-pointer.js';
import type { LineIndex } from './line-index.js';

interface Explanation {
  readonly offset: number;
  readonly message: string;
  readonly hint?: string;
  /** Where the pointer is taken, when it is not `offset` (the object a comma sits in). */
  readonly pointerOffset?: number;
}

/**
 * Turns the JSON parser's errors into findings that say, in words, what is wrong where: a
 * trailing comma at the comma, an unclosed brace with the place it was opened, a comment, a
 * stray symbol quoted. Only the first error of a line is kept: the parser often reports one
 * mistake several times as it recovers.
 */
export function describeSyntaxErrors(
  text: string,
  errors: readonly ParseError[],
  lines: LineIndex,
): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const explainedLines = new Set<number>();
  for (const error of errors) {
    const explanation = explainSyntaxError(text, error, lines);
    const { line } = lines.locate(explanation.offset);
    if (explainedLines.has(line)) {
      continue;
    }
    explainedLines.add(line);
    findings.push({
      code: GeneratorErrorCodes.CONFIG_SYNTAX,
      pointer: findPointerAt(text, explanation.pointerOffset ?? explanation.offset),
      offset: explanation.offset,
      message: explanation.message,
      hint: explanation.hint,
    });
  }

  return findings;
}

/**
 * Gives the pointer of the value that `offset` lies in, even in text that does not parse:
 * between the members of an object, that object.
 */
export function findPointerAt(text: string, offset: number): string {
  const path = getLocation(text, offset).path;
  // Between members the parser answers with an empty key; the object itself is meant.
  const trimmed = path.at(-1) === '' ? path.slice(0, -1) : path;

  return formatPointer(trimmed);
}

function explainSyntaxError(text: string, error: ParseError, lines: LineIndex): Explanation {
  const { offset } = error;
  const found = text.slice(offset, offset + Math.max(1, error.length));
  const comma = findTrailingComma(text, offset);
  if (comma !== undefined) {
    return {
      offset: comma,
      pointerOffset: offset,
      message: `trailing comma before '${text[offset]}': JSON allows none`,
      hint: 'remove the comma',
    };
  }
  if (offset >= text.length) {
    return explainEndOfFile(text, error, lines);
  }

  switch (printParseErrorCode(error.error)) {
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return { offset, message: 'comments are not allowed in JSON', hint: 'remove the comment' };
    case 'InvalidSymbol':
      return explainSymbol(offset, found);
    case 'PropertyNameExpected':
      return { offset, message: `expected a key in double quotes, got '${found}'` };
    case 'ValueExpected':
      return { offset, message: `expected a value, got '${found}'` };
    case 'ColonExpected':
      return { offset, message: `expected ':' after the key, got '${found}'` };
    case 'CommaExpected':
      return { offset, message: `expected ',' before '${found}'`, hint: 'add a comma' };
    case 'CloseBraceExpected':
      return { offset, message: `expected '}' to close the object, got '${found}'` };
    case 'CloseBracketExpected':
      return { offset, message: `expected ']' to close the array, got '${found}'` };
    case 'EndOfFileExpected':
      return { offset, message: `expected the end of the file after the value, got '${found}'` };
    case 'UnexpectedEndOfString':
      return { offset, message: 'string is not closed before the end of the line' };
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
      return { offset, message: `invalid escape sequence '${found}' in a string` };
    case 'InvalidCharacter':
      return { offset, message: 'control character in a string', hint: 'escape it, e.g. \\n' };
    default:
      return { offset, message: `malformed JSON at '${found}'` };
  }
}

function explainSymbol(offset: number, found: string): Explanation {
  if (found.startsWith("'")) {
    return {
      offset,
      message: `expected a string in double quotes, got ${found}`,
      hint: 'JSON strings and keys use double quotes',
    };
  }

  return { offset, message: `expected a JSON value, got '${found}'` };
}

function explainEndOfFile(text: string, error: ParseError, lines: LineIndex): Explanation {
  const offset = text.length;
  const opener = findUnclosedOpener(text);
  const code = printParseErrorCode(error.error);
  if (opener !== undefined && (code === 'CloseBraceExpected' || code === 'CloseBracketExpected')) {
    const { line, column } = lines.locate(opener);
    const closer = text[opener] === '{' ? '}' : ']';

    return {
      offset,
      pointerOffset: opener + 1,
      message: `unexpected end of file: '${text[opener]}' opened at ${line}:${column} is never closed`,
      hint: `add '${closer}'`,
    };
  }
  if (text.trim() === '') {
    return { offset: 0, message: 'the file is empty', hint: 'a config is a JSON object, e.g. {}' };
  }

  return { offset, message: 'unexpected end of file: the JSON value is incomplete' };
}

/** Returns the offset of the ',' just before the `}` or `]` at `offset`, if there is one. */
function findTrailingComma(text: string, offset: number): number | undefined {
  if (text[offset] !== '}' && text[offset] !== ']') {
    return undefined;
  }
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) {
    i--;
  }

  return text[i] === ',' ? i : undefined;
}

/** Returns the offset of the innermost `{` or `[` that the text never closes. */
function findUnclosedOpener(text: string): number | undefined {
  const open: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') {
        i++;
      } else if (char === '"') {
        inString = false;
      }
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      open.push(i);
    } else if (char === '}' || char === ']') {
      open.pop();
    }
  }

  return open.at(-1);
}
