/**
 * resilgen's runtime: the policies every generated client and server builds on, and the
 * decorators of a contract. Import it as `resilgen/runtime`.
 */
export * from './decorators.js';
export * from './validation.js';
export * from './server/index.js';
export * from './chaos/index.js';

// -- resilience core: policies, pipeline, HTTP client --
export { systemClock } from './clock.js';
export type { Clock, TimerOptions } from './clock.js';
export { FakeClock } from './fake-clock.js';
export type { PendingSleep } from './fake-clock.js';
export type * from './events.js';
export type * from './snapshot.js';
export { RuntimeErrorCodes } from './error-codes.js';
export type { RuntimeErrorCode } from './error-codes.js';
export { isRuntimeError, RuntimeError } from './errors.js';
export type { CallIdentity, RuntimeErrorOptions } from './errors.js';
export {
  HttpError,
  isHttpError,
  isNetworkError,
  isResponseTooLargeError,
  isResponseValidationError,
  NetworkError,
  ResponseTooLargeError,
  ResponseValidationError,
} from './http-errors.js';
export type { ReceivedAnswer } from './http-errors.js';
export {
  AbortError,
  BrokenCircuitError,
  BulkheadRejectedError,
  isAbortError,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  isRetriesExhaustedError,
  isTimeoutError,
  RetriesExhaustedError,
  TimeoutError,
} from './policy-errors.js';
export { classifyFailure, isFailureStatus } from './classify.js';
export type { Verdict } from './classify.js';
export { computeBackoffDelay } from './backoff/delay.js';
export type { BackoffKind, BackoffOptions } from './backoff/delay.js';
export type { JitterKind } from './backoff/jitter.js';
export { parseRetryAfter } from './retry-after.js';
export { CircuitBreaker, REJECTED } from './circuit-breaker.js';
export type { CallOutcome } from './circuit-breaker.js';
export { Bulkhead } from './bulkhead.js';
export { RetryBudget } from './retry-budget.js';
export { ResponseCache } from './cache.js';
export type { CacheEntry, ResponseCacheOptions } from './cache.js';
export { EventHub } from './emitter.js';
export { RUNTIME_DEFAULTS } from './defaults.js';
export type * from './route-policy.js';
export { defineRoutePolicy, resolveRoutePolicy } from './resolve-policy.js';
export type { FallbackSource, ResolvedBreaker, ResolvedRoute } from './resolve-policy.js';
export { ResilienceRegistry } from './registry.js';
export type { RegistryOptions } from './registry.js';
export type { ExecuteOptions } from './pipeline.js';
export type { AttemptContext, AttemptFn } from './retry.js';
export { createResilientHttp } from './http-client.js';
export type {
  Answer,
  RequestOptions,
  RequestSpec,
  ResilientHttp,
  ResilientHttpOptions,
} from './http-types.js';
export type { BodyValidator, ReceivedData } from './http-send.js';
export { encodePathParam, serializeQuery } from './http-url.js';
export type { ParamValue, QueryParams, QueryValue } from './http-url.js';

// -- metrics and monitoring endpoints --
export * from './metrics.js';
export * from './metrics-options.js';
export * from './metrics-prometheus.js';
export * from './monitoring.js';
export * from './monitoring-options.js';
export * from './monitoring-metrics-body.js';
export * from './monitoring-resilience-body.js';
export * from './monitoring-health.js';

// -- what generated code calls --
export { ApiPromise, callRoute } from './api-promise.js';
export type { CallOptions, RouteExtras } from './api-promise.js';
export { createContractServer } from './contract-server.js';
export type {
  ContractServerDefaults,
  ContractServerOptions,
  MonitoredClient,
} from './contract-server.js';
export { forwardCallOptions } from './gateway.js';
