import { CONFIG_DEFAULTS, type ProfileDefaults } from './defaults.js';
import { mergeProfileChain } from './extends.js';
import { freezeDeep, isJsonObject, mergeDeep, type JsonObject } from './json-object.js';
import type {
  ConfigSource,
  JitterKind,
  NormalizedCache,
  NormalizedChaos,
  NormalizedConfig,
  NormalizedFault,
  NormalizedMonitoring,
  NormalizedProfile,
  NormalizedService,
} from './types.js';

/**
 * Builds the normalized config from a config that passed every check: parents merged into
 * each profile, then the profile over {@link CONFIG_DEFAULTS}; the seed's boolean jitter
 * named; each profile's service resolved; chaos faults given a `kind`. The result is deeply
 * frozen, and its records have no prototype.
 */
export function normalizeConfig(
  config: JsonObject,
  chains: ReadonlyMap<string, readonly string[]>,
  source: ConfigSource,
): NormalizedConfig {
  const services = normalizeServices(config.services);
  const names = Object.keys(services);
  const service =
    (config.service as string | undefined) ?? (names.length === 1 ? names[0] : undefined);
  const profiles = isJsonObject(config.resilience) ? config.resilience : {};
  const resilience: Record<string, NormalizedProfile> = Object.create(null);
  for (const [name, chain] of chains) {
    resilience[name] = normalizeProfile(name, mergeProfileChain(profiles, chain), chain, service);
  }
  const chaos = mergeDeep(CONFIG_DEFAULTS.chaos, config.chaos) as NormalizedChaos;

  return freezeDeep({
    source,
    service,
    services,
    resilience,
    monitoring: normalizeMonitoring(config.monitoring),
    cache: { ...(mergeDeep(CONFIG_DEFAULTS.cache, config.cache) as NormalizedCache) },
    chaos: {
      enabled: chaos.enabled,
      allowRuntimeControl: chaos.allowRuntimeControl,
      token: chaos.token,
      endpoint: chaos.endpoint,
      faults: chaos.faults.map(normalizeFault),
    },
  });
}

/** Maps the seed's `jitter: true` to `full` and `false` to `none`; names pass through. */
export function normalizeJitter(jitter: boolean | JitterKind): JitterKind {
  if (typeof jitter === 'boolean') {
    return jitter ? 'full' : 'none';
  }

  return jitter;
}

function normalizeProfile(
  name: string,
  own: JsonObject,
  chain: readonly string[],
  configService: string | undefined,
): NormalizedProfile {
  const merged = mergeDeep(CONFIG_DEFAULTS.profile, own) as ProfileDefaults & {
    service?: string;
    retry: { jitter: boolean | JitterKind };
  };

  return {
    name,
    extendsChain: chain.slice(1),
    service: merged.service ?? configService,
    retry: {
      ...merged.retry,
      jitter: normalizeJitter(merged.retry.jitter),
      budget: { ...merged.retry.budget },
    },
    circuitBreaker: { ...merged.circuitBreaker },
    fallback: { ...merged.fallback },
    bulkhead: { ...merged.bulkhead },
    timeout: { ...merged.timeout },
  };
}

function normalizeServices(value: unknown): Record<string, NormalizedService> {
  const services: Record<string, NormalizedService> = Object.create(null);
  if (!isJsonObject(value)) {
    return services;
  }
  for (const [name, entry] of Object.entries(value)) {
    const { baseUrl, alternativeBaseUrl } = entry as Omit<NormalizedService, 'name'>;
    services[name] = { name, baseUrl, alternativeBaseUrl };
  }

  return services;
}

function normalizeMonitoring(value: unknown): NormalizedMonitoring {
  const merged = mergeDeep(CONFIG_DEFAULTS.monitoring, value) as NormalizedMonitoring;

  return {
    metrics: { ...merged.metrics },
    health: { ...merged.health },
    resilience: { ...merged.resilience, token: merged.resilience.token },
  };
}

function normalizeFault(value: unknown): NormalizedFault {
  const fault = value as { route: string; rate: number; status?: number; latency?: number };
  const base = { route: fault.route, rate: fault.rate };
  if (fault.status !== undefined) {
    return { ...base, kind: 'error', status: fault.status };
  }

  return fault.latency !== undefined
    ? { ...base, kind: 'latency', latency: fault.latency }
    : { ...base, kind: 'drop' };
}
