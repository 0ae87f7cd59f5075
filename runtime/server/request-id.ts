import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header that carries a request's id, in and out. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What an incoming id may look like to be kept: 1 to 128 characters of letters, digits and
 * `. _ : -`. That covers UUIDs, ULIDs and trace ids, and keeps log lines and headers free of
 * anything a client could use to forge or break them.
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request: its `X-Request-Id` header when that is sane (see
 * {@link REQUEST_ID_PATTERN}), else a new random UUID. A request with several such headers
 * gets a new one.
 */
export function resolveRequestId(request: Pick<IncomingMessage, 'headers'>): string {
  const incoming = request.headers[REQUEST_ID_HEADER];

  return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming)
    ? incoming
    : randomUUID();
}
