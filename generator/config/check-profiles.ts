import { GeneratorErrorCodes, type GeneratorErrorCode } from '../error-codes.js';
import type { ConfigFinding } from './diagnostics.js';
import type { ProfileView, SettingPath } from './profile-view.js';
import { computeRetryWaits, type RetryWaits } from './retry-waits.js';

const BASE_DELAY = ['retry', 'baseDelay'];
const MAX_DELAY = ['retry', 'maxDelay'];
const MAX_ATTEMPTS = ['retry', 'maxAttempts'];
const ATTEMPT = ['timeout', 'attempt'];
const THRESHOLD = ['circuitBreaker', 'failureThreshold'];
const TOTAL = ['timeout', 'total'];
// The longest duration the schema accepts (its `durationMs`): the longest timer Node.js keeps.
const MAX_DURATION_MS = 2_147_483_647;
const BACKOFF_TYPES: readonly unknown[] = ['exponential', 'linear', 'fixed'];
const JITTERS: readonly unknown[] = [true, false, 'none', 'full', 'equal', 'decorrelated'];
const TIMING_PATHS: readonly SettingPath[] = [
  TOTAL,
  ATTEMPT,
  MAX_ATTEMPTS,
  BASE_DELAY,
  MAX_DELAY,
  ['retry', 'backoffType'],
  ['retry', 'jitter'],
];

/** A rule that one setting may not exceed another, as in `baseDelay <= maxDelay`. */
interface OrderRule {
  readonly code: GeneratorErrorCode;
  readonly smaller: SettingPath;
  readonly larger: SettingPath;
  readonly isBroken: (smaller: number, larger: number) => boolean;
  readonly verb: string;
  readonly hint: string;
}

const ORDER_RULES: readonly OrderRule[] = [
  {
    code: GeneratorErrorCodes.CONFIG_DELAY_ORDER,
    smaller: BASE_DELAY,
    larger: MAX_DELAY,
    isBroken: (base, max) => base > max,
    verb: 'is greater than',
    hint: 'lower baseDelay or raise maxDelay',
  },
  {
    code: GeneratorErrorCodes.CONFIG_TIMEOUT_ORDER,
    smaller: ATTEMPT,
    larger: TOTAL,
    isBroken: isTimeoutLongerThanTotal,
    verb: 'is longer than',
    hint: 'an attempt can never run longer than the whole call: lower attempt or raise total',
  },
];

/**
 * Checks what the schema cannot say about one profile's numbers: `baseDelay <= maxDelay`,
 * an attempt timeout no longer than the total one, and (warnings) whether the worst-case
 * attempts and waits fit in the total timeout and whether the breaker lets every attempt
 * run. A problem is reported by the profile that writes one of the settings involved, at that
 * setting, so that a child does not repeat what its parent already got wrong.
 *
 * The checks run on configs that broke the schema too, so that every error is reported at
 * once, but they reason only about values the schema accepts: a value it refuses (a
 * threshold of 0, a `maxAttempts` of `1e400`, which JSON reads as Infinity) has its own
 * error, and a rule or a warning computed from it would be noise.
 */
export function checkProfileTimings(views: readonly ProfileView[]): ConfigFinding[] {
  return views.flatMap((view) => [
    ...ORDER_RULES.flatMap((rule) => checkOrder(view, rule)),
    ...checkTimeoutBudget(view),
    ...checkBreakerBeforeAttempts(view),
  ]);
}

/**
 * A consecutive breaker that opens before the last attempt: the attempts past its threshold
 * run only when other calls succeed in between, since an open breaker stops a call's retries.
 */
function checkBreakerBeforeAttempts(view: ProfileView): ConfigFinding[] {
  const attempts = readCount(view, MAX_ATTEMPTS);
  const threshold = readCount(view, THRESHOLD);
  const { enabled, type } = (view.settings.circuitBreaker ?? {}) as Record<string, unknown>;
  if (
    enabled !== true ||
    type !== 'consecutive' ||
    attempts === undefined ||
    threshold === undefined ||
    threshold >= attempts
  ) {
    return [];
  }
  const at = pickWritten(view, [THRESHOLD, MAX_ATTEMPTS]);
  if (at === undefined) {
    return [];
  }
  const lost = describeLostAttempts(threshold + 1, attempts);

  return [
    {
      code: GeneratorErrorCodes.CONFIG_BREAKER_BEFORE_ATTEMPTS,
      severity: 'warning',
      pointer: view.locate(at),
      message:
        `profile '${view.name}' allows maxAttempts ` +
        `${attempts}${view.describeSource(MAX_ATTEMPTS)}, ` +
        `but its breaker opens at failureThreshold ${threshold}` +
        `${view.describeSource(THRESHOLD)} failures in a row: against an upstream that keeps ` +
        `failing, ${lost}`,
      hint:
        'an open breaker stops the retries; raise failureThreshold to at least maxAttempts, ' +
        'or lower maxAttempts to failureThreshold',
    },
  ];
}

