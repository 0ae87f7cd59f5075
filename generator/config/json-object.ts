/** Helpers for the parsed JSON of a config: objects of null prototype, merged and frozen. */

/** A parsed JSON object (null prototype, string keys). */
export type JsonObject = Record<string, unknown>;

/** Tells whether `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges `override` over `base` key by key, into a new object of null prototype: objects
 * merge recursively; anything else in `override` (a number, an array, a wrong type) wins
 * whole. Neither input changes.
 */
export function mergeDeep(base: unknown, override: unknown): unknown {
  if (!isJsonObject(base) || !isJsonObject(override)) {
    return override === undefined ? base : override;
  }
  const merged: JsonObject = Object.create(null);
  for (const key of Object.keys(base)) {
    merged[key] = base[key];
  }
  for (const key of Object.keys(override)) {
    merged[key] = mergeDeep(merged[key], override[key]);
  }

  return merged;
}

/** Reads the value at `path` below `value`, or `undefined` when any step is missing. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = current[key];
  }

  return current;
}

/**
 * Freezes `value` and everything reachable from it, so that no consumer of a normalized
 * config can change what another one sees. Returns the same value.
 */
export function freezeDeep<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) {
      freezeDeep((value as Record<string, unknown>)[key]);
    }
  }

  return value;
}
