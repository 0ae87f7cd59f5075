import { RuntimeErrorCodes } from './error-codes.js';
import { RuntimeError } from './errors.js';
import type { CallIdentity } from './errors.js';

/** The numbers a policy field accepts, and how a message words them. */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly whole: boolean;
  readonly wording: string;
}

/** A whole number of at least 1 (attempts, thresholds, slots). */
export const COUNT: Range = { min: 1, max: Infinity, whole: true, wording: 'a whole number ≥ 1' };
/** A whole number of at least 0 (queue lengths). */
export const WHOLE: Range = { min: 0, max: Infinity, whole: true, wording: 'a whole number ≥ 0' };
/** A duration in milliseconds, 0 or more. */
export const MS: Range = { min: 0, max: Infinity, whole: false, wording: 'milliseconds ≥ 0' };
/** A duration in milliseconds, at least 1 (window spans). */
export const POSITIVE_MS: Range = {
  min: 1,
  max: Infinity,
  whole: false,
  wording: 'milliseconds ≥ 1',
};
/** A ratio in `[0, 1]`. */
export const RATIO: Range = { min: 0, max: 1, whole: false, wording: 'a ratio in [0, 1]' };
/** A non-negative rate (per second). */
export const RATE: Range = { min: 0, max: Infinity, whole: false, wording: 'a number ≥ 0' };

/** Checks a policy's values one by one; each failure names the field and the route. */
export class PolicyChecker {
  readonly #identity: CallIdentity;

  /** @param identity - the route and profile every message names. */
  constructor(identity: CallIdentity) {
    this.#identity = identity;
  }

  /**
   * Returns `value` when it is a number in `range`.
   *
   * @throws {@link RuntimeError} `RT_INVALID_POLICY` otherwise.
   */
  range(field: string, value: unknown, range: Range): number {
    const ok =
      typeof value === 'number' &&
      value >= range.min &&
      value <= range.max &&
      (!range.whole || Number.isInteger(value));
    if (!ok) {
      this.#fail(field, value, range.wording);
    }

    return value as number;
  }

  /** Returns `value` when absent or a duration in milliseconds; throws like {@link range}. */
  optional(field: string, value: number | undefined): number | undefined {
    return value === undefined ? undefined : this.range(field, value, MS);
  }

  /** Returns `value` when it is one of `allowed`; throws like {@link range}. */
  oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
    if (!allowed.includes(value as T)) {
      this.#fail(field, value, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
    }

    return value as T;
  }

  #fail(field: string, value: unknown, wanted: string): never {
    throw new RuntimeError(
      RuntimeErrorCodes.INVALID_POLICY,
      `expected ${field} to be ${wanted}, received ${JSON.stringify(value) ?? 'undefined'}; ` +
        "fix the route's policy (or the config it was generated from)",
      this.#identity,
    );
  }
}
