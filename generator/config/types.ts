/**
 * The normalized config: what `loadConfig` returns and the only view of the config that the
 * code generator uses. Every key of the config file is here under the same name, defaults
 * filled, `extends` resolved, and the seed's boolean `jitter` mapped to a named kind. The
 * whole value is deeply frozen. docs/config.md explains each key.
 */

/** A duration in milliseconds: an integer from 0 to 2147483647. */
export type Milliseconds = number;

/** A fraction from 0 to 1. */
export type Ratio = number;

/** How the wait before retry n grows: `baseDelay·2^(n-1)`, `baseDelay·n` or `baseDelay`. */
export type BackoffType = 'exponential' | 'fixed' | 'linear';

/** How a wait is randomized (the seed's `true` is `full`, its `false` is `none`). */
export type JitterKind = 'none' | 'full' | 'equal' | 'decorrelated';

/** What opens a circuit breaker: failures in a row, or a rate over a count or time window. */
export type BreakerType = 'consecutive' | 'count-window' | 'time-window';

/** The source a failed read tries first; the others follow in the usual order. */
export type FallbackStrategy = 'cache' | 'alternative_service' | 'default';

/** A profile's cap on retries across its calls. */
export interface NormalizedRetryBudget {
  /** Default `true`. */
  readonly enabled: boolean;
  /** Retries allowed per first attempt within the window. Default `0.2`. */
  readonly ratio: Ratio;
  /** Retries allowed each second on top of the ratio. Default `1`. */
  readonly minRetriesPerSecond: number;
  /** How far back calls and retries are counted. Default `10000` ms. */
  readonly window: Milliseconds;
}

/** A profile's retry policy. */
export interface NormalizedRetry {
  /** Attempts at most, the first included (1 = no retry). Default `3`. */
  readonly maxAttempts: number;
  /** Default `exponential`. */
  readonly backoffType: BackoffType;
  /** The wait before the first retry. Default `1000` ms. */
  readonly baseDelay: Milliseconds;
  /** The longest wait; jitter never exceeds it. Default `10000` ms. */
  readonly maxDelay: Milliseconds;
  /** Default `full`. */
  readonly jitter: JitterKind;
  readonly budget: NormalizedRetryBudget;
}

/** A profile's circuit breaker. Fields marked with a type are read only by that type. */
export interface NormalizedCircuitBreaker {
  /** Default `true`. */
  readonly enabled: boolean;
  /** Default `consecutive`. */
  readonly type: BreakerType;
  /** consecutive: failures in a row that open the breaker. Default `5`. */
  readonly failureThreshold: number;
  /** How long the breaker stays open before trial calls. Default `30000` ms. */
  readonly recoveryTimeout: Milliseconds;
  /** Trial calls a half-open breaker admits at once. Default `1`. */
  readonly halfOpenMaxCalls: number;
  /** count-window: the latest calls the rates cover. Default `100`. */
  readonly windowSize: number;
  /** time-window: how far back the rates reach. Default `60000` ms. */
  readonly windowDuration: Milliseconds;
  /** Window types: calls needed before a rate can open the breaker. Default `10`. */
  readonly minimumCalls: number;
  /** Window types: failure rate that opens the breaker. Default `0.5`. */
  readonly failureRateThreshold: Ratio;
  /** Window types: a call this long or longer is slow; 0 counts none. Default `0`. */
  readonly slowCallDuration: Milliseconds;
  /** Window types: slow-call rate that opens the breaker. Default `1`. */
  readonly slowCallRateThreshold: Ratio;
}

/** A profile's fallback for failed reads. */
export interface NormalizedFallback {
  /** Default `false`. */
  readonly enabled: boolean;
  /** Default `cache`. */
  readonly strategy: FallbackStrategy;
}

/** A profile's bulkhead. */
export interface NormalizedBulkhead {
  /** Calls in flight at once; 0 means no limit. Default `0`. */
  readonly maxConcurrent: number;
  /** Calls that may wait, FIFO; 0 means none. Default `0`. */
  readonly maxQueue: number;
  /** The longest wait in the queue. Default `5000` ms. */
  readonly queueTimeout: Milliseconds;
}

