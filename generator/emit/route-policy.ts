import type {
  NormalizedCircuitBreaker,
  NormalizedConfig,
  NormalizedProfile,
} from '../config/types.js';
import type { JsonValue, RouteModel } from '../model.js';

type JsonObject = { [key: string]: JsonValue };

/**
 * The runtime's `RoutePolicy` of a route, as plain data: its profile's numbers from the
 * normalized config ({@link buildProfilePolicy}), joined with what the contract says of the
 * route ({@link buildRouteSettings}). Keys are in a fixed order; settings that are off are
 * left out.
 */
export function buildRoutePolicy(route: RouteModel, config: NormalizedConfig): JsonObject {
  return { ...buildProfilePolicy(route.profile, config), ...buildRouteSettings(route, config) };
}

/**
 * The part of a `RoutePolicy` that every route of a profile shares: the profile's name and
 * its retry, budget, breaker, fallback, timeouts and bulkhead. The runtime keeps one breaker,
 * one budget and one bulkhead per profile, so these cannot differ between its routes; the
 * generated client writes them once per profile, so a reviewer reads each number once.
 */
export function buildProfilePolicy(name: string, config: NormalizedConfig): JsonObject {
  const profile = config.resilience[name]!;
  const policy: JsonObject = {
    profile: profile.name,
    retry: {
      maxAttempts: profile.retry.maxAttempts,
      backoff: profile.retry.backoffType,
      baseDelayMs: profile.retry.baseDelay,
      maxDelayMs: profile.retry.maxDelay,
      jitter: profile.retry.jitter,
    },
    retryBudget: buildBudget(profile),
    circuitBreaker: buildBreaker(profile.circuitBreaker),
    fallback: { enabled: profile.fallback.enabled, strategy: profile.fallback.strategy },
  };
  const timeout = buildTimeout(profile);
  if (timeout !== undefined) policy.timeout = timeout;
  if (profile.bulkhead.maxConcurrent > 0) {
    policy.bulkhead = {
      maxConcurrent: profile.bulkhead.maxConcurrent,
      maxQueue: profile.bulkhead.maxQueue,
      queueTimeoutMs: profile.bulkhead.queueTimeout,
    };
  }

  return policy;
}

/** The part of a `RoutePolicy` that is the route's own: its identity, idempotency and cache. */
export function buildRouteSettings(route: RouteModel, config: NormalizedConfig): JsonObject {
  const profile = config.resilience[route.profile]!;
  const settings: JsonObject = {
    route: `${route.method} ${route.path}`,
    method: route.method,
    idempotent: route.idempotent,
  };
  // A read with a fallback is cached even without @Cache, on the config's TTLs: the stale
  // answer is what the `cache` fallback serves, and without one it would have nothing.
  const cached = route.cache !== undefined || (route.method === 'GET' && profile.fallback.enabled);
  if (cached && config.cache.maxEntries > 0) {
    settings.cache = {
      ttlMs: route.cache?.ttlMs ?? config.cache.ttl,
      staleTtlMs: route.cache?.staleTtlMs ?? config.cache.staleTtl,
    };
  }

  return settings;
}

function buildBudget(profile: NormalizedProfile): JsonValue {
  const { budget } = profile.retry;
  if (!budget.enabled) {
    return false;
  }

  return {
    ratio: budget.ratio,
    minRetriesPerSecond: budget.minRetriesPerSecond,
    windowMs: budget.window,
  };
}

function buildTimeout(profile: NormalizedProfile): JsonObject | undefined {
  const timeout: JsonObject = {};
  if (profile.timeout.attempt > 0) timeout.attemptMs = profile.timeout.attempt;
  if (profile.timeout.total > 0) timeout.totalMs = profile.timeout.total;

  return Object.keys(timeout).length === 0 ? undefined : timeout;
}

/**
 * A breaker that the config switches off still needs a policy in the runtime; it gets one
 * that can never open (a threshold no run of failures reaches).
 */
function buildBreaker(breaker: NormalizedCircuitBreaker): JsonObject {
  const shared = {
    recoveryTimeoutMs: breaker.recoveryTimeout,
    halfOpenMaxCalls: breaker.halfOpenMaxCalls,
  };
  if (!breaker.enabled) {
    return { type: 'consecutive', failureThreshold: Number.MAX_SAFE_INTEGER, ...shared };
  }
  const limits: JsonObject = {
    minimumCalls: breaker.minimumCalls,
    failureRateThreshold: breaker.failureRateThreshold,
  };
  if (breaker.slowCallDuration > 0) {
    limits.slowCallDurationMs = breaker.slowCallDuration;
    limits.slowCallRateThreshold = breaker.slowCallRateThreshold;
  }
  switch (breaker.type) {
    case 'consecutive':
      return { type: 'consecutive', failureThreshold: breaker.failureThreshold, ...shared };
    case 'count-window':
      return { type: 'count-window', windowSize: breaker.windowSize, ...limits, ...shared };
    case 'time-window':
      return { type: 'time-window', windowMs: breaker.windowDuration, ...limits, ...shared };
  }
}
