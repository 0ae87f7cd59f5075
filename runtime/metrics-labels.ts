import type { BreakerState, RejectionKind, RetryRefusal } from './events.js';

/**
 * The closed sets of values that metrics count by. Counting only by these (never by a value
 * taken from a request) keeps every table of counts at a fixed size.
 */

/** How an attempt or a call ended, as the events report it. */
export type CallOutcome = 'success' | 'failure' | 'passthrough';

/** Which fallback served a call. */
export type FallbackSource = 'stale-cache' | 'alternative' | 'default';

/** Which timeout fired: one attempt's, or the whole call's budget. */
export type TimeoutScope = 'attempt' | 'total';

/**
 * The profile and route (or breaker) label under which a registry counts whatever comes after
 * its `maxSeries` distinct ones.
 */
export const OVERFLOW_LABEL = '(other)';

/** A table of counts with one entry for every member of `K`. */
export type Counts<K extends string> = Record<K, number>;

function listKeys<K extends string>(members: Record<K, true>): readonly K[] {
  return Object.freeze(Object.keys(members) as K[]);
}

/** Every {@link CallOutcome}. */
export const CALL_OUTCOMES = listKeys<CallOutcome>({
  success: true,
  failure: true,
  passthrough: true,
});

/** Every {@link RetryRefusal}. */
export const RETRY_REFUSALS = listKeys<RetryRefusal>({
  budget: true,
  'not-idempotent': true,
  'circuit-open': true,
  'retry-after-beyond-budget': true,
  'attempts-exhausted': true,
});

/** Every {@link RejectionKind}. */
export const REJECTION_KINDS = listKeys<RejectionKind>({
  'circuit-open': true,
  'bulkhead-full': true,
  'bulkhead-queue-timeout': true,
});

/** Every {@link FallbackSource}. */
export const FALLBACK_SOURCES = listKeys<FallbackSource>({
  'stale-cache': true,
  alternative: true,
  default: true,
});

/** Every {@link TimeoutScope}. */
export const TIMEOUT_SCOPES = listKeys<TimeoutScope>({ attempt: true, total: true });

/** Every {@link BreakerState}, from the least to the most severe. */
export const BREAKER_STATES = listKeys<BreakerState>({
  closed: true,
  'half-open': true,
  open: true,
  isolated: true,
});

/** A table with a zero for each of `keys`. */
export function createCounts<K extends string>(keys: readonly K[]): Counts<K> {
  const counts = {} as Counts<K>;
  for (const key of keys) {
    counts[key] = 0;
  }

  return counts;
}

/**
 * Adds `amount` (default 1) to `counts[key]`. A key outside the table is ignored, so a value a
 * newer policy invents cannot grow the table.
 */
export function addCount<K extends string>(counts: Counts<K>, key: string, amount = 1): void {
  if (Object.hasOwn(counts, key)) {
    counts[key as K] += amount;
  }
}

/** The sum of every entry of `counts`. */
export function sumCounts<K extends string>(counts: Counts<K>): number {
  let total = 0;
  for (const value of Object.values<number>(counts)) {
    total += value;
  }

  return total;
}

/**
 * How severe a breaker state is, for picking the worst of several: closed 0, half-open 1,
 * open 2, isolated 3 (held open by hand, with no recovery of its own).
 */
export function rankBreakerState(state: BreakerState): number {
  return BREAKER_STATES.indexOf(state);
}
