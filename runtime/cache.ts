import { LRUCache } from 'lru-cache';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { RUNTIME_DEFAULTS } from './defaults.js';

/** One cached answer and the times that rule it (clock ms). */
export interface CacheEntry<V> {
  readonly value: V;
  /** What a write invalidates by: the resource the answer belongs to (base URL and path). */
  readonly resource: string;
  /** Until then the entry is fresh: served without a call. */
  readonly freshUntil: number;
  /** Until then (after `freshUntil`) it is stale: served only as a fallback. Then it is gone. */
  readonly staleUntil: number;
}

/** Options of {@link ResponseCache}. */
export interface ResponseCacheOptions {
  /** Where time comes from; default the system clock. */
  readonly clock?: Clock;
  /** The most entries kept; the least recently used go first. Default 1000. */
  readonly maxEntries?: number;
}

/**
 * A bounded cache of answers (lru-cache underneath), with time from the injected clock. An
 * entry is fresh until its TTL, stale but servable as a fallback until TTL + stale TTL, and
 * gone after. Keys are whole requests (method, base URL, path, query, and a digest of the
 * caller's credentials), so one request never gets another's answer.
 */
export class ResponseCache<V = unknown> {
  readonly #clock: Clock;
  readonly #entries: LRUCache<string, CacheEntry<V>>;

  constructor(options: ResponseCacheOptions = {}) {
    const clock = options.clock ?? systemClock;
    this.#clock = clock;
    this.#entries = new LRUCache({
      max: options.maxEntries ?? RUNTIME_DEFAULTS.cache.maxEntries,
      // lru-cache drops an entry once its whole life (fresh + stale) is over, by our clock;
      // with a resolution of 0 it caches no reading of the clock (and starts no timer).
      perf: { now: () => clock.now() },
      ttlResolution: 0,
    });
  }

  /** How many entries are held (expired ones not yet dropped included). */
  get size(): number {
    return this.#entries.size;
  }

  /** The entry under `key` while it is fresh or stale, else `undefined`. */
  read(key: string): CacheEntry<V> | undefined {
    const entry = this.#entries.get(key);
    // lru-cache keeps an entry through the very millisecond its TTL ends; here it is gone then.
    if (entry && this.#clock.now() >= entry.staleUntil) {
      this.#entries.delete(key);

      return undefined;
    }

    return entry;
  }

  /** True while `entry` is fresh (see {@link CacheEntry.freshUntil}). */
  isFresh(entry: CacheEntry<V>): boolean {
    return this.#clock.now() < entry.freshUntil;
  }

  /**
   * Stores `value` under `key`. Nothing is stored when `ttlMs + staleTtlMs` is 0.
   *
   * @param resource - what a write to the same resource (or its collection) invalidates.
   * @param ttlMs - how long it is fresh, in milliseconds.
   * @param staleTtlMs - how long after that it may serve as a fallback, in milliseconds.
   */
  store(key: string, resource: string, value: V, ttlMs: number, staleTtlMs: number): void {
    const lifeMs = ttlMs + staleTtlMs;
    if (lifeMs <= 0) {
      return;
    }
    const now = this.#clock.now();
    const entry = { value, resource, freshUntil: now + ttlMs, staleUntil: now + lifeMs };
    this.#entries.set(key, entry, { ttl: lifeMs });
  }

  /**
   * Drops every entry whose resource is one of `resources`; returns how many.
   *
   * TODO: this scans every entry — it starts to matter when `maxEntries` reaches tens of
   * thousands and writes are frequent; an index from resource to keys would avoid the scan.
   */
  invalidate(resources: readonly string[]): number {
    const doomed: string[] = [];
    for (const [key, entry] of this.#entries.entries()) {
      if (resources.includes(entry.resource)) {
        doomed.push(key);
      }
    }
    for (const key of doomed) {
      this.#entries.delete(key);
    }

    return doomed.length;
  }

  /** Drops every entry. */
  clear(): void {
    this.#entries.clear();
  }
}
