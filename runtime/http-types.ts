import type { AxiosInstance } from 'axios';
import type { AnswerSource } from './events.js';
import type { BodyValidator, ReceivedData } from './http-send.js';
import type { QueryParams } from './http-url.js';
import type { ResilienceRegistry } from './registry.js';
import type { RoutePolicy } from './route-policy.js';

/**
 * Options of {@link createResilientHttp}. An option left `undefined` takes its default, so
 * that a caller compiled with `exactOptionalPropertyTypes` may pass its own optional values on.
 */
export interface ResilientHttpOptions {
  /** The upstream's base URL, such as `https://users.internal`. Paths are relative to it. */
  readonly baseURL: string;
  /** The `alternative_service` fallback: the same paths on another base URL. */
  readonly alternativeBaseURL?: string | undefined;
  /** An axios instance to use (axios-retry is attached to it once); default a new one. */
  readonly axios?: AxiosInstance | undefined;
  /** The live policies the calls share (breakers, bulkheads, budgets, cache, events). */
  readonly registry: ResilienceRegistry;
  /** Headers sent with every request (a request's own headers win). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** The upstream's name: breakers are then kept per `profile@service`. Default: per profile. */
  readonly service?: string | undefined;
  /** Makes idempotency keys; default `crypto.randomUUID`. */
  readonly createIdempotencyKey?: (() => string) | undefined;
  /**
   * The largest answer body read, in bytes (an integer ≥ 1); a longer answer fails its call,
   * without a retry, with a {@link ResponseTooLargeError} as soon as the limit is passed (a read
   * may still fall back). Default:
   * the `maxContentLength` of the `axios` instance given, when it sets one, else
   * `RUNTIME_DEFAULTS.http.maxResponseBytes` (10 MiB).
   */
  readonly maxResponseBytes?: number | undefined;
}

/** What a generated method sends. */
export interface RequestSpec {
  /** The path, parameters already encoded (see `encodePathParam`): `/api/users/1`. */
  readonly path: string;
  readonly query?: QueryParams;
  /** The JSON body of a write. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as `Idempotency-Key` on every attempt; makes a POST or PATCH retryable. */
  readonly idempotencyKey?: string;
}

/** What a caller may add to one call. */
export interface RequestOptions<T> {
  /** Aborts the call: the request in flight, a backoff wait, a queue wait. */
  readonly signal?: AbortSignal;
  /** Extra headers for this call (they win over every other header). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The route's declared default, the last fallback of a read. */
  readonly fallbackValue?: () => T;
  /** Checks the decoded body; an answer that fails it is a failure, not a crash. */
  readonly validate?: BodyValidator<T>;
}

/** An answer and where it came from. */
export interface Answer<T> extends ReceivedData<T> {
  /** `network`, or the cache or fallback that served it. */
  readonly source: AnswerSource;
  /** Attempts made on the network (0 when the fresh cache answered). */
  readonly attempts: number;
}

/** A resilient HTTP client: every call goes through its route's policies. */
export interface ResilientHttp {
  readonly registry: ResilienceRegistry;
  /**
   * Sends one call of the route `policy`, outermost first: fresh cache → bulkhead → total
   * timeout → retry → circuit breaker → attempt timeout → HTTP; after a failure, a read falls
   * back (stale cache → alternative service → default, starting with the profile's strategy).
   * A successful write invalidates the cached answers of its resource and its collection.
   *
   * @throws {@link HttpError} for a 4xx (passed through, never retried or replaced), and the
   *   call's failure when no fallback answered: {@link HttpError}, {@link NetworkError},
   *   {@link ResponseValidationError}, {@link ResponseTooLargeError}, {@link TimeoutError},
   *   {@link RetriesExhaustedError}, {@link BrokenCircuitError}, {@link BulkheadRejectedError},
   *   {@link AbortError}.
   */
  request<T>(
    policy: RoutePolicy,
    spec: RequestSpec,
    options?: RequestOptions<T>,
  ): Promise<Answer<T>>;
}
