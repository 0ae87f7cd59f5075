/**
 * A source of numbers in `[0, 1)`, like `Math.random`. Chaos draws one per matching fault and
 * request, so a seeded source makes a run repeatable.
 */
export type RandomSource = () => number;

/**
 * A seeded {@link RandomSource} (the mulberry32 generator): the same seed gives the same
 * sequence on every run and platform. Good for repeatable chaos experiments and tests; not for
 * anything secret.
 *
 * @param seed any number; only its low 32 bits count.
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;

    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
