import { Bulkhead } from '../bulkhead.js';
import type { Clock } from '../clock.js';
import type { EventHub } from '../emitter.js';
import { COUNT, MS, PolicyChecker, WHOLE } from '../policy-checker.js';
import { RUNTIME_DEFAULTS } from '../defaults.js';
import type { TimeoutError } from '../policy-errors.js';
import { reportTimeLimit } from '../timeout.js';
import { DeadlineQueue } from './deadline-queue.js';
import type { RouteProtection } from './route.js';

/** Who a route's protection reports as in its events and errors. */
export interface ProtectedRouteIdentity {
  /** `METHOD /path/:param`. */
  readonly route: string;
  readonly profile: string;
}

/** What {@link createLoadProtection} needs from the server. */
export interface LoadProtectionDeps {
  readonly clock: Clock;
  readonly events: EventHub;
}

/**
 * One route's load protection: its bulkhead (shared by every request of the route) and its
 * time limit. A request takes a slot with `bulkhead.tryEnter()` (or waits with `enter`), joins
 * the limit's deadline queue while its handler runs, and gives both back when it settles.
 */
export interface LoadProtection {
  /** The route's bulkhead; `undefined` when the route has none. */
  readonly bulkhead: Bulkhead | undefined;
  /** The route's time limit (queue wait excluded); `undefined` when the route has none. */
  readonly timeLimit: RouteTimeLimit | undefined;
  /** Stops the shared timer of the route's time limit (the server closes). */
  dispose(): void;
}

/** A route's time limit: one deadline queue for all its running requests. */
export interface RouteTimeLimit {
  /** The limit, in milliseconds. */
  readonly timeoutMs: number;
  /** The running requests, oldest first; a request that outlives the limit expires. */
  readonly deadlines: DeadlineQueue;
  /**
   * Emits the `timeout` event (when anyone listens) and returns the {@link TimeoutError} a
   * request that ran out fails with: its handler's signal aborts with it, and it is a 504.
   */
  report(): TimeoutError;
}

/**
 * Builds the protection of one route from its `protection` plain data, checking its numbers.
 *
 * @throws {@link RuntimeError} `RT_INVALID_POLICY` naming the field, for a value it cannot use.
 */
export function createLoadProtection(
  protection: RouteProtection | undefined,
  identity: ProtectedRouteIdentity,
  deps: LoadProtectionDeps,
): LoadProtection {
  const check = new PolicyChecker(identity);
  const timeoutMs = check.optional('protection.timeoutMs', protection?.timeoutMs);
  const limits = protection?.bulkhead;
  const bulkhead =
    limits &&
    new Bulkhead(
      identity.route,
      identity.profile,
      {
        maxConcurrent: check.range('bulkhead.maxConcurrent', limits.maxConcurrent, COUNT),
        maxQueue: check.range(
          'bulkhead.maxQueue',
          limits.maxQueue ?? RUNTIME_DEFAULTS.bulkhead.maxQueue,
          WHOLE,
        ),
        queueTimeoutMs: check.range(
          'bulkhead.queueTimeoutMs',
          limits.queueTimeoutMs ?? RUNTIME_DEFAULTS.bulkhead.queueTimeoutMs,
          MS,
        ),
      },
      deps,
    );
  const timeLimit =
    timeoutMs === undefined ? undefined : createTimeLimit(timeoutMs, identity, deps);

  return { bulkhead, timeLimit, dispose: () => timeLimit?.deadlines.dispose() };
}

function createTimeLimit(
  timeoutMs: number,
  identity: ProtectedRouteIdentity,
  deps: LoadProtectionDeps,
): RouteTimeLimit {
  const reportDeps = { clock: deps.clock, events: deps.events, identity };

  return {
    timeoutMs,
    deadlines: new DeadlineQueue(deps.clock, timeoutMs),
    report: () => reportTimeLimit('total', timeoutMs, reportDeps),
  };
}
