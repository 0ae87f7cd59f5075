/**
 * The names of the runtime benchmark's cases, apart from their code, so the runner can list
 * them without loading any resilience library.
 */

/** The cases, in the order the table lists them. */
export const RUNTIME_CASES = [
  'bare',
  'hand-written',
  'resilgen',
  'resilgen-events',
  'resilgen-no-metrics',
  'resilgen-timeouts',
  'cockatiel',
  'opossum',
] as const;

/** One of {@link RUNTIME_CASES}. */
export type RuntimeCaseName = (typeof RUNTIME_CASES)[number];

/** What each case stands for, for the table. */
export const CASE_LABELS: Readonly<Record<RuntimeCaseName, string>> = {
  bare: 'bare `async () => 1`',
  'hand-written': 'hand-written four policies',
  resilgen: 'resilgen execute + metrics',
  'resilgen-events': 'resilgen execute, events to a no-op subscriber',
  'resilgen-no-metrics': 'resilgen execute, no subscriber',
  'resilgen-timeouts': 'resilgen execute + metrics + timeouts',
  cockatiel: 'cockatiel wrap (fallback, bulkhead, retry, breaker)',
  opossum: 'opossum, defaults',
};
