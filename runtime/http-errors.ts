import { RuntimeErrorCodes } from './error-codes.js';
import { hasBrand, RuntimeError } from './errors.js';
import type { RuntimeErrorOptions } from './errors.js';
import type { ValidationIssue } from './validation.js';

/** How many characters of a body an error keeps as its preview. */
export const BODY_PREVIEW_CHARS = 200;

/** What the upstream sent back, as an error keeps it. */
export interface ReceivedAnswer {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The `content-type` header, `undefined` when absent. */
  readonly contentType: string | undefined;
  /** The start of the body as text, at most {@link BODY_PREVIEW_CHARS} characters. */
  readonly bodyPreview: string;
}

const httpBrand = Symbol.for('resilgen.HttpError');

/**
 * The upstream answered with a status outside 2xx. A 4xx other than 408 and 429 passes
 * through to the caller as it is: it is never retried, counted or replaced by a fallback.
 */
export class HttpError extends RuntimeError implements ReceivedAnswer {
  readonly [httpBrand] = true;
  override readonly name = 'HttpError';
  readonly status: number;
  /** The decoded body: parsed JSON when it was JSON, else the text. */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string | undefined;
  readonly bodyPreview: string;

  constructor(answer: ReceivedAnswer & { readonly body: unknown }, options: RuntimeErrorOptions) {
    super(
      RuntimeErrorCodes.HTTP_STATUS,
      `expected a 2xx answer, received ${answer.status} (${answer.contentType ?? 'no content type'})` +
        quotePreview(answer.bodyPreview),
      options,
    );
    this.status = answer.status;
    this.body = answer.body;
    this.headers = answer.headers;
    this.contentType = answer.contentType;
    this.bodyPreview = answer.bodyPreview;
  }
}

/** Tells whether `value` is an {@link HttpError}, by its brand. */
export function isHttpError(value: unknown): value is HttpError {
  return hasBrand(value, httpBrand);
}

const networkBrand = Symbol.for('resilgen.NetworkError');

/** The request got no answer: the connection was refused, reset or never made. */
export class NetworkError extends RuntimeError {
  readonly [networkBrand] = true;
  override readonly name = 'NetworkError';
  /** The system's error code, such as `ECONNREFUSED`, or `undefined` when none was given. */
  readonly systemCode: string | undefined;

  constructor(systemCode: string | undefined, detail: string, options: RuntimeErrorOptions) {
    super(
      RuntimeErrorCodes.NETWORK,
      `expected an answer from the upstream, the request failed with ` +
        `${systemCode ?? 'an unknown error'} (${detail}); check that the upstream is reachable`,
      options,
    );
    this.systemCode = systemCode;
  }
}

/** Tells whether `value` is a {@link NetworkError}, by its brand. */
export function isNetworkError(value: unknown): value is NetworkError {
  return hasBrand(value, networkBrand);
}

const invalidBrand = Symbol.for('resilgen.ResponseValidationError');

/**
 * A 2xx answer could not be used: its JSON did not parse (`reason: 'decode'`, such as a
 * truncated body) or it failed the route's `validate` check (`reason: 'validate'`). It is a
 * failure like a 5xx: the breaker counts it and a read may fall back.
 */
export class ResponseValidationError extends RuntimeError implements ReceivedAnswer {
  readonly [invalidBrand] = true;
  override readonly name = 'ResponseValidationError';
  readonly reason: 'decode' | 'validate';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string | undefined;
  readonly bodyPreview: string;
  /**
   * What failed validation, where (a JSON pointer into the body): the first rule broken, as
   * validation stops there. Empty for `decode`, and for a `validate` function that keeps no
   * `errors` (one not made by `compileValidator`).
   */
  readonly issues: readonly ValidationIssue[];

  /** @param issues what failed validation; default none. */
  constructor(
    reason: 'decode' | 'validate',
    answer: ReceivedAnswer,
    options: RuntimeErrorOptions,
    issues: readonly ValidationIssue[] = [],
  ) {
    super(
      RuntimeErrorCodes.RESPONSE_INVALID,
      (reason === 'decode'
        ? `expected a JSON body, could not parse what the upstream sent`
        : `expected a body of the route's declared type, the answer failed validation` +
          describeIssue(issues[0])) +
        ` (status ${answer.status}, ${answer.contentType ?? 'no content type'})` +
        quotePreview(answer.bodyPreview),
      options,
    );
    this.reason = reason;
    this.status = answer.status;
    this.headers = answer.headers;
    this.contentType = answer.contentType;
    this.bodyPreview = answer.bodyPreview;
    this.issues = issues;
  }
}

function describeIssue(issue: ValidationIssue | undefined): string {
  if (issue === undefined) {
    return '';
  }

  return ` at ${issue.path === '' ? 'its top' : issue.path}: ${issue.message}`;
}

/** Tells whether `value` is a {@link ResponseValidationError}, by its brand. */
export function isResponseValidationError(value: unknown): value is ResponseValidationError {
  return hasBrand(value, invalidBrand);
}

const tooLargeBrand = Symbol.for('resilgen.ResponseTooLargeError');

/**
 * An answer's body went past the client's size limit: reading stopped there and the
 * connection was closed. It is a failure like a 5xx (the breaker counts it, a read may fall
 * back) but it is not retried: the same upstream tends to send the same body again, and each
 * attempt would read up to the limit once more.
 */
export class ResponseTooLargeError extends RuntimeError {
  readonly [tooLargeBrand] = true;
  override readonly name = 'ResponseTooLargeError';
  /** The limit that was passed, in bytes (`maxResponseBytes`). */
  readonly limitBytes: number;

  constructor(limitBytes: number, options: RuntimeErrorOptions) {
    super(
      RuntimeErrorCodes.RESPONSE_TOO_LARGE,
      `expected an answer of at most ${limitBytes} bytes, the upstream sent more; raise ` +
        'maxResponseBytes if such answers are expected',
      options,
    );
    this.limitBytes = limitBytes;
  }
}

/** Tells whether `value` is a {@link ResponseTooLargeError}, by its brand. */
export function isResponseTooLargeError(value: unknown): value is ResponseTooLargeError {
  return hasBrand(value, tooLargeBrand);
}

/** Cuts `text` to a one-line preview of at most {@link BODY_PREVIEW_CHARS} characters. */
export function previewBody(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();

  return flat.length > BODY_PREVIEW_CHARS ? `${flat.slice(0, BODY_PREVIEW_CHARS - 1)}…` : flat;
}

function quotePreview(preview: string): string {
  return preview === '' ? '' : `: ${JSON.stringify(preview.slice(0, 80))}`;
}
