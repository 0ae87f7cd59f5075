import { CallRun } from './call-run.js';
import type { RouteRuntime } from './call-run.js';
import type { CallOutcome } from './circuit-breaker.js';
import { classifyFailure } from './classify.js';
import type { AnswerSource } from './events.js';
import { runAttempts } from './retry.js';
import type { AttemptFn } from './retry.js';

/** Per-call options of a plain function run through a route's policies. */
export interface ExecuteOptions {
  /** Aborts the call: the attempt in progress, a backoff wait, a queue wait. */
  readonly signal?: AbortSignal;
  /**
   * Makes a non-repeatable route (POST, PATCH) retryable for this call, as an idempotency key
   * does for HTTP. Routes with `idempotent: true` are retryable anyway.
   */
  readonly idempotencyKey?: string;
}

/**
 * Runs a plain async function through a route's policies, outermost first: bulkhead → total
 * timeout → retry → circuit breaker → attempt timeout → `fn`. (Fallback and cache serve HTTP
 * reads only; see `http-client.ts`.)
 */
export async function executeRoute<T>(
  route: RouteRuntime,
  fn: AttemptFn<T>,
  options: ExecuteOptions = {},
): Promise<T> {
  const { settings } = route;
  const canRepeat =
    settings.repeatable || settings.idempotent || options.idempotencyKey !== undefined;
  const run = new CallRun(route, options.signal, canRepeat);
  // The fast path takes a free bulkhead slot here, saving runGuarded's closures and frames;
  // a call that has to queue goes the general way.
  const { bulkhead } = route;
  const entered = bulkhead?.tryEnter();
  try {
    let value: T;
    if (entered === false) {
      value = await runGuarded(run, () => runAttempts(run, fn));
    } else {
      try {
        run.start(run.startedAt);
        value = await runAttempts(run, fn);
      } finally {
        if (entered === true) {
          bulkhead?.release();
        }
      }
    }
    // The call ended when its last attempt did: that reading serves.
    reportCall(route, run, 'network', 'success', run.attemptEndedAt);

    return value;
  } catch (error) {
    reportCall(route, run, 'network', classifyFailure(error));
    throw error;
  } finally {
    run.dispose();
  }
}

/**
 * Runs `body` inside the route's bulkhead (when it has one), with the call's total time limit
 * started once the slot is held: the outer layers every call shares.
 */
export function runGuarded<T>(run: CallRun, body: () => Promise<T>): Promise<T> {
  const { bulkhead, settings } = run.route;
  if (!bulkhead) {
    run.start();

    return body();
  }
  const inSlot = (): Promise<T> => {
    run.start();

    return body();
  };

  return bulkhead.execute(inSlot, run.callerSignal, settings.identity);
}

/** How far a call got, for its `call` event. */
export interface CallProgress {
  /** Attempts made on the network. */
  readonly attempts: number;
  /** When the call started, in clock ms. */
  readonly startedAt: number;
}

/**
 * Emits the `call` event of a finished call, when anyone listens. A call the caller
 * cancelled reports `passthrough`, as it is not the dependency's failure.
 *
 * @param now - when the call ended, in clock ms, when the caller has that reading; default:
 *   read the clock.
 */
export function reportCall(
  route: RouteRuntime,
  progress: CallProgress,
  source: AnswerSource,
  verdict: CallOutcome,
  now?: number,
): void {
  const { events, clock, settings } = route;
  if (!events.active) {
    return;
  }
  now ??= clock.now();
  events.emit({
    type: 'call',
    ...settings.identity,
    at: now,
    outcome: verdict === 'cancelled' ? 'passthrough' : verdict,
    attempts: progress.attempts,
    durationMs: now - progress.startedAt,
    source,
  });
}
