/**
 * Which format `GET /metrics` answers in: the `format` query parameter when present, else the
 * `Accept` header's preference (RFC 9110 §12.5.1, media type parameters other than `q`
 * ignored), else JSON.
 */

/** A format the metrics endpoint can answer in. */
export type MetricsFormat = 'json' | 'prometheus' | 'openmetrics';

/** Each format's media type, in the order that breaks ties (JSON, the default, first). */
const MEDIA_TYPES: readonly (readonly [MetricsFormat, string])[] = [
  ['json', 'application/json'],
  ['prometheus', 'text/plain'],
  ['openmetrics', 'application/openmetrics-text'],
];

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

/**
 * Picks the metrics format. A `format` of `json`, `prometheus` or `openmetrics` wins; any other
 * non-empty `format` gives `undefined` (the caller answers 400). Without one, the format whose
 * media type the `accept` header rates highest, JSON on a tie (so `*\/*` gives JSON) and when
 * nothing offered is acceptable (monitoring answers rather than failing with 406).
 */
export function chooseMetricsFormat(
  format: string | undefined,
  accept: string | undefined,
): MetricsFormat | undefined {
  if (format !== undefined && format !== '') {
    return MEDIA_TYPES.find(([name]) => name === format)?.[0];
  }

  const ranges = parseAccept(accept ?? '');
  let best: MetricsFormat = 'json';
  let bestQ = 0;
  for (const [name, mediaType] of MEDIA_TYPES) {
    const q = rateMediaType(ranges, mediaType);
    if (q > bestQ) {
      best = name;
      bestQ = q;
    }
  }

  return best;
}

/** The parsed ranges of an `Accept` header; malformed entries are dropped. */
function parseAccept(header: string): MediaRange[] {
  return header.split(',').flatMap((entry) => {
    const [range = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    const [type, subtype, extra] = range.split('/');
    if (type === undefined || subtype === undefined || extra !== undefined || type === '') {
      return [];
    }

    return [{ type, subtype, q: readQuality(params) }];
  });
}

function readQuality(params: readonly string[]): number {
  const q = params.find((param) => param.startsWith('q='));
  const value = q === undefined ? 1 : Number(q.slice(2));

  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0;
}

/**
 * The quality of the most specific range that matches `mediaType` (the highest among equally
 * specific ones); 0 when none does.
 */
function rateMediaType(ranges: readonly MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.split('/');
  let specificity = -1;
  let quality = 0;
  for (const range of ranges) {
    const rank = rankMatch(range, type ?? '', subtype ?? '');
    if (rank < 0) {
      continue;
    }

    if (rank > specificity || (rank === specificity && range.q > quality)) {
      specificity = rank;
      quality = range.q;
    }
  }

  return quality;
}

/** 2 for an exact match, 1 for `type/*`, 0 for `*\/*`, -1 for no match. */
function rankMatch(range: MediaRange, type: string, subtype: string): number {
  if (range.type === type && range.subtype === subtype) {
    return 2;
  }

  if (range.type === type && range.subtype === '*') {
    return 1;
  }

  return range.type === '*' && range.subtype === '*' ? 0 : -1;
}
