import { createHash, randomUUID } from 'node:crypto';
import axios from 'axios';
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { CallRun } from './call-run.js';
import type { RouteRuntime } from './call-run.js';
import { classifyFailure } from './classify.js';
import type { AnswerSource } from './events.js';
import { serveFallback } from './fallback.js';
import type { FallbackProviders } from './fallback.js';
import { attachRetries, readAnswer, sendWithRetries } from './http-send.js';
import type { BodyValidator, ReceivedData } from './http-send.js';
import { findCollectionPath, joinPathAndQuery, serializeQuery } from './http-url.js';
import type { QueryParams } from './http-url.js';
import { reportCall, runGuarded } from './pipeline.js';
import type { ResilienceRegistry } from './registry.js';
import type { RoutePolicy } from './route-policy.js';
import { TimeScope } from './timeout.js';

/** Options of {@link createResilientHttp}. */
export interface ResilientHttpOptions {
  /** The upstream's base URL, such as `https://users.internal`. Paths are relative to it. */
  readonly baseURL: string;
  /** The `alternative_service` fallback: the same paths on another base URL. */
  readonly alternativeBaseURL?: string;
  /** An axios instance to use (axios-retry is attached to it once); default a new one. */
  readonly axios?: AxiosInstance;
  /** The live policies the calls share (breakers, bulkheads, budgets, cache, events). */
  readonly registry: ResilienceRegistry;
  /** Headers sent with every request (a request's own headers win). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The upstream's name: breakers are then kept per `profile@service`. Default: per profile. */
  readonly service?: string;
  /** Makes idempotency keys; default `crypto.randomUUID`. */
  readonly createIdempotencyKey?: () => string;
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
   *   {@link ResponseValidationError}, {@link TimeoutError}, {@link RetriesExhaustedError},
   *   {@link BrokenCircuitError}, {@link BulkheadRejectedError}, {@link AbortError}.
   */
  request<T>(
    policy: RoutePolicy,
    spec: RequestSpec,
    options?: RequestOptions<T>,
  ): Promise<Answer<T>>;
}

/**
 * Builds the client generated code calls. Requests use relative URLs only (axios
 * `allowAbsoluteUrls: false`), so no path, whatever a parameter holds, reaches another host.
 */
export function createResilientHttp(options: ResilientHttpOptions): ResilientHttp {
  const instance = options.axios ?? axios.create();
  attachRetries(instance);
  const client = new HttpClient(options, instance);

  return {
    registry: options.registry,
    request: (policy, spec, opts) => client.send(policy, spec, opts),
  };
}

interface Call<T> {
  readonly route: RouteRuntime;
  readonly spec: RequestSpec;
  readonly options: RequestOptions<T>;
  readonly target: string;
  readonly headers: Record<string, string>;
  readonly cacheKey: string;
}

class HttpClient {
  readonly #options: ResilientHttpOptions;
  readonly #axios: AxiosInstance;
  readonly #createKey: () => string;

  constructor(options: ResilientHttpOptions, instance: AxiosInstance) {
    this.#options = options;
    this.#axios = instance;
    this.#createKey = options.createIdempotencyKey ?? randomUUID;
  }

  async send<T>(
    policy: RoutePolicy,
    spec: RequestSpec,
    options: RequestOptions<T> = {},
  ): Promise<Answer<T>> {
    const route = this.#options.registry.runtimeFor(policy, this.#options.service);
    const call = this.#prepare(route, spec, options);
    const cached = this.#readFresh(call);
    if (cached) {
      return cached;
    }
    const run = new CallRun(
      route,
      options.signal,
      route.settings.repeatable || 'idempotency-key' in call.headers,
    );
    let failure: unknown;
    try {
      const received = await runGuarded(run, () =>
        sendWithRetries(
          run,
          this.#axios,
          this.#buildConfig(call, this.#options.baseURL),
          options.validate,
        ),
      );
      this.#remember(call, received);
      reportCall(route, run, 'network', 'success');

      return { ...received, source: 'network', attempts: run.attempts };
    } catch (error) {
      failure = error;
    } finally {
      run.dispose();
    }

    return this.#fallBack(call, run, failure);
  }

