import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { RuntimeErrorCodes } from '../error-codes.js';
import { RuntimeError } from '../errors.js';
import type { AnswerSource } from '../events.js';

/** The response header that says an answer came from a fallback. */
export const FALLBACK_HEADER = 'x-resilience-fallback';

/**
 * Headers a handler may not set: the server owns framing, the body's type, the request id and
 * the idempotency replay mark.
 */
export const RESERVED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'content-length',
  'content-type',
  'transfer-encoding',
  'x-request-id',
  'idempotency-replayed',
]);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{0,8192}$/;

/** What a handler receives besides the request's values. */
export interface RequestContext {
  /** The request's id (also the `X-Request-Id` response header); pass it on to upstream calls. */
  readonly requestId: string;
  /**
   * Aborts when the route's timeout passes or the client disconnects; pass it to upstream
   * calls and long work so they stop when nobody waits for the answer any more.
   */
  readonly signal: AbortSignal;
  /** The request's headers, names in lower case. */
  readonly headers: Readonly<IncomingHttpHeaders>;
  /** Fastify's logger bound to this request (silent unless the server was given a logger). */
  readonly log: FastifyBaseLogger;
  /** The route, as `METHOD /path/:param`. */
  readonly route: string;
  /**
   * Sets a header on the success answer (not on an error answer).
   *
   * @throws {@link RuntimeError} `RT_INVALID_HEADER` when the name is reserved (see
   * {@link RESERVED_RESPONSE_HEADERS}) or the name or value is not valid HTTP.
   */
  setHeader(name: string, value: string): void;
  /**
   * Says where the answer came from. A fallback (`stale-cache`, `alternative`, `default`) sets
   * `X-Resilience-Fallback` to it; `network` and `cache` clear it.
   */
  reportSource(source: AnswerSource): void;
}

/** A {@link RequestContext} and the server's side of it. */
export interface RequestContextHandle {
  readonly context: RequestContext;
  /** The headers the handler set, names in lower case. */
  readonly headers: ReadonlyMap<string, string>;
  /** Aborts `context.signal` with `reason`; later calls do nothing. */
  abort(reason: unknown): void;
}

/** What {@link createRequestContext} builds a context from. */
export interface RequestContextInit {
  readonly requestId: string;
  readonly headers: IncomingHttpHeaders;
  readonly log: FastifyBaseLogger;
  readonly route: string;
}

/**
 * Builds the context of one request; the server aborts it on timeout or disconnect. Its
 * `AbortController` is created on the first read of `signal` (creating one costs microseconds
 * on Node 20, and most handlers never read it); an abort before that read is kept, and the
 * signal is born aborted with its reason.
 */
export function createRequestContext(init: RequestContextInit): RequestContextHandle {
  let controller: AbortController | undefined;
  let aborted = false;
  let abortReason: unknown;
  const headers = new Map<string, string>();
  const context: RequestContext = {
    requestId: init.requestId,
    get signal(): AbortSignal {
      if (controller === undefined) {
        controller = new AbortController();
        if (aborted) {
          controller.abort(abortReason);
        }
      }

      return controller.signal;
    },
    headers: init.headers,
    log: init.log,
    route: init.route,
    setHeader(name, value) {
      headers.set(checkHeader(name, value, init.route), value);
    },
    reportSource(source) {
      if (source === 'network' || source === 'cache') {
        headers.delete(FALLBACK_HEADER);
      } else {
        headers.set(FALLBACK_HEADER, source);
      }
    },
  };

  return {
    context,
    headers,
    abort(reason) {
      if (aborted) {
        return;
      }
      aborted = true;
      abortReason = reason;
      controller?.abort(reason);
    },
  };
}

function checkHeader(name: string, value: string, route: string): string {
  const lower = name.toLowerCase();
  if (!HEADER_NAME.test(name) || RESERVED_RESPONSE_HEADERS.has(lower)) {
    throw new RuntimeError(
      RuntimeErrorCodes.INVALID_HEADER,
      `expected a header name that is an HTTP token and not reserved ` +
        `(${[...RESERVED_RESPONSE_HEADERS].join(', ')}), received ${JSON.stringify(name)}`,
      { route },
    );
  }
  if (!HEADER_VALUE.test(value)) {
    throw new RuntimeError(
      RuntimeErrorCodes.INVALID_HEADER,
      `expected the value of header '${lower}' to hold no line breaks or control characters ` +
        'and at most 8192 characters',
      { route },
    );
  }

  return lower;
}
