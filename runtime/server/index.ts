/**
 * The server side of the runtime, which generated `server.ts` files build on: the route table
 * types, `createResilientServer`, the error shape, idempotency and graceful shutdown.
 * docs/server.md describes them.
 */
export { createResilientServer } from './create-server.js';
export { SERVER_DEFAULTS } from './server-options.js';
export type { ResilientServerOptions, ServerSettings } from './server-options.js';
export { describeRoute } from './route.js';
export type {
  RouteProtection,
  RouteRequest,
  RouteSchemas,
  RouteValidators,
  ServerRoute,
} from './route.js';
export { FALLBACK_HEADER, RESERVED_RESPONSE_HEADERS } from './request-context.js';
export type { RequestContext } from './request-context.js';
export {
  buildErrorBody,
  ERROR_BODY_SCHEMA,
  ERROR_DETAILS_MAX_ITEMS,
  ERROR_MESSAGE_MAX_CHARS,
  sendErrorAnswer,
  ServerErrorCodes,
} from './error-body.js';
export type { ErrorAnswer, ErrorBody, ServerErrorCode } from './error-body.js';
export { isRequestRejection, RequestRejection } from './request-rejection.js';
export {
  IDEMPOTENCY_DEFAULTS,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_REPLAYED_HEADER,
} from './idempotency.js';
export type { IdempotencyOptions } from './idempotency.js';
export { REQUEST_ID_HEADER, REQUEST_ID_PATTERN } from './request-id.js';
export { GRACEFUL_SHUTDOWN_DEFAULTS, installGracefulShutdown } from './graceful-shutdown.js';
export type { GracefulShutdown, GracefulShutdownOptions } from './graceful-shutdown.js';
export { isReady, markDraining } from './readiness.js';
