import { createHash, randomUUID } from 'node:crypto';
import axios from 'axios';
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { CallRun } from './call-run.js';
import type { RouteRuntime } from './call-run.js';
import { REJECTED } from './circuit-breaker.js';
import type { CallOutcome } from './circuit-breaker.js';
import { classifyFailure } from './classify.js';
import { RUNTIME_DEFAULTS } from './defaults.js';
import { RuntimeErrorCodes } from './error-codes.js';
import { RuntimeError } from './errors.js';
import { serveFallback } from './fallback.js';
import type { FallbackProviders } from './fallback.js';
import { attachRetries, readAnswer, sendWithRetries } from './http-send.js';
import type { ReceivedData } from './http-send.js';
import type {
  Answer,
  RequestOptions,
  RequestSpec,
  ResilientHttp,
  ResilientHttpOptions,
} from './http-types.js';
import { findCollectionPath, joinPathAndQuery, serializeQuery } from './http-url.js';
import { reportCall, runGuarded } from './pipeline.js';
import type { RoutePolicy } from './route-policy.js';
import { TimeScope } from './timeout.js';

export type {
  Answer,
  RequestOptions,
  RequestSpec,
  ResilientHttp,
  ResilientHttpOptions,
} from './http-types.js';

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
  readonly policy: RoutePolicy;
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
  readonly #maxResponseBytes: number;

  constructor(options: ResilientHttpOptions, instance: AxiosInstance) {
    this.#options = options;
    this.#axios = instance;
    this.#createKey = options.createIdempotencyKey ?? randomUUID;
    this.#maxResponseBytes = readResponseLimit(options, instance);
  }

  async send<T>(
    policy: RoutePolicy,
    spec: RequestSpec,
    options: RequestOptions<T> = {},
  ): Promise<Answer<T>> {
    const route = this.#options.registry.runtimeFor(policy, this.#options.service);
    const call = this.#prepare(policy, route, spec, options);
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

  #prepare<T>(
    policy: RoutePolicy,
    route: RouteRuntime,
    spec: RequestSpec,
    options: RequestOptions<T>,
  ): Call<T> {
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

    return { policy, route, spec, options, target, headers, cacheKey };
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

  /**
   * One attempt on the alternative service, within the attempt timeout, without retries, behind
   * a breaker of its own (`profile@service.alternative`, the route's breaker settings): while
   * that breaker is open, the alternative has nothing to serve and the next source answers at
   * once, without a connection to a service known to be down.
   */
  async #askAlternative<T>(call: Call<T>, baseURL: string): Promise<ReceivedData<T> | undefined> {
    const { route, options } = call;
    const { settings, clock, events } = route;
    const service = this.#options.service;
    const { breaker } = this.#options.registry.runtimeFor(
      call.policy,
      service === undefined ? 'alternative' : `${service}.alternative`,
    );
    const startedAt = clock.now();
    const ticket = breaker.tryAcquire(startedAt);
    if (ticket === REJECTED) {
      return undefined;
    }
    const ms = settings.attemptTimeoutMs;
    const scope =
      ms === undefined
        ? undefined
        : new TimeScope('attempt', ms, options.signal, {
            clock,
            events,
            identity: settings.identity,
          });
    let outcome: CallOutcome = 'failure';
    try {
      const config = this.#buildConfig(call, baseURL);
      config.signal = scope?.signal ?? options.signal;
      const response = await this.#axios.request<unknown>(config);
      const answer = readAnswer(response, options.validate, settings.identity);
      outcome = 'success';

      return answer;
    } catch (error) {
      outcome = classifyFailure(scope?.timedOut ? scope.reason : error);
      throw error;
    } finally {
      scope?.dispose();
      const now = clock.now();
      breaker.record(ticket, outcome, now - startedAt, now);
    }
  }

  // Redirects are never followed: one could lead to another host, with the client's headers.
  #buildConfig<T>(call: Call<T>, baseURL: string): AxiosRequestConfig {
    return {
      method: call.route.settings.method,
      baseURL,
      url: call.target,
      allowAbsoluteUrls: false,
      maxRedirects: 0,
      maxContentLength: this.#maxResponseBytes,
      // axios labels a POST, PUT or PATCH without a body as a form; `false` sends no label, as
      // there is no body to describe (a server rightly refuses a form it cannot read).
      headers:
        call.spec.body === undefined ? { 'content-type': false, ...call.headers } : call.headers,
      data: call.spec.body,
      // The body is decoded here, from text, so broken JSON becomes an error, never a crash.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: (status) => status >= 200 && status < 300,
    };
  }
}

/**
 * The largest answer body to read: the option, else the limit the caller's axios instance sets
 * itself (axios's own default, -1, sets none), else the runtime's default.
 *
 * @throws {@link RuntimeError} `RT_INVALID_ARGUMENT` for an option that is not an integer ≥ 1.
 */
function readResponseLimit(options: ResilientHttpOptions, instance: AxiosInstance): number {
  const limit = options.maxResponseBytes;
  if (limit === undefined) {
    const own = instance.defaults.maxContentLength;

    return typeof own === 'number' && own > 0 ? own : RUNTIME_DEFAULTS.http.maxResponseBytes;
  }
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RuntimeError(
      RuntimeErrorCodes.INVALID_ARGUMENT,
      `expected maxResponseBytes to be an integer of at least 1, received ${String(limit)}; ` +
        'leave it out for the default of 10 MiB',
    );
  }

  return limit;
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
