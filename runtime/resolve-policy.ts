import type { BackoffOptions } from './backoff/delay.js';
import type { JitterKind } from './backoff/jitter.js';
import type { RateLimits } from './breaker/strategy.js';
import { deepFreeze, RUNTIME_DEFAULTS } from './defaults.js';
import type { CallIdentity } from './errors.js';
import { COUNT, MS, POSITIVE_MS, PolicyChecker, RATE, RATIO, WHOLE } from './policy-checker.js';
import type {
  CircuitBreakerPolicy,
  ConsecutiveBreakerPolicy,
  CountWindowBreakerPolicy,
  FallbackStrategy,
  HttpMethod,
  RetryBudgetPolicy,
  RoutePolicy,
  TimeWindowBreakerPolicy,
  WindowBreakerLimits,
} from './route-policy.js';

/** A source a failed read may be served from, in the order tried. */
export type FallbackSource = 'stale-cache' | 'alternative' | 'default';

/** A route's circuit breaker settings, merged with the defaults. */
export interface ResolvedBreaker {
  readonly type: 'consecutive' | 'count-window' | 'time-window';
  /** Consecutive: the threshold; windows: the failures that open a window of `minimumCalls`. */
  readonly failureThreshold: number;
  readonly recoveryTimeoutMs: number;
  readonly halfOpenMaxCalls: number;
  /** Count window only: calls the rates cover. */
  readonly windowSize: number;
  /** Time window only: the span the rates cover, in ms. */
  readonly windowMs: number;
  readonly limits: RateLimits;
}

/** A route's policy with every default filled in and every number checked, built once. */
export interface ResolvedRoute {
  /** The route and profile, passed to every error of the route. */
  readonly identity: Required<CallIdentity>;
  readonly method: HttpMethod;
  readonly retry: BackoffOptions & { readonly maxAttempts: number };
  readonly breaker: ResolvedBreaker;
  readonly bulkhead:
    | { readonly maxConcurrent: number; readonly maxQueue: number; readonly queueTimeoutMs: number }
    | undefined;
  readonly attemptTimeoutMs: number | undefined;
  readonly totalTimeoutMs: number | undefined;
  /** GET and HEAD: cached, and served by fallbacks. */
  readonly isRead: boolean;
  /** The method may be repeated without an idempotency key (GET, HEAD, OPTIONS, PUT, DELETE). */
  readonly repeatable: boolean;
  readonly idempotent: boolean;
  /** `fallback.enabled`: a failed call may be answered another way. */
  readonly fallbackEnabled: boolean;
  /**
   * The HTTP client's fallback sources, in order; empty when fallback is off or the route is
   * not a read.
   */
  readonly fallbackOrder: readonly FallbackSource[];
  readonly cache: { readonly ttlMs: number; readonly staleTtlMs: number } | undefined;
  readonly retryBudget: Required<RetryBudgetPolicy> | undefined;
}

const REPEATABLE: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const STANDARD_ORDER: readonly FallbackSource[] = ['stale-cache', 'alternative', 'default'];
const FIRST_SOURCE: Readonly<Record<FallbackStrategy, FallbackSource>> = {
  cache: 'stale-cache',
  alternative_service: 'alternative',
  default: 'default',
};

/**
 * Checks a route policy at once (rather than at its first call) and freezes it, deeply.
 * Generated code may wrap each route's literal in it.
 *
 * @throws {@link RuntimeError} `RT_INVALID_POLICY`, as {@link resolveRoutePolicy}.
 */
export function defineRoutePolicy<P extends RoutePolicy>(policy: P): P {
  resolveRoutePolicy(policy);

  return deepFreeze(policy);
}

/**
 * Merges `policy` over {@link RUNTIME_DEFAULTS} and checks every value.
 *
 * @throws {@link RuntimeError} `RT_INVALID_POLICY` naming the field, the value received and
 *   the values allowed.
 */
