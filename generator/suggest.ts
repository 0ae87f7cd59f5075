import levenshtein from 'damerau-levenshtein';

/**
 * Finds the candidate nearest to a misspelt `input`, for "did you mean" hints. Returns
 * `undefined` when nothing is close enough to be a plausible typo: at most a third of the
 * input's length (and at least one) edits away, compared without regard to case. Two
 * neighbouring letters swapped (`Cahce`) count as one edit, as typing makes them.
 */
export function findNearest(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase();
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = levenshtein(wanted, candidate.toLowerCase()).steps;
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }

  return bestDistance <= limit ? best : undefined;
}

/** Formats the hint for {@link findNearest}'s answer, or `undefined` when there is none. */
export function formatDidYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const nearest = findNearest(input, candidates);

  return nearest === undefined ? undefined : `did you mean '${nearest}'?`;
}
