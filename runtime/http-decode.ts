import { isAxiosError } from 'axios';
import type { CallIdentity } from './errors.js';
import { HttpError, NetworkError, previewBody, ResponseTooLargeError } from './http-errors.js';
import type { ReceivedAnswer } from './http-errors.js';

const JSON_TYPE = /[/+]json\b/i;

/** A decoded body, or the mark that it could not be decoded. */
export type Decoded = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/**
 * Decodes a body received as text: JSON when the content type says so (`application/json`,
 * `application/problem+json`, ...), the text itself otherwise, `undefined` when empty.
 * Returns `{ ok: false }` for JSON that does not parse (such as a truncated body), never throws.
 */
export function decodeBody(text: string, contentType: string | undefined): Decoded {
  if (text === '') {
    return { ok: true, value: undefined };
  }
  if (contentType === undefined || !JSON_TYPE.test(contentType)) {
    return { ok: true, value: text };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Header names in lower case, several values of one header joined with `, `. */
export function readHeaders(raw: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) {
    return headers;
  }
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined && value !== null) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }

  return headers;
}

/** What an answer looks like to an error: status, headers, content type, a body preview. */
export function describeAnswer(
  status: number,
  headers: Record<string, string>,
  text: string,
): ReceivedAnswer {
  return {
    status,
    headers,
    contentType: headers['content-type'],
    bodyPreview: previewBody(text),
  };
}

/**
 * Turns an axios error into this runtime's error: an {@link HttpError} when an answer came
 * (an HTML 502 page included: its text is the body), a {@link ResponseTooLargeError} when its
 * body went past the request's `maxContentLength`, a {@link NetworkError} when none came.
 * A 2xx whose body broke off (the connection reset half-way through it) is no answer either:
 * a {@link NetworkError}, so it is retried and counted like any lost connection rather than
 * passed through as an `HttpError` with status 200. Anything else is returned unchanged. The
 * axios error itself is not kept as `cause`: it holds the request's config, credentials
 * included, which must not reach a log. A network error keeps the system error beneath it
 * instead.
 */
export function translateAxiosError(error: unknown, identity: CallIdentity): unknown {
  if (!isAxiosError(error)) {
    return error;
  }
  const response = error.response;
  // axios reports a body past maxContentLength as ERR_BAD_RESPONSE without a response (a
  // body cut by a reset comes with its response).
  const limit = error.config?.maxContentLength;
  if (!response && error.code === 'ERR_BAD_RESPONSE' && typeof limit === 'number' && limit > -1) {
    return new ResponseTooLargeError(limit, identity);
  }
  if (!response || (response.status >= 200 && response.status < 300)) {
    return new NetworkError(error.code, error.message, { ...identity, cause: error.cause });
  }
  const text = typeof response.data === 'string' ? response.data : '';
  const headers = readHeaders(response.headers);
  const answer = describeAnswer(response.status, headers, text);
  const decoded = decodeBody(text, answer.contentType);

  return new HttpError({ ...answer, body: decoded.ok ? decoded.value : text }, identity);
}
