import type { BreakerState } from './events.js';
import type {
  BreakerControl,
  BreakerSnapshot,
  BulkheadSnapshot,
  ProfileSnapshot,
  ResilienceSource,
} from './snapshot.js';
import { rankBreakerState } from './metrics-labels.js';

/**
 * Reading the live policies' snapshots for the monitoring endpoints. Several sources (a
 * client, a server's load protection) may describe the same profile: their breakers and
 * bulkheads are merged under it, and the first source that retries gives `maxAttempts`.
 */

/** One profile as every source together describes it. */
export interface MergedProfile {
  readonly name: string;
  /** `undefined` when no source retries the profile's calls. */
  readonly maxAttempts: number | undefined;
  readonly breakers: readonly BreakerSnapshot[];
  readonly bulkheads: readonly BulkheadSnapshot[];
}

/** Every profile the sources describe, merged by name, in the order first described. */
export function readProfiles(sources: readonly ResilienceSource[]): MergedProfile[] {
  const merged = new Map<string, MergedProfile>();
  for (const profile of sources.flatMap((source) => source.snapshot())) {
    const found = merged.get(profile.name);
    merged.set(profile.name, found === undefined ? copyProfile(profile) : join(found, profile));
  }

  return [...merged.values()];
}

/** Every breaker the sources describe, in source order. */
export function readBreakers(sources: readonly ResilienceSource[]): BreakerSnapshot[] {
  return readProfiles(sources).flatMap((profile) => profile.breakers);
}

/** Every bulkhead the sources describe, in source order. */
export function readBulkheads(sources: readonly ResilienceSource[]): BulkheadSnapshot[] {
  return readProfiles(sources).flatMap((profile) => profile.bulkheads);
}

/**
 * The breaker in the most severe state (see {@link rankBreakerState}); among equals, the one
 * with the most current failures, then the first. `undefined` for no breakers.
 */
export function pickWorstBreaker(
  breakers: readonly BreakerSnapshot[],
): BreakerSnapshot | undefined {
  let worst: BreakerSnapshot | undefined;
  for (const breaker of breakers) {
    if (worst === undefined || compareSeverity(breaker, worst) > 0) {
      worst = breaker;
    }
  }

  return worst;
}

/** The most severe of `states`, or `closed` for none. */
export function pickWorstState(states: readonly BreakerState[]): BreakerState {
  return states.reduce<BreakerState>(
    (worst, state) => (rankBreakerState(state) > rankBreakerState(worst) ? state : worst),
    'closed',
  );
}

/** Tells whether `value` offers {@link BreakerControl}'s `isolate` and `reset`. */
export function isBreakerControl(value: unknown): value is BreakerControl {
  const candidate = value as Partial<BreakerControl> | null;

  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.isolate === 'function' &&
    typeof candidate.reset === 'function'
  );
}

/** A clock time (ms since the epoch) as an ISO 8601 string, or `null` for `null`. */
export function formatInstant(ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

function compareSeverity(a: BreakerSnapshot, b: BreakerSnapshot): number {
  const byState = rankBreakerState(a.state) - rankBreakerState(b.state);

  return byState !== 0 ? byState : a.currentFailures - b.currentFailures;
}

function copyProfile(profile: ProfileSnapshot): MergedProfile {
  return {
    name: profile.name,
    maxAttempts: profile.maxAttempts,
    breakers: [...profile.breakers],
    bulkheads: [...profile.bulkheads],
  };
}

function join(first: MergedProfile, next: ProfileSnapshot): MergedProfile {
  return {
    ...first,
    maxAttempts: first.maxAttempts ?? next.maxAttempts,
    breakers: [...first.breakers, ...next.breakers],
    bulkheads: [...first.bulkheads, ...next.bulkheads],
  };
}
