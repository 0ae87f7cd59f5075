import { GeneratorErrorCodes } from '../error-codes.js';
import type { ConfigFinding } from './diagnostics.js';
import { CONFIG_DEFAULTS } from './defaults.js';
import { mergeDeep, readPath, type JsonObject } from './json-object.js';

/** An endpoint of the generated server, and the switch that makes it exist. */
interface EndpointSpec {
  /** Where its section lies, such as `['monitoring', 'metrics']`. */
  readonly section: readonly string[];
  /** The boolean key that turns it on. */
  readonly switch: string;
}

const ENDPOINTS: readonly EndpointSpec[] = [
  { section: ['monitoring', 'metrics'], switch: 'enabled' },
  { section: ['monitoring', 'health'], switch: 'enabled' },
  { section: ['monitoring', 'resilience'], switch: 'enabled' },
  { section: ['chaos'], switch: 'allowRuntimeControl' },
];

/**
 * Checks the monitoring and chaos sections beyond the schema: two endpoints that are on may
 * not share a path, and a control switch that is on without a token earns a warning, since
 * then anyone who reaches the server can flip breakers or inject faults.
 */
export function checkMonitoring(config: JsonObject): ConfigFinding[] {
  return [...checkEndpointClashes(config), ...checkControlTokens(config)];
}

function checkEndpointClashes(config: JsonObject): ConfigFinding[] {
  const effective = mergeDeep(
    { monitoring: CONFIG_DEFAULTS.monitoring, chaos: CONFIG_DEFAULTS.chaos },
    config,
  );
  const findings: ConfigFinding[] = [];
  const owners = new Map<string, EndpointSpec>();
  for (const spec of ENDPOINTS) {
    const endpoint = readPath(effective, [...spec.section, 'endpoint']);
    if (
      readPath(effective, [...spec.section, spec.switch]) !== true ||
      typeof endpoint !== 'string'
    ) {
      continue;
    }
    const owner = owners.get(endpoint);
    if (owner === undefined) {
      owners.set(endpoint, spec);
      continue;
    }
    // Report where the path is written: the later endpoint, unless only the earlier one is.
    const writtenLater = readPath(config, [...spec.section, 'endpoint']) !== undefined;
    const [at, other] = writtenLater ? [spec, owner] : [owner, spec];
    findings.push({
      code: GeneratorErrorCodes.CONFIG_ENDPOINT_CLASH,
      pointer: `/${at.section.join('/')}/endpoint`,
      message: `${at.section.join('.')}.endpoint '${endpoint}' is also ${other.section.join('.')}.endpoint`,
      hint: 'give each endpoint its own path',
    });
  }

  return findings;
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
