import type { RouteRuntime } from './call-run.js';
import type { FallbackSource } from './resolve-policy.js';

/**
 * Serves one fallback source: the answer, or `undefined` when the source has nothing (no
 * stale entry, no alternative service, no declared default). A source that throws has
 * nothing either.
 */
export type FallbackProvider<A> = () => A | undefined | Promise<A | undefined>;

/** One provider per source; a missing one has nothing to serve. */
export type FallbackProviders<A> = Readonly<Partial<Record<FallbackSource, FallbackProvider<A>>>>;

/** An answer a fallback served, and which source served it. */
export interface ServedFallback<A> {
  readonly source: FallbackSource;
  readonly answer: A;
}

/**
 * Tries the route's fallback sources in its order (by default stale cache → alternative
 * service → declared default) after a failed call and returns the first answer, or
 * `undefined` when none has one; the caller then throws the original error. Emits a
 * `fallback` event for the source that served. Call it for failures only (see
 * `classifyFailure`): a 404 or 422 is the caller's to handle, never replaced.
 */
export async function serveFallback<A>(
  route: RouteRuntime,
  providers: FallbackProviders<A>,
): Promise<ServedFallback<A> | undefined> {
  for (const source of route.settings.fallbackOrder) {
    const answer = await tryProvider(providers[source]);
    if (answer !== undefined) {
      const { events, clock, settings } = route;
      if (events.active) {
        events.emit({ type: 'fallback', source, ...settings.identity, at: clock.now() });
      }

      return { source, answer };
    }
  }

  return undefined;
}

async function tryProvider<A>(provider: FallbackProvider<A> | undefined): Promise<A | undefined> {
  if (!provider) {
    return undefined;
  }
  try {
    return await provider();
  } catch {
    // A fallback that fails has nothing to serve; the next source is tried, and in the end
    // the caller sees the call's own error, which says what went wrong first.
    return undefined;
  }
}
