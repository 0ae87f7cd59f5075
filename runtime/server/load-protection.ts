import { Bulkhead } from '../bulkhead.js';
import type { Clock } from '../clock.js';
import type { EventHub } from '../emitter.js';
import { COUNT, MS, PolicyChecker, WHOLE } from '../policy-checker.js';
import { RUNTIME_DEFAULTS } from '../defaults.js';
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
 * time limit.
 */
export interface LoadProtection {
  /** The route's bulkhead, for monitoring; `undefined` when the route has none. */
  readonly bulkhead: Bulkhead | undefined;
  /** Stops the shared timer of the route's time limit (the server closes). */
  dispose(): void;
  /**
   * Runs `work` in a bulkhead slot (waiting in its queue when all are taken), then under the
   * time limit. When the limit passes, `request.abort` gets the {@link TimeoutError} first, so
   * the handler's signal aborts and it can stop, then the run rejects with it.
   *
   * @param request - the request's context; its `signal` is read only when the request has
   *   to queue: aborting it while queued leaves the queue.
   * @throws {@link BulkheadRejectedError} when the bulkhead's queue is full or the wait too long.
   * @throws {@link TimeoutError} when the handler outlives `timeoutMs`.
   */
  run<T>(work: () => Promise<T>, request: AbortableRequest): Promise<T>;
}

/** What the protection aborts when the time limit passes, and watches while queued. */
export interface AbortableRequest {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
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
  const timeLimit: TimeLimit | undefined =
    timeoutMs === undefined
      ? undefined
      : { deadlines: new DeadlineQueue(deps.clock, timeoutMs), timeoutMs, identity, deps };
  const limit = <T>(work: () => Promise<T>, request: AbortableRequest): Promise<T> =>
    timeLimit === undefined ? work() : runWithinTimeout(work, request, timeLimit);

  return {
    bulkhead,
    dispose: () => timeLimit?.deadlines.dispose(),
    run: (work, request) =>
      bulkhead === undefined
        ? limit(work, request)
        : bulkhead.execute(
            () => limit(work, request),
            bulkhead.hasFreeSlot ? undefined : request.signal,
            identity,
          ),
  };
}

/** A route's time limit: its deadline queue, and what an expiry reports. */
interface TimeLimit {
  readonly deadlines: DeadlineQueue;
  readonly timeoutMs: number;
  readonly identity: ProtectedRouteIdentity;
  readonly deps: LoadProtectionDeps;
}

/**
 * Runs `work` under the route's time limit, in its deadline queue: no timer of its own, and no
 * signal unless the handler reads one. When the limit passes, the request is aborted with the
 * error first, then the run rejects with it.
 */
function runWithinTimeout<T>(
  work: () => Promise<T>,
  request: AbortableRequest,
  limit: TimeLimit,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const ticket = limit.deadlines.add({
      expire: () => {
        const error = reportTimeLimit('total', limit.timeoutMs, {
          ...limit.deps,
          identity: limit.identity,
        });
        request.abort(error);
        reject(error);
      },
    });
    let running: Promise<T>;
    try {
      running = work();
    } catch (error) {
      limit.deadlines.remove(ticket);
      throw error;
    }
    running.then(
      (value) => {
        limit.deadlines.remove(ticket);
        resolve(value);
      },
      (error: unknown) => {
        limit.deadlines.remove(ticket);
        reject(error);
      },
    );
  });
}
