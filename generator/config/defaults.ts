import { freezeDeep } from './json-object.js';
import type {
  NormalizedCache,
  NormalizedChaos,
  NormalizedMonitoring,
  NormalizedProfile,
  NormalizedResilienceEndpoint,
} from './types.js';

/** The settings of a profile that have defaults (all but its name, parents and service). */
export type ProfileDefaults = Pick<
  NormalizedProfile,
  'retry' | 'circuitBreaker' | 'fallback' | 'bulkhead' | 'timeout'
>;

/** The shape of {@link CONFIG_DEFAULTS}: every key of the config that has a default. */
export interface ConfigDefaults {
  /** What a profile starts from when it extends none. */
  readonly profile: ProfileDefaults;
  readonly services: Readonly<Record<string, never>>;
  readonly resilience: Readonly<Record<string, never>>;
  readonly monitoring: Omit<NormalizedMonitoring, 'resilience'> & {
    readonly resilience: Omit<NormalizedResilienceEndpoint, 'token'>;
  };
  readonly cache: NormalizedCache;
  readonly chaos: Omit<NormalizedChaos, 'token' | 'faults'> & { readonly faults: readonly [] };
}

/**
 * Every default of the config, in one place. The schema's `default`s say the same (a test
 * compares the two); durations are milliseconds, and 0 for a timeout means no limit.
 */
export const CONFIG_DEFAULTS: ConfigDefaults = freezeDeep({
  profile: {
    retry: {
      maxAttempts: 3,
      backoffType: 'exponential',
      baseDelay: 1000,
      maxDelay: 10000,
      jitter: 'full',
      budget: { enabled: true, ratio: 0.2, minRetriesPerSecond: 1, window: 10000 },
    },
    circuitBreaker: {
      enabled: true,
      type: 'consecutive',
      failureThreshold: 5,
      recoveryTimeout: 30000,
      halfOpenMaxCalls: 1,
      windowSize: 100,
      windowDuration: 60000,
      minimumCalls: 10,
      failureRateThreshold: 0.5,
      slowCallDuration: 0,
      slowCallRateThreshold: 1,
    },
    fallback: { enabled: false, strategy: 'cache' },
    bulkhead: { maxConcurrent: 0, maxQueue: 0, queueTimeout: 5000 },
    timeout: { attempt: 10000, total: 60000 },
  },
  services: {},
  resilience: {},
  monitoring: {
    metrics: { enabled: true, endpoint: '/metrics' },
    health: { enabled: true, endpoint: '/health' },
    resilience: { enabled: true, endpoint: '/resilience', allowControl: false },
  },
  cache: { maxEntries: 1000, ttl: 300000, staleTtl: 3600000 },
  chaos: { enabled: false, allowRuntimeControl: false, endpoint: '/chaos', faults: [] },
});
