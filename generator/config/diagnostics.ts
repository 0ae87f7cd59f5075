import type { GeneratorErrorCode } from '../error-codes.js';
import { getParentPointer } from './json-pointer.js';
import type { LineIndex } from './line-index.js';

/** Whether a diagnostic makes the config invalid (`error`) or only deserves a look (`warning`). */
export type DiagnosticSeverity = 'error' | 'warning';

/**
 * A problem found in a config, before it is placed in the file. Checks name the offending
 * value by pointer; the parser, which knows exact offsets, may give one.
 */
export interface ConfigFinding {
  readonly code: GeneratorErrorCode;
  /** JSON pointer of the offending value, or of the object that lacks something. */
  readonly pointer: string;
  /** What was expected and what was found. */
  readonly message: string;
  /** A suggested fix, such as `did you mean 'maxAttempts'?`. */
  readonly hint?: string | undefined;
  /** Default `error`. */
  readonly severity?: DiagnosticSeverity;
  /** The exact 0-based offset in the text, when the pointer alone cannot place it. */
  readonly offset?: number;
  /** Whether to point at the member's key or (default) at its value. */
  readonly target?: 'key' | 'value';
}

/** A problem placed in a config file: what `resilgen validate` prints, one a line. */
export interface ConfigDiagnostic {
  readonly severity: DiagnosticSeverity;
  readonly code: GeneratorErrorCode;
  /** The file's path as the user gave it. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  /** JSON pointer (RFC 6901) of the offending value; `''` is the whole document. */
  readonly pointer: string;
  readonly message: string;
  readonly hint: string | undefined;
}

/** Where a member of the parsed document starts: its key (for object members) and its value. */
export interface JsonPosition {
  /** 0-based offset of the key's opening quote; `undefined` for array items and the root. */
  readonly keyOffset: number | undefined;
  /** 0-based offset of the value's first character. */
  readonly valueOffset: number;
}

/** Everything needed to turn a {@link ConfigFinding} into a {@link ConfigDiagnostic}. */
export interface FindingPlacer {
  readonly file: string;
  readonly lines: LineIndex;
  /** Positions by JSON pointer; empty when the text did not parse. */
  readonly positions: ReadonlyMap<string, JsonPosition>;
}

/**
 * Places findings in the file, drops exact repeats and sorts them by position, then pointer,
 * code and message, so that the same config always gives the same list.
 */
export function placeFindings(
  findings: readonly ConfigFinding[],
  placer: FindingPlacer,
): ConfigDiagnostic[] {
  const seen = new Set<string>();
  const placed: ConfigDiagnostic[] = [];
  for (const finding of findings) {
    const { line, column } = placer.lines.locate(findOffset(finding, placer.positions));
    const diagnostic: ConfigDiagnostic = {
      severity: finding.severity ?? 'error',
      code: finding.code,
      file: placer.file,
      line,
      column,
      pointer: finding.pointer,
      // Prose for people, also under --json: a key it quotes prints as written, escaped.
      message: escapeControls(finding.message),
      hint: finding.hint === undefined ? undefined : escapeControls(finding.hint),
    };
    const key = JSON.stringify(diagnostic);
    if (!seen.has(key)) {
      seen.add(key);
      placed.push(diagnostic);
    }
  }

  return placed.sort(compareDiagnostics);
}

/** Orders diagnostics by line, column, pointer, code and message. */
export function compareDiagnostics(a: ConfigDiagnostic, b: ConfigDiagnostic): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.pointer, b.pointer) ||
    compareText(a.code, b.code) ||
    compareText(a.message, b.message)
  );
}

/**
 * Formats a diagnostic as one line: `FILE:LINE:COL  /json/pointer  message; hint [CODE]`,
 * with `warning: ` before the message of a warning and `(root)` for the whole document.
 */
export function formatDiagnostic(diagnostic: ConfigDiagnostic): string {
  const place = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
  const pointer = diagnostic.pointer === '' ? '(root)' : diagnostic.pointer;
  const prefix = diagnostic.severity === 'warning' ? 'warning: ' : '';
  const hint = diagnostic.hint === undefined ? '' : `; ${diagnostic.hint}`;

  return escapeControls(
    `${place}  ${pointer}  ${prefix}${diagnostic.message}${hint} [${diagnostic.code}]`,
  );
}

/**
 * A diagnostic is one line, which editors and CI annotations read line by line; a config's
 * keys may hold a line break or another control character (`"c\nd"`), which the pointer and
 * the message quote. Each becomes its JSON escape (`\n`, `\u2028`), tabs included; so do
 * the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which would
 * reorder the line on screen, and U+FEFF.
 */
export function escapeControls(text: string): string {
  let escaped = '';
  for (const character of text) {
    escaped += isControl(character.charCodeAt(0)) ? escapeCharacter(character) : character;
  }

  return escaped;
}

/** C0 and C1 controls, DEL, Unicode's line and paragraph separators, bidi controls, BOM. */
function isControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

function escapeCharacter(character: string): string {
  const json = JSON.stringify(character);

  return json.length === 4
    ? json.slice(1, -1)
    : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function findOffset(finding: ConfigFinding, positions: ReadonlyMap<string, JsonPosition>): number {
  if (finding.offset !== undefined) {
    return finding.offset;
  }

  // A value that is absent (a default, a missing key) is placed at its nearest written parent.
  let pointer = finding.pointer;
  let position = positions.get(pointer);
  const exact = position !== undefined;
  while (position === undefined && pointer !== '') {
    pointer = getParentPointer(pointer);
    position = positions.get(pointer);
  }
  if (position === undefined) {
    return 0;
  }
  const wantsKey = exact && finding.target === 'key';

  return wantsKey ? (position.keyOffset ?? position.valueOffset) : position.valueOffset;
}

function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }

  return a < b ? -1 : 1;
}
