/**
 * What a route URL of a contract server may hold: static segments of a few ASCII characters
 * and `:name` parameters. The server refuses to start with any other URL, and the contract
 * reader (`generator/contract/paths.ts`) checks contract paths with these same rules, so a
 * path the generator accepts is one the server starts with and answers. This module imports
 * nothing, so the generator takes it without any of the runtime.
 */

/**
 * The characters besides ASCII letters and digits that a static segment may hold: RFC 3986's
 * unreserved and sub-delimiter characters and `@`, which fastify routes as they are. Not `%`:
 * fastify decodes a request's percent-escapes before routing, so a route URL holding one
 * never matches the request a client sends for it; not `*`, a wildcard to fastify; not `:`,
 * which starts a parameter.
 */
export const STATIC_SEGMENT_PUNCTUATION = "._~!$&'()+,;=@-";

// `\`, `]`, `^` and `-` mean something inside a character class.
const CHARACTER_CLASS = `[A-Za-z0-9${STATIC_SEGMENT_PUNCTUATION.replace(/[\\\]^-]/g, '\\$&')}]`;

/** One character a static segment may hold. */
export const STATIC_SEGMENT_CHARACTER = new RegExp(`^${CHARACTER_CLASS}$`);

const STATIC_SEGMENT = new RegExp(`^${CHARACTER_CLASS}*$`);

/** The name of a `:name` parameter: an ASCII identifier. */
export const PARAM_NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * Tells whether `segment` (the text between two `/`) is a static segment the server serves:
 * {@link STATIC_SEGMENT_CHARACTER}s only, and neither `.` nor `..`, which clients resolve
 * away before sending (`/a/..` goes out as `/`), so no request would ever reach the route.
 */
export function isStaticSegment(segment: string): boolean {
  return STATIC_SEGMENT.test(segment) && !isDotSegment(segment);
}

/** Tells whether `segment` is `.` or `..`. */
export function isDotSegment(segment: string): boolean {
  return segment === '.' || segment === '..';
}

/**
 * What the path of a monitoring endpoint or of the chaos control routes may be: `/`, then
 * static segments only (see {@link isStaticSegment}); an empty segment, as in a trailing `/`,
 * is allowed. The config schema's `$defs/endpoint` pattern says the same.
 */
export const ENDPOINT_RULE: string =
  "a URL path starting with / of letters, digits and ._~!$&'()+,;=@- (not %, * or :), " +
  'without a . or .. segment';

/** See {@link ENDPOINT_RULE}. */
export function isEndpointPath(path: string): boolean {
  return (
    path.startsWith('/') &&
    path
      .slice(1)
      .split('/')
      .every((segment) => segment === '' || isStaticSegment(segment))
  );
}

/** The paths below the health endpoint that it serves as well: liveness and readiness. */
export const HEALTH_PROBES: readonly string[] = Object.freeze(['live', 'ready']);

/** Joins an endpoint and a sub-path without doubling the slash (`/health` + `live`). */
export function joinPath(endpoint: string, subPath: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${subPath}`;
}

/**
 * The paths a monitoring endpoint answers GET on: its own, and for `health` its probes
 * (`<endpoint>/live`, `<endpoint>/ready`).
 */
export function listEndpointPaths(name: string, endpoint: string): string[] {
  return name === 'health'
    ? [endpoint, ...HEALTH_PROBES.map((probe) => joinPath(endpoint, probe))]
    : [endpoint];
}

/**
 * Tells whether the route URL `url` (static segments and `:name` parameters) answers a
 * request for the static `path`: segment by segment, a parameter takes any non-empty one.
 */
export function routeAnswersPath(url: string, path: string): boolean {
  const routeSegments = url.split('/');
  const pathSegments = path.split('/');

  return (
    routeSegments.length === pathSegments.length &&
    routeSegments.every((segment, index) =>
      segment.startsWith(':') ? pathSegments[index] !== '' : segment === pathSegments[index],
    )
  );
}
