/**
 * Events the runtime emits. The runtime never logs on its own: metrics, logging and tracing
 * subscribe to these. Every event carries `at`, the clock's time in milliseconds.
 */

/** The state of a circuit breaker. */
export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** Where the answer of a call came from. */
export type AnswerSource = 'network' | 'cache' | 'stale-cache' | 'alternative' | 'default';

/** What a rejecting policy was. */
export type RejectionKind = 'circuit-open' | 'bulkhead-full' | 'bulkhead-queue-timeout';

/** Why a retry that the profile would allow did not happen. */
export type RetryRefusal =
  'budget' | 'not-idempotent' | 'circuit-open' | 'retry-after-beyond-budget' | 'attempts-exhausted';

/** Fields every event about a call carries. */
export interface CallEventBase {
  /** The route, as `METHOD /path/:param` (never a concrete URL: no request values). */
  readonly route: string;
  /** The profile that wraps the route. */
  readonly profile: string;
  readonly at: number;
}

/** Everything the runtime reports, as a discriminated union on `type`. */
export type ResilienceEvent =
  | (CallEventBase & {
      readonly type: 'attempt';
      /** 1 for the first attempt. */
      readonly attempt: number;
      readonly outcome: 'success' | 'failure' | 'passthrough';
      /** The HTTP status, when there was an answer. */
      readonly status?: number;
      readonly durationMs: number;
    })
  | (CallEventBase & {
      readonly type: 'retry';
      /** The attempt about to start after the delay (2 for the first retry). */
      readonly attempt: number;
      readonly delayMs: number;
    })
  | (CallEventBase & { readonly type: 'retry-refused'; readonly reason: RetryRefusal })
  | (CallEventBase & {
      readonly type: 'call';
      readonly outcome: 'success' | 'failure' | 'passthrough';
      readonly attempts: number;
      readonly durationMs: number;
      readonly source: AnswerSource;
    })
  | (CallEventBase & { readonly type: 'reject'; readonly kind: RejectionKind })
  | (CallEventBase & { readonly type: 'timeout'; readonly scope: 'attempt' | 'total' })
  | (CallEventBase & {
      readonly type: 'fallback';
      readonly source: 'stale-cache' | 'alternative' | 'default';
    })
  | (CallEventBase & { readonly type: 'cache'; readonly result: 'hit' | 'miss' })
  | {
      readonly type: 'breaker';
      /** The breaker's name: its profile, or `profile@service` when one serves an upstream. */
      readonly breaker: string;
      readonly profile: string;
      readonly from: BreakerState;
      readonly to: BreakerState;
      readonly at: number;
    };

/**
 * Records the most common call without building its two events: a call that succeeded on its
 * first attempt, answered by the network. It must count exactly what an `attempt` event
 * (attempt 1, `success`, no status) followed by a `call` event (`success`, 1 attempt, source
 * `network`) would, both with this `at` and `durationMs`.
 *
 * @param durationMs - how long the attempt, and so the call, took.
 * @param at - when it ended, in the runtime clock's ms.
 */
export type FirstTrySuccessRecorder = (durationMs: number, at: number) => void;

/** A subscriber to {@link ResilienceEvent}s. It must not throw; what it throws is ignored. */
export interface ResilienceListener {
  (event: ResilienceEvent): void;
  /**
   * Optional: a recorder for the first-try successes of one route, which the runtime then
   * calls instead of building the two events (see {@link FirstTrySuccessRecorder}). Asked
   * once per route while the set of listeners stays the same; the route and profile strings
   * are those every event of the route carries.
   *
   * @param runtimeClock - the clock the events' `at` readings come from.
   */
  bindFirstTrySuccess?(
    identity: { readonly route: string; readonly profile: string },
    runtimeClock: object,
  ): FirstTrySuccessRecorder;
}
