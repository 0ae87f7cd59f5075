import { isDocList, type Doc, type GroupDoc } from './doc.js';
import { hasExactWidth } from './text-width.js';

/**
 * Lays a {@link Doc} out in lines of at most `width` columns, deciding each group the way
 * prettier's printer does: a group is flat when it and what follows it up to the next
 * possible line break fit in the rest of the line; a group with states takes the first
 * that fits; a fill puts as many parts on a line as fit. Trailing spaces are trimmed.
 *
 * The command stacks are parallel arrays rather than arrays of objects: a 500-route client
 * pushes millions of commands, and the garbage of one object each cost more than the rest.
 */

const BREAK = 1;
const FLAT = 2;
type Mode = typeof BREAK | typeof FLAT;

/** An indentation: the text a new line starts with, and the deeper ones made from it. */
interface Indentation {
  readonly text: string;
  readonly deeper: Map<number, Indentation>;
}

/** A fill partly printed: its parts from `start` on. */
interface FillRest {
  readonly type: 'fill-rest';
  readonly parts: readonly Doc[];
  readonly start: number;
}

type Command = Exclude<Doc, string | readonly Doc[]> | FillRest;

/** What {@link printDoc} made. */
export interface PrintedDoc {
  readonly text: string;
  /** Why the layout may differ from prettier's; empty when it is prettier's. */
  readonly unsure: readonly string[];
}

const UNSURE_WIDTH = 'the width of text beyond Latin letters';

/**
 * Lays `doc` out within `width` columns. `asWritten` lays it out as the code was written
 * before formatting: every group flat but those broken as written (`brokenAsWritten`).
 */
export function printDoc(doc: Doc, width: number, asWritten = false): PrintedDoc {
  const printer = new Printer(asWritten ? Number.POSITIVE_INFINITY : width, asWritten);
  printer.run(doc);

  return { text: printer.finish(), unsure: [...printer.unsure] };
}

class Printer {
  readonly unsure = new Set<string>();
  readonly #width: number;
  readonly #groupModes = new Map<symbol, Mode>();
  readonly #lines: string[] = [];
  #line = '';
  /** The current line holds text whose width is not certain. */
  #lineInexact = false;
  #position = 0;
  #remeasure = false;
  // The stack of commands still to print, top last.
  readonly #indents: Indentation[] = [];
  readonly #modes: Mode[] = [];
  readonly #docs: Doc[] = [];
  // The scratch stack of `#fits`.
  readonly #fitModes: Mode[] = [];
  readonly #fitDocs: Doc[] = [];

  readonly #asWritten: boolean;

  constructor(width: number, asWritten: boolean) {
    this.#width = width;
    this.#asWritten = asWritten;
  }

