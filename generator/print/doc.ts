/**
 * The layout document the code printer builds and {@link printDoc} lays out: text, and
 * places where a line may break, grouped so that a group is printed flat when it fits in
 * the rest of the line and broken otherwise. It is the model prettier's printer works on
 * (Wadler's "prettier printer"), so code printed through it takes the layout prettier would
 * give the same code.
 */

/** A piece of layout: text, a list printed one after the other, or a command. */
export type Doc = string | readonly Doc[] | DocCommand;

/** A group: printed flat when it fits, else broken; `states` are tried in turn. */
export interface GroupDoc {
  readonly type: 'group';
  readonly contents: Doc;
  /** Broken whatever the width: asked for, or holding a forced line break. */
  readonly broken: boolean;
  /**
   * Broken in the code as written before formatting: a bracket the code model expands, or a
   * hard line; not the breaks prettier's own rules add (see {@link GroupOptions}).
   */
  readonly brokenAsWritten: boolean;
  /**
   * Holds nothing whose print depends on the group's mode (no line, no nested group): the
   * printer need not decide it, only mark the place where prettier would have.
   */
  readonly inert: boolean;
  readonly id: symbol | undefined;
  /** Alternative layouts, least broken first; `contents` is the first. */
  readonly states: readonly Doc[] | undefined;
}

/** The commands of a {@link Doc}. */
export type DocCommand =
  | GroupDoc
  | { readonly type: 'indent'; readonly contents: Doc }
  | { readonly type: 'align'; readonly width: number; readonly contents: Doc }
  | { readonly type: 'line'; readonly soft: boolean; readonly hard: boolean }
  | {
      readonly type: 'if-break';
      readonly broken: Doc;
      readonly flat: Doc;
      readonly groupId: symbol | undefined;
    }
  | { readonly type: 'indent-if-break'; readonly contents: Doc; readonly groupId: symbol }
  | { readonly type: 'fill'; readonly parts: readonly Doc[] }
  | { readonly type: 'break-parent' }
  | { readonly type: 'unsure'; readonly reason: string };

/** A space when its group is flat, a line break when it is broken. */
export const line: Doc = Object.freeze({ type: 'line', soft: false, hard: false });

/** Nothing when its group is flat, a line break when it is broken. */
export const softline: Doc = Object.freeze({ type: 'line', soft: true, hard: false });

/** Breaks the enclosing groups. */
export const breakParent: Doc = Object.freeze({ type: 'break-parent' });

/** A line break in any case; it breaks every group around it. */
export const hardline: Doc = Object.freeze([
  Object.freeze({ type: 'line', soft: false, hard: true }),
  breakParent,
]);

/** Options of {@link group}. */
export interface GroupOptions {
  /** Broken by one of prettier's rules (an interface body, an array of objects). */
  readonly shouldBreak?: boolean;
  /**
   * Broken because the code is written with a line break after its opening bracket, which
   * prettier keeps (an object the code model marks `expanded`).
   */
  readonly isExpanded?: boolean;
  readonly id?: symbol;
}

/**
 * A group of `contents`. It is broken from the start when asked to, or when it holds a hard
 * line or a broken group outside of any group with alternative states (those decide for
 * themselves), as prettier propagates breaks before printing.
 */
export function group(contents: Doc, options: GroupOptions = {}): GroupDoc {
  // A group around a lone plain group decides as that group does, at the same place and
  // with the same rest: one decision (one `fits`) instead of two.
  if (
    isPlainGroup(contents) &&
    options.id === undefined &&
    options.shouldBreak !== true &&
    options.isExpanded !== true
  ) {
    return contents;
  }
  const found = scan(contents);
  const brokenAsWritten = options.isExpanded === true || (found & BREAKS_AS_WRITTEN) !== 0;
  const broken = brokenAsWritten || options.shouldBreak === true || (found & BREAKS) !== 0;

  return {
    type: 'group',
    contents,
    broken,
    brokenAsWritten,
    inert: (found & MAY_BREAK) === 0,
    id: options.id,
    states: undefined,
  };
}

/** What {@link scan} finds: a forced break (by any reason, or as written), a possible one. */
const BREAKS = 1;
const BREAKS_AS_WRITTEN = 2;
const MAY_BREAK = 4;

/**
 * Finds the forced breaks that reach the group around `doc` (not those inside a nested
 * group, which passes on its own; a group with states passes none), and whether `doc`
 * holds a line or anything that prints differently in a broken group.
 */