export function resolveRoutePolicy(policy: RoutePolicy): ResolvedRoute {
  const identity = Object.freeze({ route: policy.route, profile: policy.profile });
  const check = new PolicyChecker(identity);
  const method = check.oneOf('method', policy.method, METHODS);
  const isRead = method === 'GET' || method === 'HEAD';
  const cache = isRead ? policy.cache : undefined;

  return Object.freeze({
    identity,
    method,
    retry: resolveRetry(policy, check),
    breaker: resolveBreaker(policy.circuitBreaker, check),
    bulkhead: resolveBulkhead(policy, check),
    attemptTimeoutMs: check.optional('timeout.attemptMs', policy.timeout?.attemptMs),
    totalTimeoutMs: check.optional('timeout.totalMs', policy.timeout?.totalMs),
    isRead,
    repeatable: REPEATABLE.has(method),
    idempotent: policy.idempotent === true,
    fallbackEnabled: policy.fallback.enabled === true,
    fallbackOrder: isRead ? resolveFallback(policy, check) : [],
    cache: cache && {
      ttlMs: check.range('cache.ttlMs', cache.ttlMs, MS),
      staleTtlMs: check.range('cache.staleTtlMs', cache.staleTtlMs ?? dflt.cache.staleTtlMs, MS),
    },
    retryBudget:
      policy.retryBudget === false ? undefined : resolveBudget(policy.retryBudget, check),
  });
}

const dflt = RUNTIME_DEFAULTS;

function resolveBulkhead(policy: RoutePolicy, check: PolicyChecker): ResolvedRoute['bulkhead'] {
  const given = policy.bulkhead;

  return (
    given && {
      maxConcurrent: check.range('bulkhead.maxConcurrent', given.maxConcurrent, COUNT),
      maxQueue: check.range('bulkhead.maxQueue', given.maxQueue ?? dflt.bulkhead.maxQueue, WHOLE),
      queueTimeoutMs: check.range(
        'bulkhead.queueTimeoutMs',
        given.queueTimeoutMs ?? dflt.bulkhead.queueTimeoutMs,
        MS,
      ),
    }
  );
}

function resolveFallback(policy: RoutePolicy, check: PolicyChecker): readonly FallbackSource[] {
  const { enabled, strategy } = policy.fallback;
  if (!enabled) {
    return [];
  }
  const first = check.oneOf('fallback.strategy', strategy ?? dflt.fallback.strategy, STRATEGIES);

  return orderFallback(first);
}

const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const BACKOFFS = ['exponential', 'fixed', 'linear'] as const;
const JITTERS = ['none', 'full', 'equal', 'decorrelated'] as const;
const BREAKERS = ['consecutive', 'count-window', 'time-window'] as const;
const STRATEGIES = ['cache', 'alternative_service', 'default'] as const;

function resolveRetry(policy: RoutePolicy, check: PolicyChecker): ResolvedRoute['retry'] {
  const { retry } = policy;
  const jitter = retry.jitter ?? dflt.retry.jitter;
  const d = dflt.retry;

  return {
    maxAttempts: check.range('retry.maxAttempts', retry.maxAttempts, COUNT),
    backoff: check.oneOf('retry.backoff', retry.backoff ?? d.backoff, BACKOFFS),
    baseDelayMs: check.range('retry.baseDelayMs', retry.baseDelayMs ?? d.baseDelayMs, MS),
    maxDelayMs: check.range('retry.maxDelayMs', retry.maxDelayMs ?? d.maxDelayMs, MS),
    jitter:
      typeof jitter === 'boolean'
        ? jitter
          ? 'full'
          : 'none'
        : check.oneOf<JitterKind>('retry.jitter', jitter, JITTERS),
  };
}

