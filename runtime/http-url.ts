import { RuntimeErrorCodes } from './error-codes.js';
import { RuntimeError } from './errors.js';

/** A value a path parameter or a query parameter may take. */
export type ParamValue = string | number | boolean | bigint;

/** One query parameter: a value, a list (sent as repeated keys), or nothing (left out). */
export type QueryValue = ParamValue | Date | null | undefined | readonly (ParamValue | Date)[];

/** The query of a request, keys in the order they are sent. */
export type QueryParams = Readonly<Record<string, QueryValue>>;

/**
 * Percent-encodes one path parameter, so that whatever it holds stays inside its segment:
 * `/`, `?`, `#`, `%` and the rest are encoded. With relative URLs only (see
 * `createResilientHttp`), an id such as `//evil.example` or `http://169.254.169.254/x` never
 * reaches another host.
 *
 * @throws {@link RuntimeError} `RT_INVALID_ARGUMENT` for a value that no encoding keeps in its
 *   segment: an empty one (`/api/users/:id` would become the collection `/api/users/`), and `.`
 *   or `..` (URL parsers resolve them, and `%2E%2E` too, so `/api/users/..` would be `/api`).
 */
export function encodePathParam(value: ParamValue): string {
  const text = String(value);
  if (text === '' || text === '.' || text === '..') {
    throw new RuntimeError(
      RuntimeErrorCodes.INVALID_ARGUMENT,
      `expected a path parameter that names one resource, received ${JSON.stringify(text)}; ` +
        'pass the id of the resource',
    );
  }

  return encodeURIComponent(text);
}

/**
 * Writes `query` as a query string, without the leading `?`: lists as repeated keys
 * (`ids=1&ids=2`), an empty list and `null`/`undefined` as no key at all, dates in ISO 8601,
 * commas inside a value kept as they are (`tags=a,b` is one value). Returns `''` when nothing
 * is left.
 */
export function serializeQuery(query: QueryParams | undefined): string {
  if (!query) {
    return '';
  }
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) {
      continue;
    }
    const name = encodeQueryText(key);
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(`${name}=${encodeQueryText(formatQueryValue(item as ParamValue | Date))}`);
    }
  }

  return parts.join('&');
}

/** Joins `path` and a serialized `query` into a request path (`/a?b=1`, or `/a`). */
export function joinPathAndQuery(path: string, query: string): string {
  return query === '' ? path : `${path}?${query}`;
}

/**
 * The collection a resource path belongs to: `/api/users/1` → `/api/users`; `/api/users` →
 * `/api`; `/` stays `/`. A trailing slash is ignored.
 */
export function findCollectionPath(path: string): string {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const cut = trimmed.lastIndexOf('/');

  return cut <= 0 ? '/' : trimmed.slice(0, cut);
}

function formatQueryValue(value: ParamValue | Date): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function encodeQueryText(text: string): string {
  // A comma is a sub-delimiter, legal in a query (RFC 3986 §3.4); servers that split lists on
  // commas expect to see it as it is.
  return encodeURIComponent(text).replaceAll('%2C', ',');
}
