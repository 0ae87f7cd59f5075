import type { RejectionKind, ResilienceEvent, RetryRefusal } from './events.js';
import type { CallOutcome, Counts, FallbackSource, TimeoutScope } from './metrics-labels.js';
import {
  CALL_OUTCOMES,
  FALLBACK_SOURCES,
  REJECTION_KINDS,
  RETRY_REFUSALS,
  TIMEOUT_SCOPES,
  addCount,
  createCounts,
} from './metrics-labels.js';

/** The events about one call of a route: every event but a breaker's transition. */
export type CallEvent = Exclude<ResilienceEvent, { type: 'breaker' }>;

/**
 * The counters of one route of one profile (or of several, when summed), all counted since the
 * registry was created. Every table has a fixed set of keys, so the record never grows.
 */
export interface RouteCounters {
  /** Attempts (HTTP calls made), by how each ended. */
  readonly attempts: Counts<CallOutcome>;
  /** Retries scheduled (each `retry` event). */
  retries: number;
  /** Retries the profile would have allowed but that did not happen, by reason. */
  readonly refusedRetries: Counts<RetryRefusal>;
  /** Finished calls, by how each ended. */
  readonly calls: Counts<CallOutcome>;
  /** Finished calls that made more than one attempt, by how each ended. */
  readonly retriedCalls: Counts<CallOutcome>;
  /** Calls a policy refused without an attempt, by the refusing policy. */
  readonly rejections: Counts<RejectionKind>;
  /** Calls a fallback answered, by the fallback's source. */
  readonly fallbacks: Counts<FallbackSource>;
  /** Cache lookups that found a fresh answer. */
  cacheHits: number;
  /** Cache lookups that found none. */
  cacheMisses: number;
  /** Timeouts that fired, by scope. */
  readonly timeouts: Counts<TimeoutScope>;
}

/** A route's counters with the labels they are kept under. */
export interface RouteSeries extends Readonly<RouteCounters> {
  readonly profile: string;
  /** The route template, `METHOD /path/:param`. */
  readonly route: string;
}

/** New counters, all zero. */
export function createRouteCounters(): RouteCounters {
  return {
    attempts: createCounts(CALL_OUTCOMES),
    retries: 0,
    refusedRetries: createCounts(RETRY_REFUSALS),
    calls: createCounts(CALL_OUTCOMES),
    retriedCalls: createCounts(CALL_OUTCOMES),
    rejections: createCounts(REJECTION_KINDS),
    fallbacks: createCounts(FALLBACK_SOURCES),
    cacheHits: 0,
    cacheMisses: 0,
    timeouts: createCounts(TIMEOUT_SCOPES),
  };
}

/** Counts `event` into `counters`. */
export function countRouteEvent(counters: RouteCounters, event: CallEvent): void {
  switch (event.type) {
    case 'attempt':
      addCount(counters.attempts, event.outcome);
      return;
    case 'retry':
      counters.retries += 1;
      return;
    case 'retry-refused':
      addCount(counters.refusedRetries, event.reason);
      return;
    case 'call':
      countCall(counters, event);
      return;
    case 'reject':
      addCount(counters.rejections, event.kind);
      return;
    case 'timeout':
      addCount(counters.timeouts, event.scope);
      return;
    case 'fallback':
      addCount(counters.fallbacks, event.source);
      return;
    case 'cache':
      countCacheLookup(counters, event.result);
      return;
    default:
      // A type a newer policy adds is not counted; the compiler flags it here first.
      event satisfies never;
  }
}

/** Adds every counter of `source` into `target`. */
export function addRouteCounters(target: RouteCounters, source: Readonly<RouteCounters>): void {
  addTable(target.attempts, source.attempts);
  target.retries += source.retries;
  addTable(target.refusedRetries, source.refusedRetries);
  addTable(target.calls, source.calls);
  addTable(target.retriedCalls, source.retriedCalls);
  addTable(target.rejections, source.rejections);
  addTable(target.fallbacks, source.fallbacks);
  target.cacheHits += source.cacheHits;
  target.cacheMisses += source.cacheMisses;
  addTable(target.timeouts, source.timeouts);
}

function countCall(counters: RouteCounters, event: CallEvent & { type: 'call' }): void {
  addCount(counters.calls, event.outcome);
  if (event.attempts > 1) {
    addCount(counters.retriedCalls, event.outcome);
  }
}

function countCacheLookup(counters: RouteCounters, result: 'hit' | 'miss'): void {
  if (result === 'hit') {
    counters.cacheHits += 1;
  } else {
    counters.cacheMisses += 1;
  }
}

function addTable<K extends string>(target: Counts<K>, source: Counts<K>): void {
  for (const key of Object.keys(source)) {
    addCount(target, key, source[key as K]);
  }
}