function scan(doc: Doc): number {
  if (typeof doc === 'string') {
    return 0;
  }
  if (isDocList(doc)) {
    let found = 0;
    for (const part of doc) found |= scan(part);

    return found;
  }
  switch (doc.type) {
    case 'group':
      if (doc.states !== undefined) {
        return MAY_BREAK;
      }

      return MAY_BREAK | (doc.broken ? BREAKS : 0) | (doc.brokenAsWritten ? BREAKS_AS_WRITTEN : 0);
    case 'break-parent':
      return BREAKS | BREAKS_AS_WRITTEN;
    case 'indent':
    case 'align':
      return scan(doc.contents);
    case 'indent-if-break':
      return MAY_BREAK | scan(doc.contents);
    case 'if-break':
      return MAY_BREAK | scan(doc.broken) | scan(doc.flat);
    case 'fill': {
      let found = MAY_BREAK;
      for (const part of doc.parts) found |= scan(part);

      return found;
    }
    case 'line':
      return MAY_BREAK;
    case 'unsure':
      return 0;
  }
}

/**
 * A group that tries `states` in turn: the first when it fits flat, else the first of the
 * others that fits up to its first line break, else the last, broken.
 */
export function conditionalGroup(states: readonly Doc[]): GroupDoc {
  return {
    type: 'group',
    contents: states[0]!,
    broken: false,
    brokenAsWritten: false,
    inert: false,
    id: undefined,
    states,
  };
}

/** `contents` one indentation level deeper after each line break. */
export function indent(contents: Doc): Doc {
  return { type: 'indent', contents };
}

/** `contents` indented by `width` more spaces after each line break. */
export function align(width: number, contents: Doc): Doc {
  return { type: 'align', width, contents };
}

/** `broken` when the enclosing group (or the group `groupId`) is broken, else `flat`. */
export function ifBreak(broken: Doc, flat: Doc = '', groupId?: symbol): Doc {
  return { type: 'if-break', broken, flat, groupId };
}

/** `contents`, indented when the group `groupId` is broken. */
export function indentIfBreak(contents: Doc, groupId: symbol): Doc {
  return { type: 'indent-if-break', contents, groupId };
}

/**
 * Content and separators alternating (`[a, line, b, line, c]`): as many contents a line as
 * fit, like words in a paragraph.
 */
export function fill(parts: readonly Doc[]): Doc {
  return { type: 'fill', parts };
}

/**
 * A place where the printer does not know prettier's layout: printing it marks the output
 * unsure, and the caller formats that file with prettier instead.
 */
export function unsure(reason: string): Doc {
  return { type: 'unsure', reason };
}

/** `docs` with `separator` between each two. */
export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  const joined: Doc[] = [];
  docs.forEach((doc, index) => {
    if (index > 0) joined.push(separator);
    joined.push(doc);
  });

  return joined;
}

/**
 * Tells whether `doc` holds a part that `matches`, looking into a group with states only
 * through its first state (as prettier's `findInDoc` does).
 */
function findInDoc(doc: Doc, matches: (part: DocCommand) => boolean): boolean {
  if (typeof doc === 'string') {
    return false;
  }
  if (isDocList(doc)) {
    return doc.some((part) => findInDoc(part, matches));
  }
  if (matches(doc)) {
    return true;
  }
  switch (doc.type) {
    case 'group':
    case 'indent':
    case 'align':
    case 'indent-if-break':
      return findInDoc(doc.contents, matches);
    case 'if-break':
      return findInDoc(doc.broken, matches) || findInDoc(doc.flat, matches);
    case 'fill':
      return doc.parts.some((part) => findInDoc(part, matches));
    case 'line':
    case 'break-parent':
    case 'unsure':
      return false;
  }
}

/** Tells whether `doc` breaks whatever the width: a hard line, or a group asked to break. */
export function willBreak(doc: Doc): boolean {
  return findInDoc(
    doc,
    (part) =>
      (part.type === 'group' && part.broken) ||
      (part.type === 'line' && part.hard) ||
      part.type === 'break-parent',
  );
}

/** Tells whether `doc` holds a place where a line may break. */
export function canBreak(doc: Doc): boolean {
  return findInDoc(doc, (part) => part.type === 'line');
}

function isPlainGroup(doc: Doc): doc is GroupDoc {
  return (
    typeof doc === 'object' &&
    !isDocList(doc) &&
    doc.type === 'group' &&
    doc.id === undefined &&
    doc.states === undefined
  );
}

/** Tells a list of docs from a single one. */
export function isDocList(doc: Doc): doc is readonly Doc[] {
  return Array.isArray(doc);
}
