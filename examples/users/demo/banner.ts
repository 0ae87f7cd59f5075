/**
 * The demo's banner: the seed's console text (nest4d-resilience-example.md, section 4) in
 * English, built from the generated package, so the routes, endpoints and numbers it shows
 * are the ones the servers run.
 */
import {
  CREATE_USER_POLICY,
  DELETE_USER_POLICY,
  GET_USER_POLICY,
  LIST_USERS_POLICY,
  UPDATE_USER_POLICY,
  USERS_ROUTES,
  USERS_SERVER_DEFAULTS,
} from '../../../generated/users/index.js';
import type { RoutePolicy } from 'resilgen/runtime';

/** Where the demo's servers listen. */
export interface BannerUrls {
  readonly gateway: string;
  readonly origin: string;
  readonly replica: string;
}

/** The first line of the banner; tests and scripts wait for it. */
export const BANNER_TITLE = '=== resilgen resilient server ===';

/** The line that says the servers are ready, with the gateway's URL after it. */
export const BANNER_READY = '🚀 Resilient server running at ';

const POLICIES: readonly RoutePolicy[] = [
  GET_USER_POLICY,
  LIST_USERS_POLICY,
  CREATE_USER_POLICY,
  UPDATE_USER_POLICY,
  DELETE_USER_POLICY,
];

// The seed's one-word character of each of its profiles; the numbers come from the policies.
const PROFILE_TRAITS: Readonly<Record<string, string>> = {
  default: 'circuit breaker, cache fallback',
  highAvailability: 'fast recovery, replica fallback',
  fastFail: 'fails fast',
};

const MONITORING_TEXT: Readonly<Record<string, string>> = {
  health: 'System health status',
  metrics: 'Performance metrics',
  resilience: 'Resilience statistics',
};

/** Builds the banner the demo prints once its three servers listen. */
export function formatBanner(urls: BannerUrls): string {
  const monitoring = (['health', 'metrics', 'resilience'] as const)
    .map((name) => USERS_SERVER_DEFAULTS.monitoring[name])
    .filter((endpoint) => endpoint.enabled)
    .map((endpoint) => {
      const name = endpoint.endpoint.slice(1);

      return `  GET ${endpoint.endpoint.padEnd(12)} - ${MONITORING_TEXT[name] ?? name}`;
    });
  const routes = USERS_ROUTES.map(
    (route) =>
      `  ${route.method.padEnd(6)} ${route.url.padEnd(14)} - ` +
      `${sentenceCase(route.name)} (${titleCase(route.profile)})`,
  );

  return [
    BANNER_TITLE,
    '',
    `${BANNER_READY}${urls.gateway}`,
    `   origin users service: ${urls.origin}   read-only replica: ${urls.replica}`,
    '',
    '📊 Monitoring endpoints:',
    ...monitoring,
    '',
    '👥 Users API:',
    ...routes,
    '',
    '🔧 Resilience profiles:',
    ...listProfiles().flatMap(describeProfile),
    '',
    `🧪 Stage outages: npm run scenarios, or PUT ${urls.origin}/chaos (see the README)`,
    '',
    'Press Ctrl-C to stop the servers.',
    '',
  ].join('\n');
}

/** Each profile once, the seed's order first (default, highAvailability, fastFail). */
function listProfiles(): RoutePolicy[] {
  const seen = new Map<string, RoutePolicy>();
  for (const policy of POLICIES) {
    if (!seen.has(policy.profile)) {
      seen.set(policy.profile, policy);
    }
  }

  return [...seen.values()];
}

/** The seed's summary line of a profile, then its numbers. */
function describeProfile(policy: RoutePolicy): string[] {
  const { retry, circuitBreaker: breaker, fallback } = policy;
  const attempts = retry.maxAttempts;
  const trait = PROFILE_TRAITS[policy.profile];
  const summary = [plural(attempts, 'attempt'), trait].filter(Boolean);
  const jittered = retry.jitter !== 'none' && retry.jitter !== false;
  const opensAfter =
    'failureThreshold' in breaker ? `${breaker.failureThreshold} failures` : 'its failure rate';
  const details = [
    attempts > 1
      ? `${retry.backoff ?? 'exponential'} backoff ${formatMs(retry.baseDelayMs)}` +
        `–${formatMs(retry.maxDelayMs)}${jittered ? ', jittered' : ''}`
      : 'no retry',
    `breaker opens after ${opensAfter} for ${formatMs(breaker.recoveryTimeoutMs)}`,
    fallback.enabled
      ? `fallback: ${(fallback.strategy ?? 'cache').replace('_', ' ')}`
      : 'no fallback',
  ];

  return [`  • ${titleCase(policy.profile)}: ${summary.join(', ')}`, `      ${details.join('; ')}`];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function formatMs(ms: number | undefined): string {
  if (ms === undefined) {
    return '?';
  }

  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** `highAvailability` → `High Availability`. */
function titleCase(name: string): string {
  return splitWords(name)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** `listUsers` → `List users`. */
function sentenceCase(name: string): string {
  const text = splitWords(name).join(' ').toLowerCase();

  return text.charAt(0).toUpperCase() + text.slice(1);
}

function splitWords(name: string): string[] {
  return name.split(/(?=[A-Z])/);
}
