import type { Answer, RequestOptions, RequestSpec, ResilientHttp } from './http-client.js';
import type { BodyValidator } from './http-send.js';
import type { RoutePolicy } from './route-policy.js';

/** What a caller may pass to one method of a generated client. */
export interface CallOptions {
  /** Aborts the call: the request in flight, a backoff wait, a queue wait. */
  readonly signal?: AbortSignal;
  /** Extra headers for this call; they win over the client's headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The `Idempotency-Key` of an `@Idempotent` write, the same on every attempt. Default: a new
   * random key per call. Pass your own to make a repeat of the call (after a crash, say) safe.
   */
  readonly idempotencyKey?: string;
}

/**
 * The promise a generated client method returns. Awaiting it gives the answer's data;
 * {@link ApiPromise.withAnswer} gives the whole {@link Answer}: data, status, headers, and
 * where the answer came from (`network`, `cache`, `stale-cache`, `alternative`, `default`).
 */
export class ApiPromise<T> implements Promise<T> {
  readonly #answer: Promise<Answer<T>>;
  #data: Promise<T> | undefined;

  constructor(answer: Promise<Answer<T>>) {
    this.#answer = answer;
  }

  /** Makes an ApiPromise assignable wherever a `Promise<T>` is expected. */
  get [Symbol.toStringTag](): string {
    return 'ApiPromise';
  }

  /** The whole answer, with its source and the attempts it took. */
  withAnswer(): Promise<Answer<T>> {
    return this.#answer;
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#readData().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#readData().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#readData().finally(onFinally);
  }

  #readData(): Promise<T> {
    this.#data ??= this.#answer.then((answer) => answer.data);

    return this.#data;
  }
}

/** What a generated method adds to a call besides the caller's options. */
export interface RouteExtras<T> {
  /** Checks the answer's body against the route's response schema. */
  readonly validate?: BodyValidator<T>;
  /** The route's `@FallbackValue`, the last fallback of a read. */
  readonly fallbackValue?: () => T;
}

/**
 * Runs one call of a generated client's route: the glue between a generated method and
 * {@link ResilientHttp.request}, kept here so generated methods stay one statement long.
 */
export function callRoute<T>(
  http: ResilientHttp,
  policy: RoutePolicy,
  spec: RequestSpec,
  options: CallOptions,
  extras: RouteExtras<T> = {},
): ApiPromise<T> {
  const request: RequestOptions<T> = {
    signal: options.signal,
    headers: options.headers,
    validate: extras.validate,
    fallbackValue: extras.fallbackValue,
  };
  const withKey =
    options.idempotencyKey === undefined
      ? spec
      : { ...spec, idempotencyKey: options.idempotencyKey };

  return new ApiPromise(http.request(policy, withKey, request));
}
