import { Bulkhead } from './bulkhead.js';
import type { RouteRuntime } from './call-run.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { ResponseCache } from './cache.js';
import { EventHub } from './emitter.js';
import type { ResilienceListener } from './events.js';
import { executeRoute } from './pipeline.js';
import type { ExecuteOptions } from './pipeline.js';
import { resolveRoutePolicy } from './resolve-policy.js';
import type { ResolvedRoute } from './resolve-policy.js';
import type { AttemptFn } from './retry.js';
import { RetryBudget } from './retry-budget.js';
import type { RoutePolicy } from './route-policy.js';
import type { BreakerControl, ProfileSnapshot, ResilienceSource } from './snapshot.js';

/** Options of {@link ResilienceRegistry}. */
export interface RegistryOptions {
  /** Where time comes from; default the system clock. Tests pass a `FakeClock`. */
  readonly clock?: Clock;
  /** Subscribers from the start; more may come through {@link ResilienceRegistry.on}. */
  readonly listeners?: readonly ResilienceListener[];
  /** The answer cache of HTTP reads, or the options of a new one (default 1000 entries). */
  readonly cache?: ResponseCache | { readonly maxEntries?: number };
  /** A number in `[0, 1)` for jitter; default `Math.random`. */
  readonly random?: () => number;
}

interface ProfilePolicies {
  readonly maxAttempts: number;
  readonly breakers: Map<string, CircuitBreaker>;
  readonly bulkhead: Bulkhead | undefined;
  readonly budget: RetryBudget | undefined;
}

/**
 * The live policies of a client (or a process): one circuit breaker per profile (and per
 * upstream service: `profile@service`), one bulkhead and one retry budget per profile, shared
 * by every route of the profile; the answer cache; the event hub. Each profile's settings come
 * from the first route of it that runs. Monitoring reads it as a {@link ResilienceSource} and
 * isolates or resets its breakers as a {@link BreakerControl}.
 */
export class ResilienceRegistry implements ResilienceSource, BreakerControl {
  readonly clock: Clock;
  readonly events: EventHub;
  readonly cache: ResponseCache;
  readonly #random: () => number;
  readonly #profiles = new Map<string, ProfilePolicies>();
  readonly #routes = new WeakMap<RoutePolicy, Map<string, RouteRuntime>>();
  // The last route asked for without a service: a loop over one route skips both lookups.
  #lastPolicy: RoutePolicy | undefined;
  #lastRuntime: RouteRuntime | undefined;

  constructor(options: RegistryOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.events = new EventHub(options.listeners);
    this.#random = options.random ?? Math.random;
    const cache = options.cache;
    this.cache =
      cache instanceof ResponseCache
        ? cache
        : new ResponseCache({ clock: this.clock, maxEntries: cache?.maxEntries });
  }

  /** Subscribes to every event of the registry's calls; returns the unsubscribe function. */
  on(listener: ResilienceListener): () => void {
    return this.events.on(listener);
  }

  /**
   * The route's checked settings and shared policies, built on first use and then looked up
   * by the policy object's identity.
   *
   * @param service - the upstream's name, when the breaker is kept per service.
   * @throws {@link RuntimeError} `RT_INVALID_POLICY` for a policy the runtime cannot use.
   */
  runtimeFor(policy: RoutePolicy, service = ''): RouteRuntime {
    if (policy === this.#lastPolicy && service === '' && this.#lastRuntime !== undefined) {
      return this.#lastRuntime;
    }
    let byService = this.#routes.get(policy);
    if (!byService) {
      byService = new Map();
      this.#routes.set(policy, byService);
    }
    let runtime = byService.get(service);
    if (!runtime) {
      runtime = this.#buildRuntime(resolveRoutePolicy(policy), service);
      byService.set(service, runtime);
    }
    if (service === '') {
      this.#lastPolicy = policy;
      this.#lastRuntime = runtime;
    }

    return runtime;
  }

  /**
   * Runs a plain async function through the route's policies: bulkhead → total timeout →
   * retry → circuit breaker → attempt timeout → `fn`.
   *
   * @throws what the last attempt threw, or {@link RetriesExhaustedError},
   *   {@link BrokenCircuitError}, {@link BulkheadRejectedError}, {@link TimeoutError},
   *   {@link AbortError}.
   */
  execute<T>(policy: RoutePolicy, fn: AttemptFn<T>, options?: ExecuteOptions<T>): Promise<T> {
    return executeRoute(this.runtimeFor(policy), fn, options);
  }

  /** The breaker named `name` (`profile` or `profile@service`), if any route made it. */
  breaker(name: string): CircuitBreaker | undefined {
    for (const profile of this.#profiles.values()) {
      const breaker = profile.breakers.get(name);
      if (breaker) {
        return breaker;
      }
    }

    return undefined;
  }

  /** Forces the breaker `name` open until reset; false when no breaker has that name. */
  isolate(name: string): boolean {
    const breaker = this.breaker(name);
    breaker?.isolate();

    return breaker !== undefined;
  }

  /** Closes the breaker `name` and clears its counts; false when no breaker has that name. */
  reset(name: string): boolean {
    const breaker = this.breaker(name);
    breaker?.reset();

    return breaker !== undefined;
  }

  /** Every profile's settings and live breakers and bulkheads, in order of first use. */
  snapshot(): readonly ProfileSnapshot[] {
    return [...this.#profiles].map(([name, profile]) => ({
      name,
      maxAttempts: profile.maxAttempts,
      breakers: [...profile.breakers.values()].map((breaker) => breaker.snapshot()),
      bulkheads: profile.bulkhead ? [profile.bulkhead.snapshot()] : [],
    }));
  }

  // TODO: a later route of a profile with other numbers than its first is not detected — it
  // matters once routes of one profile can be given different settings (by hand, or by a
  // future config option); the shared policies take the first route's numbers.
  #buildRuntime(settings: ResolvedRoute, service: string): RouteRuntime {
    const { profile } = settings.identity;
    const deps = { clock: this.clock, events: this.events };
    let policies = this.#profiles.get(profile);
    if (!policies) {
      policies = {
        maxAttempts: settings.retry.maxAttempts,
        breakers: new Map(),
        bulkhead: settings.bulkhead && new Bulkhead(profile, profile, settings.bulkhead, deps),
        budget: settings.retryBudget && new RetryBudget(settings.retryBudget, this.clock),
      };
      this.#profiles.set(profile, policies);
    }
    const name = service === '' ? profile : `${profile}@${service}`;
    let breaker = policies.breakers.get(name);
    if (!breaker) {
      breaker = new CircuitBreaker(name, profile, settings.breaker, deps);
      policies.breakers.set(name, breaker);
    }

    return {
      settings,
      breaker,
      bulkhead: policies.bulkhead,
      budget: policies.budget,
      random: this.#random,
      firstTrySink: this.events.createFirstTrySink(settings.identity, this.clock),
      ...deps,
    };
  }
}