  #prepare<T>(route: RouteRuntime, spec: RequestSpec, options: RequestOptions<T>): Call<T> {
    const { settings } = route;
    const key =
      spec.idempotencyKey ??
      (settings.idempotent && !settings.repeatable ? this.#createKey() : undefined);
    const headers = mergeHeaders(this.#options.headers, spec.headers, options.headers);
    if (key !== undefined) {
      headers['idempotency-key'] = key;
    }
    const target = joinPathAndQuery(spec.path, serializeQuery(spec.query));
    const cacheKey = settings.isRead
      ? buildCacheKey(settings.method, this.#options.baseURL + target, headers)
      : '';

    return { route, spec, options, target, headers, cacheKey };
  }

  #readFresh<T>(call: Call<T>): Answer<T> | undefined {
    const { route, cacheKey } = call;
    const { settings, events, clock } = route;
    if (!settings.cache) {
      return undefined;
    }
    const cache = this.#options.registry.cache;
    const entry = cache.read(cacheKey);
    const hit = entry !== undefined && cache.isFresh(entry);
    if (events.active) {
      events.emit({
        type: 'cache',
        result: hit ? 'hit' : 'miss',
        ...settings.identity,
        at: clock.now(),
      });
    }
    if (!hit) {
      return undefined;
    }
    if (events.active) {
      reportCall(route, { attempts: 0, startedAt: clock.now() }, 'cache', 'success');
    }

    return { ...(entry.value as ReceivedData<T>), source: 'cache', attempts: 0 };
  }

  #remember<T>(call: Call<T>, received: ReceivedData<T>): void {
    const { settings } = call.route;
    const cache = this.#options.registry.cache;
    const resource = this.#options.baseURL + call.spec.path;
    if (settings.cache) {
      cache.store(
        call.cacheKey,
        resource,
        received,
        settings.cache.ttlMs,
        settings.cache.staleTtlMs,
      );
    } else if (!settings.isRead) {
      cache.invalidate([resource, this.#options.baseURL + findCollectionPath(call.spec.path)]);
    }
  }

  async #fallBack<T>(call: Call<T>, run: CallRun, failure: unknown): Promise<Answer<T>> {
    const verdict = classifyFailure(failure);
    const served =
      verdict === 'failure' && call.route.settings.fallbackOrder.length > 0
        ? await serveFallback(call.route, this.#providers(call))
        : undefined;
    reportCall(call.route, run, served?.source ?? 'network', verdict);
    if (!served) {
      throw failure;
    }

    return { ...served.answer, source: served.source, attempts: run.attempts };
  }

  #providers<T>(call: Call<T>): FallbackProviders<ReceivedData<T>> {
    const { alternativeBaseURL, registry } = this.#options;
    const fallbackValue = call.options.fallbackValue;

    return {
      'stale-cache': () => registry.cache.read(call.cacheKey)?.value as ReceivedData<T> | undefined,
      alternative:
        alternativeBaseURL === undefined
          ? undefined
          : () => this.#askAlternative(call, alternativeBaseURL),
      default: fallbackValue && (() => ({ data: fallbackValue(), status: 200, headers: {} })),
    };
  }

  /** One attempt on the alternative service, within the attempt timeout, without retries. */
  async #askAlternative<T>(call: Call<T>, baseURL: string): Promise<ReceivedData<T>> {
    const { route, options } = call;
    const { settings, clock, events } = route;
    const ms = settings.attemptTimeoutMs;
    const scope =
      ms === undefined
        ? undefined
        : new TimeScope('attempt', ms, options.signal, {
            clock,
            events,
            identity: settings.identity,
          });
    try {
      const config = this.#buildConfig(call, baseURL);
      config.signal = scope?.signal ?? options.signal;
      const response = await this.#axios.request<unknown>(config);

      return readAnswer(response, options.validate, settings.identity);
    } finally {
      scope?.dispose();
    }
  }

  #buildConfig<T>(call: Call<T>, baseURL: string): AxiosRequestConfig {
    return {
      method: call.route.settings.method,
      baseURL,
      url: call.target,
      allowAbsoluteUrls: false,
      headers: call.headers,
      data: call.spec.body,
      // The body is decoded here, from text, so broken JSON becomes an error, never a crash.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: (status) => status >= 200 && status < 300,
    };
  }
}

/** Merges header sets, later ones winning, with names in lower case. */
function mergeHeaders(
  ...sets: ReadonlyArray<Readonly<Record<string, string>> | undefined>
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const set of sets) {
    for (const name in set) {
      merged[name.toLowerCase()] = set[name] as string;
    }
  }

  return merged;
}

/**
 * The cache key of a read: method, full URL with query and, when the request carries
 * credentials, a digest of them, so one user's answer is never served to another.
 */
function buildCacheKey(method: string, url: string, headers: Record<string, string>): string {
  const auth = headers['authorization'];
  const cookie = headers['cookie'];
  if (auth === undefined && cookie === undefined) {
    return `${method} ${url}`;
  }
  const digest = createHash('sha256')
    .update(`${auth ?? ''}\n${cookie ?? ''}`)
    .digest('base64url');

  return `${method} ${url} ${digest}`;
}
