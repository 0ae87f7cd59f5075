import { GeneratorErrorCodes } from '../error-codes.js';
import type { ConfigFinding } from './diagnostics.js';
import { CONFIG_DEFAULTS } from './defaults.js';
import { mergeDeep, readPath, type JsonObject } from './json-object.js';
import { listBreakerControlUrls, listEndpointPaths } from '../../runtime/server/path-syntax.js';

/** An endpoint of the generated server, and the switch that makes it exist. */
interface EndpointSpec {
  /** Where its section lies, such as `['monitoring', 'metrics']`. */
  readonly section: readonly string[];
  /** The boolean key that turns it on. */
  readonly switch: string;
  /** The methods it answers. */
  readonly methods: readonly string[];
}

const ENDPOINTS: readonly EndpointSpec[] = [
  { section: ['monitoring', 'metrics'], switch: 'enabled', methods: ['GET'] },
  { section: ['monitoring', 'health'], switch: 'enabled', methods: ['GET'] },
  { section: ['monitoring', 'resilience'], switch: 'enabled', methods: ['GET'] },
  { section: ['chaos'], switch: 'allowRuntimeControl', methods: ['GET', 'PUT'] },
];

/**
 * A path an endpoint that is on serves: its own, one of health's probes below it, or a route
 * URL of the breaker control below the resilience endpoint (`/resilience/breakers/:name/reset`).
 */
export interface ServedEndpointPath {
  readonly path: string;
  readonly methods: readonly string[];
  /** `monitoring.health`. */
  readonly name: string;
  /** The JSON pointer of its `endpoint` key. */
  readonly pointer: string;
  /** The endpoint as configured, which `path` is or lies below. */
  readonly endpoint: string;
  /** Whether the config writes the endpoint, rather than taking the default. */
  readonly written: boolean;
}

/**
 * Lists the paths the endpoints that are on serve, in the order of {@link ENDPOINTS}: the
 * server registers each, so two the same would keep it from starting.
 */
export function listServedEndpointPaths(config: JsonObject): ServedEndpointPath[] {
  const effective = mergeDeep(
    { monitoring: CONFIG_DEFAULTS.monitoring, chaos: CONFIG_DEFAULTS.chaos },
    config,
  );

  return ENDPOINTS.flatMap((spec) => {
    const endpoint = readPath(effective, [...spec.section, 'endpoint']);
    if (
      readPath(effective, [...spec.section, spec.switch]) !== true ||
      typeof endpoint !== 'string'
    ) {
      return [];
    }
    const written = readPath(config, [...spec.section, 'endpoint']) !== undefined;
    const name = spec.section.join('.');
    const pointer = `/${spec.section.join('/')}/endpoint`;

    const served = (path: string, methods: readonly string[]): ServedEndpointPath => ({
      path,
      methods,
      name,
      pointer,
      endpoint,
      written,
    });
    const controlled =
      name === 'monitoring.resilience' &&
      readPath(effective, [...spec.section, 'allowControl']) === true;

    return [
      ...listEndpointPaths(spec.section.at(-1)!, endpoint).map((path) =>
        served(path, spec.methods),
      ),
      ...(controlled ? listBreakerControlUrls(endpoint).map((url) => served(url, ['POST'])) : []),
    ];
  });
}

/**
 * Checks the monitoring and chaos sections beyond the schema: two endpoints that are on may
 * not serve one path (health's `/live` and `/ready` included), and a control switch that is
 * on without a token earns a warning, since then anyone who reaches the server can flip
 * breakers or inject faults.
 */
export function checkMonitoring(config: JsonObject): ConfigFinding[] {
  return [...checkEndpointClashes(config), ...checkControlTokens(config)];
}

function checkEndpointClashes(config: JsonObject): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const owners = new Map<string, ServedEndpointPath>();
  const reported = new Set<string>();
  for (const served of listServedEndpointPaths(config)) {
    const owner = owners.get(served.path);
    if (owner === undefined) {
      owners.set(served.path, served);
      continue;
    }
    if (owner.name === served.name || reported.has(served.name)) continue;
    // Report where the path is written: the later endpoint, unless only the earlier one is.
    const [at, other] = served.written || !owner.written ? [served, owner] : [owner, served];
    reported.add(at.name);
    findings.push({
      code: GeneratorErrorCodes.CONFIG_ENDPOINT_CLASH,
      pointer: at.pointer,
      message: describeClash(at, other),
      hint: 'give each endpoint its own path',
    });
  }

  return findings;
}

/** Says how two endpoints that are on come to serve one path, `at`'s and `other`'s. */
function describeClash(at: ServedEndpointPath, other: ServedEndpointPath): string {
  if (at.endpoint !== at.path) {
    return `${describeServed(at)} serves '${at.path}', which is ${other.name}.endpoint`;
  }

  return other.endpoint === other.path
    ? `${at.name}.endpoint '${at.path}' is also ${other.name}.endpoint`
    : `${at.name}.endpoint '${at.path}' is a path ${describeServed(other)} serves too`;
}

/** Names who serves a path: `monitoring.health.endpoint '/health'`. */
export function describeServed(served: ServedEndpointPath): string {
  return `${served.name}.endpoint '${served.endpoint}'`;
}

function checkControlTokens(config: JsonObject): ConfigFinding[] {
  const switches = [
    { section: ['monitoring', 'resilience'], flag: 'allowControl', what: 'circuit breakers' },
    { section: ['chaos'], flag: 'allowRuntimeControl', what: 'chaos faults' },
  ];

  return switches
    .filter(
      ({ section, flag }) =>
        readPath(config, [...section, flag]) === true &&
        readPath(config, [...section, 'token']) === undefined,
    )
    .map(({ section, flag, what }) => ({
      code: GeneratorErrorCodes.CONFIG_UNPROTECTED_CONTROL,
      severity: 'warning' as const,
      pointer: `/${[...section, flag].join('/')}`,
      message: `${section.join('.')}.${flag} is on without a token: anyone who reaches the server can change ${what}`,
      hint: `set ${section.join('.')}.token`,
    }));
}
