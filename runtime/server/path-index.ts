/**
 * Knows which methods each registered path answers, so that a request fastify could not route
 * gets 405 with an `Allow` header when its path exists with other methods, and 404 otherwise.
 * Fastify routes by method first and has no public "methods of this path" lookup.
 */
import { isStaticSegment, PARAM_NAME } from './path-syntax.js';

/** The order methods are listed in an `Allow` header. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Compiles a route pattern into a regular expression over a request path, or returns
 * `undefined` when the pattern uses something beyond static segments, `:name` parameters and a
 * final `*` (a regular-expression parameter, two parameters in one segment, a character that
 * a static segment may not hold: see `path-syntax.ts`).
 */
export function compilePathPattern(url: string): RegExp | undefined {
  if (!url.startsWith('/')) {
    return undefined;
  }
  const segments = url.slice(1).split('/');
  const parts: string[] = [];
  for (const [at, segment] of segments.entries()) {
    if (segment === '*' && at === segments.length - 1) {
      parts.push('.*');
    } else if (segment.startsWith(':') && PARAM_NAME.test(segment.slice(1))) {
      parts.push('[^/]+');
    } else if (isStaticSegment(segment)) {
      parts.push(segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    } else {
      return undefined;
    }
  }

  return new RegExp(`^/${parts.join('/')}$`);
}

/** Which methods the registered routes answer on a path. */
export class PathIndex {
  readonly #entries = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  /**
   * Records that `url` answers `methods`. A pattern {@link compilePathPattern} does not
   * understand is left out, so its path gets 404 rather than 405 for a wrong method.
   */
  add(methods: string | readonly string[], url: string): void {
    let entry = this.#entries.get(url);
    if (entry === undefined) {
      const pattern = compilePathPattern(url);
      if (pattern === undefined) {
        return;
      }
      entry = { pattern, methods: new Set() };
      this.#entries.set(url, entry);
    }
    for (const method of typeof methods === 'string' ? [methods] : methods) {
      entry.methods.add(method.toUpperCase());
    }
  }

  /**
   * The methods some route answers on `path` (a request URL; its query is ignored), in the
   * order of an `Allow` header; `HEAD` comes with `GET`. Empty when no route has the path.
   */
  listMethods(path: string): string[] {
    const bare = path.split('?', 1)[0] ?? '';
    const found = new Set<string>();
    for (const { pattern, methods } of this.#entries.values()) {
      if (pattern.test(bare)) {
        methods.forEach((method) => found.add(method));
      }
    }
    if (found.has('GET')) {
      found.add('HEAD');
    }

    return [...found].sort((a, b) => rankMethod(a) - rankMethod(b) || a.localeCompare(b));
  }
}

function rankMethod(method: string): number {
  const at = METHOD_ORDER.indexOf(method);

  return at < 0 ? METHOD_ORDER.length : at;
}