function resolveBreaker(policy: CircuitBreakerPolicy, check: PolicyChecker): ResolvedBreaker {
  const d = dflt.circuitBreaker;
  const type = check.oneOf('circuitBreaker.type', policy.type ?? d.type, BREAKERS);
  const common = {
    recoveryTimeoutMs: check.range(
      'circuitBreaker.recoveryTimeoutMs',
      policy.recoveryTimeoutMs,
      MS,
    ),
    halfOpenMaxCalls: check.range(
      'circuitBreaker.halfOpenMaxCalls',
      policy.halfOpenMaxCalls ?? d.halfOpenMaxCalls,
      COUNT,
    ),
  };
  if (type === 'consecutive') {
    const threshold = check.range(
      'circuitBreaker.failureThreshold',
      (policy as ConsecutiveBreakerPolicy).failureThreshold,
      COUNT,
    );

    return {
      type,
      failureThreshold: threshold,
      windowSize: 0,
      windowMs: 0,
      limits: NO_LIMITS,
      ...common,
    };
  }
  // The checked `type` is a window kind, so the policy is one too (TypeScript does not narrow
  // a union on an optional discriminant).
  const windowed = policy as CountWindowBreakerPolicy | TimeWindowBreakerPolicy;

  return resolveWindowBreaker(windowed, type, common, check);
}

function resolveWindowBreaker(
  policy: CountWindowBreakerPolicy | TimeWindowBreakerPolicy,
  type: ResolvedBreaker['type'],
  common: Pick<ResolvedBreaker, 'recoveryTimeoutMs' | 'halfOpenMaxCalls'>,
  check: PolicyChecker,
): ResolvedBreaker {
  const limits = resolveRateLimits(policy, check);

  return {
    type,
    failureThreshold: Math.ceil(limits.minimumCalls * limits.failureRateThreshold),
    windowSize:
      policy.type === 'count-window'
        ? check.range('circuitBreaker.windowSize', policy.windowSize, COUNT)
        : 0,
    windowMs:
      policy.type === 'time-window'
        ? check.range('circuitBreaker.windowMs', policy.windowMs, POSITIVE_MS)
        : 0,
    limits,
    ...common,
  };
}

function resolveRateLimits(policy: WindowBreakerLimits, check: PolicyChecker): RateLimits {
  const d = dflt.circuitBreaker;

  return {
    minimumCalls: check.range(
      'circuitBreaker.minimumCalls',
      policy.minimumCalls ?? d.minimumCalls,
      COUNT,
    ),
    failureRateThreshold: check.range(
      'circuitBreaker.failureRateThreshold',
      policy.failureRateThreshold ?? d.failureRateThreshold,
      RATIO,
    ),
    slowCallDurationMs:
      policy.slowCallDurationMs === undefined
        ? Infinity
        : check.range('circuitBreaker.slowCallDurationMs', policy.slowCallDurationMs, MS),
    slowCallRateThreshold: check.range(
      'circuitBreaker.slowCallRateThreshold',
      policy.slowCallRateThreshold ?? d.slowCallRateThreshold,
      RATIO,
    ),
  };
}

const NO_LIMITS: RateLimits = Object.freeze({
  minimumCalls: 1,
  failureRateThreshold: 1,
  slowCallDurationMs: Infinity,
  slowCallRateThreshold: 1,
});

function resolveBudget(
  given: RetryBudgetPolicy | undefined,
  check: PolicyChecker,
): Required<RetryBudgetPolicy> {
  const d = dflt.retryBudget;

  return {
    ratio: check.range('retryBudget.ratio', given?.ratio ?? d.ratio, RATIO),
    minRetriesPerSecond: check.range(
      'retryBudget.minRetriesPerSecond',
      given?.minRetriesPerSecond ?? d.minRetriesPerSecond,
      RATE,
    ),
    windowMs: check.range('retryBudget.windowMs', given?.windowMs ?? d.windowMs, POSITIVE_MS),
  };
}

function orderFallback(strategy: FallbackStrategy): readonly FallbackSource[] {
  const first = FIRST_SOURCE[strategy];

  return Object.freeze([first, ...STANDARD_ORDER.filter((source) => source !== first)]);
}