  #isBroken(doc: GroupDoc): boolean {
    return this.#asWritten ? doc.brokenAsWritten : doc.broken;
  }

  run(doc: Doc): void {
    const indents = this.#indents;
    const modes = this.#modes;
    const docs = this.#docs;
    this.#push(ROOT, BREAK, doc);
    while (docs.length > 0) {
      const indentation = indents.pop()!;
      const mode = modes.pop()!;
      const next = docs.pop()!;
      if (typeof next === 'string') {
        this.#write(next);
        continue;
      }
      if (isDocList(next)) {
        for (let index = next.length - 1; index >= 0; index--) {
          this.#push(indentation, mode, next[index]!);
        }
        continue;
      }
      this.#runCommand(next as Command, indentation, mode);
    }
  }

  #runCommand(command: Command, indentation: Indentation, mode: Mode): void {
    switch (command.type) {
      case 'group':
        this.#printGroup(command, indentation, mode);
        break;
      case 'indent':
        this.#push(deepen(indentation, 2), mode, command.contents);
        break;
      case 'align':
        this.#push(deepen(indentation, command.width), mode, command.contents);
        break;
      case 'line':
        this.#printLine(command.soft, command.hard, indentation, mode);
        break;
      case 'if-break': {
        const groupMode = command.groupId ? this.#groupModes.get(command.groupId) : mode;
        if (groupMode !== undefined) {
          this.#push(indentation, mode, groupMode === BREAK ? command.broken : command.flat);
        }
        break;
      }
      case 'indent-if-break': {
        const groupMode = this.#groupModes.get(command.groupId);
        if (groupMode !== undefined) {
          const deeper = groupMode === BREAK ? deepen(indentation, 2) : indentation;
          this.#push(deeper, mode, command.contents);
        }
        break;
      }
      case 'fill':
        this.#printFill(command.parts, 0, indentation, mode);
        break;
      case 'fill-rest':
        this.#printFill(command.parts, command.start, indentation, mode);
        break;
      case 'unsure':
        this.unsure.add(command.reason);
        break;
      case 'break-parent':
        break;
    }
  }

  finish(): string {
    this.#lines.push(this.#line);

    return this.#lines.join('\n');
  }

  #push(indentation: Indentation, mode: Mode, doc: Doc): void {
    this.#indents.push(indentation);
    this.#modes.push(mode);
    this.#docs.push(doc);
  }

  #write(text: string): void {
    if (text === '') {
      return;
    }
    this.#line += text;
    this.#position += text.length;
    if (!this.#lineInexact && !hasExactWidth(text)) this.#lineInexact = true;
  }

  #printGroup(doc: GroupDoc, indentation: Indentation, mode: Mode): void {
    let chosenMode: Mode;
    let contents: Doc;
    if (mode === FLAT && !this.#remeasure) {
      chosenMode = this.#isBroken(doc) ? BREAK : FLAT;
      contents = doc.contents;
    } else if (doc.inert && doc.id === undefined) {
      // Prints the same in either mode: no decision to make, only the remeasure to end.
      this.#remeasure = false;
      chosenMode = FLAT;
      contents = doc.contents;
    } else {
      this.#remeasure = false;
      [chosenMode, contents] = this.#chooseLayout(doc);
    }
    this.#push(indentation, chosenMode, contents);
    if (doc.id !== undefined) this.#groupModes.set(doc.id, chosenMode);
  }

  #chooseLayout(doc: GroupDoc): [Mode, Doc] {
    const remaining = this.#remaining();
    const broken = this.#isBroken(doc);
    if (!broken && this.#fits(doc.contents, remaining, true, false)) {
      return [FLAT, doc.contents];
    }
    if (doc.states === undefined) {
      return [BREAK, doc.contents];
    }
    if (!broken) {
      for (let index = 1; index < doc.states.length - 1; index++) {
        if (this.#fits(doc.states[index]!, remaining, true, false)) {
          return [FLAT, doc.states[index]!];
        }
      }
    }
    return [BREAK, doc.states.at(-1)!];
  }

  /** The columns left on the line; deciding on them is unsure after text of unsure width. */
  #remaining(): number {
    if (this.#lineInexact) this.unsure.add(UNSURE_WIDTH);

    return this.#width - this.#position;
  }

  #printLine(soft: boolean, hard: boolean, indentation: Indentation, mode: Mode): void {
    if (mode === FLAT && !hard) {
      if (!soft) this.#write(' ');

      return;
    }
    if (mode === FLAT) this.#remeasure = true;
    this.#lines.push(this.#line.replace(/[ \t]+$/, ''));
    this.#line = indentation.text;
    this.#position = indentation.text.length;
    this.#lineInexact = false;
  }

  /** Prettier's fill: a part flat when it fits, the separator after it broken when the next does not. */
  #printFill(parts: readonly Doc[], start: number, indentation: Indentation, mode: Mode): void {
    const length = parts.length - start;
    if (length === 0) {
      return;
    }
    const remaining = this.#remaining();
    const content = parts[start]!;
    const contentMode = this.#fits(content, remaining, false, true) ? FLAT : BREAK;
    if (length === 1) {
      this.#push(indentation, contentMode, content);

      return;
    }
    const separator = parts[start + 1]!;
    if (length === 2) {
      this.#push(indentation, contentMode, separator);
      this.#push(indentation, contentMode, content);

      return;
    }
    const pairFits = this.#fits([content, separator, parts[start + 2]!], remaining, false, true);
    const rest: FillRest = { type: 'fill-rest', parts, start: start + 2 };
    this.#push(indentation, mode, rest as unknown as Doc);
    this.#push(indentation, pairFits ? FLAT : BREAK, separator);
    this.#push(indentation, contentMode, content);
  }

  /**
   * Tells whether `next`, laid out flat, fits in `remaining` columns, followed (when
   * `withRest`) by the commands still to print, up to the first line break of a broken part.
   */
  #fits(next: Doc, remaining: number, withRest: boolean, mustBeFlat: boolean): boolean {
    if (remaining === Number.POSITIVE_INFINITY) {
      return true;
    }
    const restModes = this.#modes;
    const restDocs = this.#docs;
    let restIndex = withRest ? restDocs.length : 0;
    const modes = this.#fitModes;
    const docs = this.#fitDocs;
    modes.length = 0;
    docs.length = 0;
    modes.push(FLAT);
    docs.push(next);
    let pendingSpace = false;
    let width = remaining;
    while (width >= 0) {
      if (docs.length === 0) {
        if (restIndex === 0) {
          return true;
        }
        restIndex--;
        modes.push(restModes[restIndex]!);
        docs.push(restDocs[restIndex]!);
        continue;
      }
      const mode = modes.pop()!;
      const doc = docs.pop()!;
      if (typeof doc === 'string') {
        if (doc !== '') {
          if (!hasExactWidth(doc)) this.unsure.add(UNSURE_WIDTH);
          width -= (pendingSpace ? 1 : 0) + doc.length;
          pendingSpace = false;
        }
        continue;
      }
      if (isDocList(doc)) {
        for (let index = doc.length - 1; index >= 0; index--) {
          modes.push(mode);
          docs.push(doc[index]!);
        }
        continue;
      }
      const command = doc as Command;
      switch (command.type) {
        case 'fill':
        case 'fill-rest': {
          const start = command.type === 'fill' ? 0 : command.start;
          for (let index = command.parts.length - 1; index >= start; index--) {
            modes.push(mode);
            docs.push(command.parts[index]!);
          }
          break;
        }
        case 'indent':
        case 'align':
        case 'indent-if-break':
          modes.push(mode);
          docs.push(command.contents);
          break;
        case 'group': {
          const broken = this.#isBroken(command);
          if (mustBeFlat && broken) {
            return false;
          }
          const groupMode = broken ? BREAK : mode;
          modes.push(groupMode);
          docs.push(
            command.states !== undefined && groupMode === BREAK
              ? command.states.at(-1)!
              : command.contents,
          );
          break;
        }
        case 'if-break': {
          const groupMode = command.groupId
            ? (this.#groupModes.get(command.groupId) ?? FLAT)
            : mode;
          modes.push(mode);
          docs.push(groupMode === BREAK ? command.broken : command.flat);
          break;
        }
        case 'line':
          if (mode === BREAK || command.hard) {
            return true;
          }
          if (!command.soft) pendingSpace = true;
          break;
        case 'break-parent':
        case 'unsure':
          break;
      }
    }

    return false;
  }
}

const ROOT: Indentation = { text: '', deeper: new Map() };

function deepen(indentation: Indentation, width: number): Indentation {
  let deeper = indentation.deeper.get(width);
  if (deeper === undefined) {
    deeper = { text: indentation.text + ' '.repeat(width), deeper: new Map() };
    indentation.deeper.set(width, deeper);
  }

  return deeper;
}