function checkOrder(view: ProfileView, rule: OrderRule): ConfigFinding[] {
  const smaller = readDuration(view, rule.smaller);
  const larger = readDuration(view, rule.larger);
  if (smaller === undefined || larger === undefined || !rule.isBroken(smaller, larger)) {
    return [];
  }
  const at = pickWritten(view, [rule.smaller, rule.larger]);
  if (at === undefined) {
    return [];
  }
  const describe = (path: SettingPath, value: number): string =>
    `${path.join('.')} ${value} ms${view.describeSource(path)}`;

  return [
    {
      code: rule.code,
      pointer: view.locate(at),
      message: `${describe(rule.smaller, smaller)} ${rule.verb} ${describe(rule.larger, larger)}`,
      hint: rule.hint,
    },
  ];
}

function checkTimeoutBudget(view: ProfileView): ConfigFinding[] {
  const attempts = readCount(view, MAX_ATTEMPTS);
  const attempt = readDuration(view, ATTEMPT);
  const total = readDuration(view, TOTAL);
  const waits = computeWorstWaits(view);
  if (
    attempts === undefined ||
    attempt === undefined ||
    total === undefined ||
    waits === undefined ||
    total === 0 ||
    isTimeoutLongerThanTotal(attempt, total)
  ) {
    return [];
  }
  const worst = waits.totalMs + attempts * attempt;
  const at = pickWritten(view, TIMING_PATHS);
  if (worst <= total || at === undefined) {
    return [];
  }
  const attemptsPart =
    attempt === 0
      ? `${attempts} attempts without an attempt timeout`
      : `${attempts} attempts × ${attempt} ms`;
  const more = waits.count > waits.firstWaits.length ? ' + …' : '';
  const listed = waits.count === 0 ? '0' : waits.firstWaits.join(' + ') + more;

  return [
    {
      code: GeneratorErrorCodes.CONFIG_TIMEOUT_BUDGET,
      severity: 'warning',
      pointer: view.locate(at),
      message:
        `profile '${view.name}' may need ${worst} ms, more than timeout.total ${total} ms: ` +
        `${attemptsPart} + waits ${listed} = ${worst} ms`,
      hint:
        'the last attempts would be cut short; ' +
        'lower maxAttempts or timeout.attempt, or raise timeout.total',
    },
  ];
}

function computeWorstWaits(view: ProfileView): RetryWaits | undefined {
  const maxAttempts = readCount(view, MAX_ATTEMPTS);
  const baseDelay = readDuration(view, BASE_DELAY);
  const maxDelay = readDuration(view, MAX_DELAY);
  const { backoffType, jitter } = (view.settings.retry ?? {}) as Record<string, unknown>;
  if (
    maxAttempts === undefined ||
    baseDelay === undefined ||
    maxDelay === undefined ||
    !BACKOFF_TYPES.includes(backoffType) ||
    !JITTERS.includes(jitter)
  ) {
    return undefined;
  }

  return computeRetryWaits({
    maxAttempts,
    backoffType: String(backoffType),
    baseDelay,
    maxDelay,
    jitter,
  });
}

/**
 * A count as the schema accepts it, an integer from 1, and a safe one: past 2^53 sums are no
 * longer exact, and no such count of attempts or failures can be meant.
 */
function readCount(view: ProfileView, path: SettingPath): number | undefined {
  const value = view.readNumber(path);

  return value !== undefined && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/** A duration as the schema accepts it: whole milliseconds from 0 to its maximum. */
function readDuration(view: ProfileView, path: SettingPath): number | undefined {
  const value = view.readNumber(path);
  if (value === undefined || !Number.isInteger(value)) {
    return undefined;
  }

  return value >= 0 && value <= MAX_DURATION_MS ? value : undefined;
}

/** Both limits on (0 is none) and the attempt's longer: an attempt can never use it all. */
function isTimeoutLongerThanTotal(attempt: number, total: number): boolean {
  return attempt > 0 && total > 0 && attempt > total;
}

/** The first of `paths` that the profile itself writes, if any. */
function pickWritten(view: ProfileView, paths: readonly SettingPath[]): SettingPath | undefined {
  return paths.find((path) => view.writes(path));
}

/** `attempt 5 never runs`, `attempts 4 and 5 never run`, `attempts 3 to 5 never run`. */
function describeLostAttempts(first: number, last: number): string {
  if (first === last) {
    return `attempt ${last} never runs`;
  }
  const which = last - first === 1 ? `${first} and ${last}` : `${first} to ${last}`;

  return `attempts ${which} never run`;
}
