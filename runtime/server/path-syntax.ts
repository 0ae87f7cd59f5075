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

/** What the breaker control below the resilience endpoint does to a breaker. */
export const BREAKER_ACTIONS = Object.freeze(['isolate', 'reset'] as const);

/** The route URL of one breaker control action: `<endpoint>/breakers/:name/<action>`. */
export function breakerControlUrl(endpoint: string, action: string): string {
  return joinPath(endpoint, `breakers/:name/${action}`);
}

/** The route URLs of the breaker control below the resilience endpoint `endpoint`. */
export function listBreakerControlUrls(endpoint: string): string[] {
  return BREAKER_ACTIONS.map((action) => breakerControlUrl(endpoint, action));
}

/**
 * Tells whether two route URLs (static segments and `:name` parameters) answer some request
 * in common: segment by segment, a parameter takes any non-empty segment, a static one only
 * itself. Two such routes of one method either collide in fastify (the same URL) or one of
 * them loses the requests the other's static segments win.
 */
export function routesOverlap(first: string, second: string): boolean {
  const firstSegments = first.split('/');
  const secondSegments = second.split('/');

  return (
    firstSegments.length === secondSegments.length &&
    firstSegments.every((segment, index) => {
      const other = secondSegments[index]!;
      if (segment.startsWith(':')) return other !== '';
      if (other.startsWith(':')) return segment !== '';

      return segment === other;
    })
  );
}
