import { GeneratorErrorCodes } from '../error-codes.js';
import type { ConfigFinding } from './diagnostics.js';
import { CONFIG_DEFAULTS } from './defaults.js';
import { mergeDeep, readPath, type JsonObject } from './merge.js';

const ENDPOINT_NAMES = ['metrics', 'health', 'resilience'] as const;

/**
 * Checks the monitoring and chaos sections beyond the schema: two enabled endpoints may not
 * share a path, and a control switch that is on without a token earns a warning, since then
 * anyone who reaches the server can flip breakers or inject faults.
 */
export function checkMonitoring(config: JsonObject): ConfigFinding[] {
  return [...checkEndpointClashes(config), ...checkControlTokens(config)];
}

function checkEndpointClashes(config: JsonObject): ConfigFinding[] {
  const monitoring = mergeDeep(CONFIG_DEFAULTS.monitoring, config.monitoring);
  const findings: ConfigFinding[] = [];
  const owners = new Map<string, string>();
  for (const name of ENDPOINT_NAMES) {
    const endpoint = readPath(monitoring, [name, 'endpoint']);
    if (readPath(monitoring, [name, 'enabled']) !== true || typeof endpoint !== 'string') {
      continue;
    }
    const owner = owners.get(endpoint);
    if (owner === undefined) {
      owners.set(endpoint, name);
      continue;
    }
    // Report where the path is written: the later endpoint, unless only the earlier one is.
    const writtenLater = readPath(config, ['monitoring', name, 'endpoint']) !== undefined;
    const [at, other] = writtenLater ? [name, owner] : [owner, name];
    findings.push({
      code: GeneratorErrorCodes.CONFIG_ENDPOINT_CLASH,
      pointer: `/monitoring/${at}/endpoint`,
      message: `monitoring.${at}.endpoint '${endpoint}' is also monitoring.${other}.endpoint`,
      hint: 'give each enabled endpoint its own path',
    });
  }

  return findings;
}

function checkControlTokens(config: JsonObject): ConfigFinding[] {
  const switches = [
    { section: ['monitoring', 'resilience'], flag: 'allowControl', what: 'breakers and counters' },
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