/** A profile's time limits; 0 means no limit. */
export interface NormalizedTimeout {
  /** One attempt. Default `10000` ms. */
  readonly attempt: Milliseconds;
  /** The whole call, every attempt and wait included. Default `60000` ms. */
  readonly total: Milliseconds;
}

/** A resilience profile with its parents merged in and every default filled. */
export interface NormalizedProfile {
  /** The profile's name, a key of {@link NormalizedConfig.resilience}. */
  readonly name: string;
  /** The profiles it extends, nearest first; empty when it extends none. */
  readonly extendsChain: readonly string[];
  /** The service its routes call: its own, the config's, or the only one; else undefined. */
  readonly service: string | undefined;
  readonly retry: NormalizedRetry;
  readonly circuitBreaker: NormalizedCircuitBreaker;
  readonly fallback: NormalizedFallback;
  readonly bulkhead: NormalizedBulkhead;
  readonly timeout: NormalizedTimeout;
}

/** An upstream service. */
export interface NormalizedService {
  /** The service's name, a key of {@link NormalizedConfig.services}. */
  readonly name: string;
  readonly baseUrl: string;
  /** The replica that the `alternative_service` fallback calls, if any. */
  readonly alternativeBaseUrl: string | undefined;
}

/** A monitoring endpoint that can be switched off. */
export interface NormalizedEndpoint {
  readonly enabled: boolean;
  /** A path starting with '/'. */
  readonly endpoint: string;
}

/** The `/resilience` endpoint, which may also accept control requests. */
export interface NormalizedResilienceEndpoint extends NormalizedEndpoint {
  /** Default `false`. */
  readonly allowControl: boolean;
  /** The bearer token control requests must carry, if any. */
  readonly token: string | undefined;
}

/** The monitoring endpoints. */
export interface NormalizedMonitoring {
  /** Default enabled at `/metrics`. */
  readonly metrics: NormalizedEndpoint;
  /** Default enabled at `/health`. */
  readonly health: NormalizedEndpoint;
  /** Default enabled at `/resilience`, control off. */
  readonly resilience: NormalizedResilienceEndpoint;
}

/** The response cache. */
export interface NormalizedCache {
  /** Default `1000`; 0 turns the cache off. */
  readonly maxEntries: number;
  /** How long an answer stays fresh. Default `300000` ms. */
  readonly ttl: Milliseconds;
  /** How long past fresh an answer may still serve a failed call. Default `3600000` ms. */
  readonly staleTtl: Milliseconds;
}

/** The fields every chaos fault has. */
interface NormalizedFaultBase {
  /** The route as the contract declares it (`GET /api/users/:id`), or `*` for every route. */
  readonly route: string;
  /** The share of the route's requests hit. */
  readonly rate: Ratio;
}

/** A chaos fault, by kind: an error status, added latency, or a dropped connection. */
export type NormalizedFault =
  | (NormalizedFaultBase & { readonly kind: 'error'; readonly status: number })
  | (NormalizedFaultBase & { readonly kind: 'latency'; readonly latency: Milliseconds })
  | (NormalizedFaultBase & { readonly kind: 'drop' });

/** Chaos engineering: faults injected on purpose. */
export interface NormalizedChaos {
  /** Default `false`. */
  readonly enabled: boolean;
  /** Default `false`. */
  readonly allowRuntimeControl: boolean;
  readonly token: string | undefined;
  /** Where the control routes live. Default `/chaos`. */
  readonly endpoint: string;
  readonly faults: readonly NormalizedFault[];
}

/** Where the config came from, for the banner of generated files. */
export interface ConfigSource {
  /** The path as the user gave it. */
  readonly file: string;
  /** The SHA-256 of the file's bytes, in hex. */
  readonly sha256: string;
}

/** A whole config, normalized. Records have no prototype and keep the file's key order. */
export interface NormalizedConfig {
  readonly source: ConfigSource;
  /** The service that profiles call unless they name one: the config's, or the only one. */
  readonly service: string | undefined;
  readonly services: Readonly<Record<string, NormalizedService>>;
  /** The profiles, by name. */
  readonly resilience: Readonly<Record<string, NormalizedProfile>>;
  readonly monitoring: NormalizedMonitoring;
  readonly cache: NormalizedCache;
  readonly chaos: NormalizedChaos;
}
