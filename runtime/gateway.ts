import type { CallOptions } from './api-promise.js';
import type { RequestContext } from './server/request-context.js';

/**
 * The options a gateway's handler gives the upstream call of one request: the request's
 * abort signal (so the upstream call stops when the route times out or the caller goes away),
 * its request id, and its `Idempotency-Key`, so the upstream sees the same key the caller sent.
 */
export function forwardCallOptions(context: RequestContext): CallOptions {
  const key = context.headers['idempotency-key'];

  return {
    signal: context.signal,
    headers: { 'x-request-id': context.requestId },
    ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
  };
}
