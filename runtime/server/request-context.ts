import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { RuntimeErrorCodes } from '../error-codes.js';
import { RuntimeError } from '../errors.js';
import type { AnswerSource } from '../events.js';
import { AbortError } from '../policy-errors.js';

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

/** What a {@link ServerRequestContext} is built from. */
export interface RequestContextInit {
  readonly requestId: string;
  readonly headers: IncomingHttpHeaders;
  readonly log: FastifyBaseLogger;
  readonly route: string;
  /** The route's profile, named in the {@link AbortError} of a client that left. */
  readonly profile: string;
  /**
   * The response, watched for the client leaving once the handler reads `signal`; without
   * it only {@link ServerRequestContext.abort} aborts the signal.
   */
  readonly response?: ServerResponse;
}

/**
 * The context of one request, and the server's side of it: the server aborts it on timeout,
 * and it aborts itself when the client leaves. Nothing is made before it is needed, since most
 * handlers never read `signal` nor set a header: the `AbortController` (which costs
 * microseconds on Node 20) is made on the first read of `signal`, and only then does the
 * context listen for the client closing the connection; an abort before that read is kept,
 * and the signal is born aborted with its reason. The server reads a disconnect without a
 * listener through {@link isClientGone}.
 */
export class ServerRequestContext implements RequestContext {
  readonly requestId: string;
  readonly headers: Readonly<IncomingHttpHeaders>;
  readonly log: FastifyBaseLogger;
  readonly route: string;
  readonly #profile: string;
  readonly #response: ServerResponse | undefined;
  #controller: AbortController | undefined = undefined;
  #aborted = false;
  #abortReason: unknown = undefined;
  #answerHeaders: Map<string, string> | undefined = undefined;

  constructor(init: RequestContextInit) {
    this.requestId = init.requestId;
    this.headers = init.headers;
    this.log = init.log;
    this.route = init.route;
    this.#profile = init.profile;
    this.#response = init.response;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) {
        this.#controller.abort(this.#abortReason);
      } else {
        this.#watchClient();
      }
    }

    return this.#controller.signal;
  }

  setHeader(name: string, value: string): void {
    this.#writeHeaders().set(checkHeader(name, value, this.route), value);
  }

  reportSource(source: AnswerSource): void {
    if (source === 'network' || source === 'cache') {
      this.#answerHeaders?.delete(FALLBACK_HEADER);
    } else {
      this.#writeHeaders().set(FALLBACK_HEADER, source);
    }
  }

  /** The headers the handler set, names in lower case; `undefined` when it set none. */
  get answerHeaders(): ReadonlyMap<string, string> | undefined {
    return this.#answerHeaders;
  }

  /** Aborts `signal` with `reason` (the server's side); later calls do nothing. */
  abort(reason: unknown): void {
    if (this.#aborted) {
      return;
    }
    this.#aborted = true;
    this.#abortReason = reason;
    this.#controller?.abort(reason);
  }

  #writeHeaders(): Map<string, string> {
    this.#answerHeaders ??= new Map();

    return this.#answerHeaders;
  }

  #watchClient(): void {
    const response = this.#response;
    if (response === undefined) {
      return;
    }
    if (isClientGone(response)) {
      this.#abortClientGone();

      return;
    }
    response.once('close', () => {
      if (!response.writableFinished) {
        this.#abortClientGone();
      }
    });
  }

  #abortClientGone(): void {
    this.abort(
      new AbortError('client disconnected', { route: this.route, profile: this.#profile }),
    );
  }
}

/**
 * True when the client closed the connection before the answer was sent: Node marks a
 * response `destroyed` as it emits its `close`, and `writableFinished` tells an answer sent
 * from one cut short. Reading it needs no `close` listener.
 */
export function isClientGone(response: ServerResponse): boolean {
  return response.destroyed && !response.writableFinished;
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
