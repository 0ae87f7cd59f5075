import { ENDPOINT_RULE, isEndpointPath } from '../server/path-syntax.js';
import { failServerOption } from '../server/served-paths.js';
import { compileValidator, formatValidationErrors } from '../validation.js';
import type { ValidationIssue } from '../validation.js';

/** What a fault does to a request it hits. */
export type ChaosFaultKind = 'error' | 'latency' | 'drop';

/**
 * One fault rule. Rules are tried in order for each request of a matching route; each draws
 * its own number against `rate`.
 */
export interface ChaosFault {
  /** The route, as `METHOD /path/:param` (such as `GET /api/users/:id`), or `*` for every route. */
  readonly route: string;
  /** The share of matching requests hit, from 0 (none) to 1 (all). */
  readonly rate: number;
  /**
   * `error`: answer `status` with a `chaos_fault` error body instead of running the handler;
   * `latency`: wait `latencyMs` before handling the request; `drop`: close the connection
   * without an answer.
   */
  readonly kind: ChaosFaultKind;
  /** The status of an `error` fault, 400 to 599. Default: 500. */
  readonly status?: number;
  /** The added wait of a `latency` fault, in milliseconds, at most 600 000; required for it. */
  readonly latencyMs?: number;
}

/** The part of chaos that may change at run time (`PUT /chaos`), as `GET /chaos` shows it. */
export interface ChaosState {
  /** Whether faults are injected at all. */
  readonly enabled: boolean;
  readonly faults: readonly ChaosFault[];
}

/**
 * Fault injection on a server's contract routes (never on monitoring or on `/chaos`), as plain
 * data, for chaos experiments. Off unless `enabled`.
 */
export interface ChaosOptions {
  /** Whether faults are injected. Default: `false`. */
  readonly enabled?: boolean;
  /**
   * Serve `GET` and `PUT` on `endpoint` to read and replace `enabled` and `faults` at run time.
   * Default: `false`: the routes do not exist (404).
   */
  readonly allowRuntimeControl?: boolean;
  /**
   * The bearer token the control routes require (`Authorization: Bearer <token>`, compared in
   * constant time). Default: none, so anyone who reaches the port may change the faults; set
   * one whenever the port is reachable from outside. No env var is read: pass it yourself.
   */
  readonly token?: string | undefined;
  /** Where the control routes live. Default: `/chaos`. */
  readonly endpoint?: string;
  /** The fault rules. Default: none. */
  readonly faults?: readonly ChaosFault[];
  /**
   * Seeds the random draws so a run repeats exactly (see `createSeededRandom`). Default: none,
   * `Math.random` decides. A server's `random` option, when given, takes precedence.
   */
  readonly seed?: number;
}

/** {@link ChaosOptions} with every default filled in. */
export interface ChaosSettings extends ChaosState {
  readonly allowRuntimeControl: boolean;
  readonly token: string | undefined;
  readonly endpoint: string;
  readonly seed: number | undefined;
}

/** The defaults of {@link ChaosOptions}. */
export const CHAOS_DEFAULTS = Object.freeze({
  enabled: false,
  allowRuntimeControl: false,
  endpoint: '/chaos',
  faults: Object.freeze([]) as readonly ChaosFault[],
});

/** The most fault rules chaos holds. */
export const CHAOS_MAX_FAULTS = 100;

/** The JSON Schema of {@link ChaosState}: the body of `PUT /chaos`. */
export const CHAOS_STATE_SCHEMA = Object.freeze({
  type: 'object',
  required: ['enabled', 'faults'],
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    faults: {
      type: 'array',
      maxItems: CHAOS_MAX_FAULTS,
      items: {
        type: 'object',
        required: ['route', 'rate', 'kind'],
        additionalProperties: false,
        properties: {
          route: { type: 'string', minLength: 1, maxLength: 300 },
          rate: { type: 'number', minimum: 0, maximum: 1 },
          kind: { type: 'string', enum: ['error', 'latency', 'drop'] },
          status: { type: 'integer', minimum: 400, maximum: 599 },
          latencyMs: { type: 'integer', minimum: 0, maximum: 600_000 },
        },
        if: { properties: { kind: { const: 'latency' } } },
        then: { properties: { latencyMs: true }, required: ['latencyMs'] },
      },
    },
  },
});

const isChaosState = compileValidator<ChaosState>(CHAOS_STATE_SCHEMA);

/**
 * Checks a {@link ChaosState} against {@link CHAOS_STATE_SCHEMA} and that every fault names
 * `*` or one of `routes`. Returns the problems as error-body details; `[]` when it is valid.
 */
export function checkChaosState(state: unknown, routes: readonly string[]): ValidationIssue[] {
  if (!isChaosState(state)) {
    return formatValidationErrors(isChaosState.errors, 'body');
  }
  const unknown = state.faults.findIndex((f) => f.route !== '*' && !routes.includes(f.route));
  if (unknown < 0) {
    return [];
  }

  return [
    {
      location: 'body',
      path: `/faults/${unknown}/route`,
      message: `must be '*' or one of the server's routes: ${routes.join(', ')}`,
    },
  ];
}

/**
 * Merges `options` over {@link CHAOS_DEFAULTS} and checks them.
 *
 * @param routes the server's routes, as `METHOD /path/:param`.
 * @throws {@link RuntimeError} `RT_INVALID_SERVER_OPTIONS` naming the first bad option.
 */
export function resolveChaosOptions(
  options: ChaosOptions | undefined,
  routes: readonly string[],
): ChaosSettings {
  const settings: ChaosSettings = {
    enabled: options?.enabled ?? CHAOS_DEFAULTS.enabled,
    allowRuntimeControl: options?.allowRuntimeControl ?? CHAOS_DEFAULTS.allowRuntimeControl,
    token: options?.token,
    endpoint: options?.endpoint ?? CHAOS_DEFAULTS.endpoint,
    faults: options?.faults ?? CHAOS_DEFAULTS.faults,
    seed: options?.seed,
  };
  const [problem] = checkChaosState({ enabled: settings.enabled, faults: settings.faults }, routes);
  if (problem !== undefined) {
    failServerOption(`chaos${problem.path.replace(/\//g, '.')}`, problem.message);
  }
  if (settings.token !== undefined && (typeof settings.token !== 'string' || !settings.token)) {
    failServerOption('chaos.token', 'must be a non-empty string, or left out');
  }
  if (typeof settings.endpoint !== 'string' || !isEndpointPath(settings.endpoint)) {
    failServerOption(
      'chaos.endpoint',
      `must be ${ENDPOINT_RULE}; ` + `received ${JSON.stringify(settings.endpoint)}`,
    );
  }

  return settings;
}
