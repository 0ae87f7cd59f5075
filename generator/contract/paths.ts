/**
 * Path templates such as `/api/users/:id`: parsing, checking and joining. Pure functions;
 * the reader reports the problems at the path's string literal.
 */
import {
  isDotSegment,
  PARAM_NAME,
  STATIC_SEGMENT_CHARACTER,
  STATIC_SEGMENT_PUNCTUATION,
} from '../../runtime/server/path-syntax.js';

/** One segment of a path template. */
export type PathSegment =
  | { readonly kind: 'static'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string };

/** A problem with a path template, reported by the reader as RG_CONTRACT_PATH_MALFORMED. */
export interface PathProblem {
  readonly message: string;
  readonly hint?: string;
}

/** A parsed path template and what is wrong with it, if anything. */
export interface ParsedPath {
  /** The segments, empty ones (from `//` or a trailing `/`) dropped. */
  readonly segments: readonly PathSegment[];
  readonly problems: readonly PathProblem[];
}

/** What a static segment may hold, in words. */
const ALLOWED_TEXT = `ASCII letters, digits and ${STATIC_SEGMENT_PUNCTUATION.split('').join(' ')}`;

// Characters whose problem is reported on its own: `:` in a segment, `%`, and those the
// whole template may not hold.
const OWN_PROBLEM_CHARACTER = /[:%?#\s\p{Cc}]/u;

/** Parameter names that would be read as the request's other parts. */
const RESERVED_PARAM_NAMES: ReadonlySet<string> = new Set(['body', 'query', 'headers']);

// Whitespace (U+2028 and U+2029 included) and control characters have no place in a path.
const UNSAFE_CHARACTER = /[\s\p{Cc}]/u;

/**
 * Parses a path template: it starts with `/`; a segment `:name` is a parameter whose name
 * is an ASCII identifier (and none of `body`, `query`, `headers`), used once; other
 * segments are literal text of the characters the generated server serves
 * (`runtime/server/path-syntax.ts`), neither `.` nor `..`; `?`, `#`, whitespace and control
 * characters are not allowed anywhere. Empty segments are dropped, which normalizes `//`
 * and a trailing `/`. Every problem found is listed.
 */
export function parsePathTemplate(template: string): ParsedPath {
  const problems: PathProblem[] = [];
  if (!template.startsWith('/')) {
    problems.push({
      message: `a path must start with '/', received '${template}'`,
      hint: `write '/${template}'`,
    });
  }
  if (template.includes('?') || template.includes('#')) {
    problems.push({
      message: `a path may not contain '?' or '#', received '${template}'`,
      hint: 'declare query parameters with a `query` parameter of an object type',
    });
  }
  if (UNSAFE_CHARACTER.test(template)) {
    problems.push({
      message: `a path may not contain whitespace or control characters, received ${JSON.stringify(template)}`,
    });
  }
  const segments: PathSegment[] = [];
  const seen = new Set<string>();
  for (const text of template.split('/')) {
    if (text === '') continue;

    const segment = readSegment(text, problems);
    if (segment.kind === 'param') {
      if (seen.has(segment.name)) {
        problems.push({
          message: `the path parameter ':${segment.name}' appears twice`,
          hint: 'rename one',
        });
      }
      seen.add(segment.name);
    }
    segments.push(segment);
  }

  return { segments, problems };
}

function readSegment(text: string, problems: PathProblem[]): PathSegment {
  if (!text.startsWith(':')) {
    if (text.includes(':')) {
      problems.push({
        message: `':' may only start a segment, as in '/:id', received '${text}'`,
        hint: 'put the parameter in a segment of its own',
      });
    }
    checkStaticText(text, problems);

    return { kind: 'static', text };
  }
  const name = text.slice(1);
  if (!PARAM_NAME.test(name)) {
    problems.push({
      message: `a path parameter's name must be an identifier, received ':${name}'`,
      hint: 'use letters, digits, _ and $, not starting with a digit',
    });
  } else if (RESERVED_PARAM_NAMES.has(name)) {
    problems.push({
      message: `':${name}' cannot name a path parameter: a parameter called '${name}' is the request's ${name}`,
      hint: 'rename the path parameter',
    });
  }

  return { kind: 'param', name };
}

// The server refuses to start with a route URL it cannot serve (path-syntax.ts), so the
// reader refuses the same paths, and two it would start with but never match.
function checkStaticText(text: string, problems: PathProblem[]): void {
  if (isDotSegment(text)) {
    problems.push({
      message:
        `a path segment may not be '${text}': clients resolve '.' and '..' away ` +
        `before sending a request ('/a/..' goes out as '/'), so none would reach the route`,
      hint: 'remove the segment',
    });

    return;
  }
  if (text.includes('%')) {
    problems.push({
      message:
        `a path may not hold '%', received '${text}': the server decodes a request's ` +
        'percent-escapes before routing, so a route written with one never matches',
      hint: `write the character itself, if a path may hold it (${ALLOWED_TEXT})`,
    });
  }
  const refused = [...new Set(text)].filter(
    (character) =>
      !STATIC_SEGMENT_CHARACTER.test(character) && !OWN_PROBLEM_CHARACTER.test(character),
  );
  if (refused.length > 0) {
    const quoted = refused.map((character) => `'${character}'`).join(', ');
    problems.push({
      message: `a path segment may hold only ${ALLOWED_TEXT}, received ${quoted} in '${text}'`,
      hint:
        `remove ${refused.length === 1 ? 'it' : 'them'}: the generated server would ` +
        'refuse to start with such a path',
    });
  }
}

/** Writes segments back as a template: `/` and the segments joined by `/`, or `/` alone. */
export function formatPathTemplate(segments: readonly PathSegment[]): string {
  return `/${segments.map((segment) => (segment.kind === 'param' ? `:${segment.name}` : segment.text)).join('/')}`;
}

/**
 * Writes the shape two routes collide on: parameters lose their names, so that `/:id` and
 * `/:userId` have the same shape `/:`.
 */
export function formatPathShape(segments: readonly PathSegment[]): string {
  return formatPathTemplate(
    segments.map((segment) => (segment.kind === 'param' ? { kind: 'param', name: '' } : segment)),
  );
}

/** Lists the parameter names of `segments` in order. */
export function listPathParams(segments: readonly PathSegment[]): string[] {
  return segments.flatMap((segment) => (segment.kind === 'param' ? [segment.name] : []));
}
