import { RuntimeErrorCodes } from '../error-codes.js';
import { hasBrand, RuntimeError } from '../errors.js';
import type { CallIdentity } from '../errors.js';
import type { ErrorAnswer } from './error-body.js';

const rejectionBrand = Symbol.for('resilgen.RequestRejection');

/**
 * The server refused a request before (or instead of) running its handler: a validation
 * failure, a bad idempotency key, an injected chaos fault. It carries the exact answer to send,
 * so a hook of the user's (`onError`) sees why, and the error handler sends it unchanged.
 */
export class RequestRejection extends RuntimeError {
  readonly [rejectionBrand] = true;
  override readonly name = 'RequestRejection';
  /** The answer the client gets: status, short code, message, details, headers. */
  readonly answer: ErrorAnswer;

  constructor(answer: ErrorAnswer, options: CallIdentity = {}) {
    super(
      RuntimeErrorCodes.REQUEST_REJECTED,
      `request rejected with ${answer.status} ${answer.error}: ${answer.message}`,
      options,
    );
    this.answer = answer;
  }
}

/** Tells whether `value` is a {@link RequestRejection}, by its brand. */
export function isRequestRejection(value: unknown): value is RequestRejection {
  return hasBrand(value, rejectionBrand);
}
