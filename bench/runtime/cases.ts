/**
 * The success-path cases of the runtime benchmark: the same async no-op, bare and behind
 * each resilience layer, each set up as its users would set it up. Every case answers 1.
 */
import {
  bulkhead,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  fallback,
  handleAll,
  retry,
  wrap,
} from 'cockatiel';
import CircuitBreaker from 'opossum';
import { MetricsRegistry, ResilienceRegistry } from 'resilgen/runtime';
import type { RoutePolicy } from 'resilgen/runtime';
import type { RuntimeCaseName } from './case-names.js';
import { wrapByHand } from './hand-written.js';

/** A case ready to call. */
export interface RuntimeCase {
  /** One call through the layer; resolves to 1. */
  readonly call: () => Promise<number>;
  /** Checks, once, whatever the case promises besides speed (such as settings resolved once). */
  readonly verify?: () => string | undefined;
  /** Frees the layer's timers. */
  readonly close: () => void;
}

const noop = async (): Promise<number> => 1;

/** The settings every layer gets: the seed's `default` profile, with a bulkhead of 10. */
const POLICY: RoutePolicy = {
  route: 'GET /noop',
  profile: 'default',
  method: 'GET',
  idempotent: false,
  retry: { maxAttempts: 3, backoff: 'exponential', baseDelayMs: 1000, maxDelayMs: 10_000 },
  circuitBreaker: { failureThreshold: 5, recoveryTimeoutMs: 30_000, halfOpenMaxCalls: 3 },
  bulkhead: { maxConcurrent: 10 },
  fallback: { enabled: true, strategy: 'default' },
};

const WITH_TIMEOUTS: RoutePolicy = { ...POLICY, timeout: { attemptMs: 10_000, totalMs: 60_000 } };

/** Builds the case `name`. */
export function createRuntimeCase(name: RuntimeCaseName): RuntimeCase {
  switch (name) {
    case 'bare':
      return { call: noop, close: () => {} };
    case 'hand-written':
      return {
        call: wrapByHand(noop, 0, {
          maxConcurrent: 10,
          maxAttempts: 3,
          baseDelayMs: 1000,
          failureThreshold: 5,
          recoveryTimeoutMs: 30_000,
        }),
        close: () => {},
      };
    case 'resilgen':
      return createResilgenCase(POLICY, 'metrics');
    case 'resilgen-events':
      return createResilgenCase(POLICY, 'no-op');
    case 'resilgen-no-metrics':
      return createResilgenCase(POLICY, 'none');
    case 'resilgen-timeouts':
      return createResilgenCase(WITH_TIMEOUTS, 'metrics');
    case 'cockatiel':
      return createCockatielCase();
    case 'opossum':
      return createOpossumCase();
  }
}

/** A failed call answers 0, as cockatiel's fallback does below. */
const FALLBACK_TO_ZERO = { fallback: (): number => 0 };

/** The runtime's plain-function path, its fallback given as the call's option. */
function createResilgenCase(
  policy: RoutePolicy,
  subscriber: 'metrics' | 'no-op' | 'none',
): RuntimeCase {
  const registry = new ResilienceRegistry();
  if (subscriber === 'metrics') {
    registry.on(new MetricsRegistry().listener);
  } else if (subscriber === 'no-op') {
    // The events are built and handed over, and nothing is recorded: their cost alone.
    registry.on(() => {});
  }
  const call = (): Promise<number> => registry.execute(policy, noop, FALLBACK_TO_ZERO);

  return {
    call,
    verify: () =>
      registry.runtimeFor(policy) === registry.runtimeFor(policy)
        ? undefined
        : 'the route settings were resolved again for a second call',
    close: () => {},
  };
}

function createCockatielCase(): RuntimeCase {
  // Outermost first, as resilgen composes: fallback → bulkhead → retry → breaker.
  const policy = wrap(
    fallback(handleAll, 0),
    bulkhead(10, 0),
    retry(handleAll, { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 1000 }) }),
    circuitBreaker(handleAll, { halfOpenAfter: 30_000, breaker: new ConsecutiveBreaker(5) }),
  );

  return { call: () => policy.execute(noop), close: () => {} };
}

function createOpossumCase(): RuntimeCase {
  const breaker = new CircuitBreaker<[], number>(noop);

  return { call: () => breaker.fire(), close: () => breaker.shutdown() };
}
