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
