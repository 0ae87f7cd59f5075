import type { ConfigFinding } from './config/diagnostics.js';
import { formatPointer } from './config/json-pointer.js';
import { describeServed, listServedEndpointPaths } from './config/check-monitoring.js';
import type { JsonObject } from './config/json-object.js';
import { routesOverlap } from '../runtime/server/path-syntax.js';
import { describeMonitoringConfig } from './emit/server-file.js';
import type { NormalizedConfig } from './config/types.js';
import { GeneratorErrorCodes } from './error-codes.js';
import type { ApiModel } from './model.js';
import { formatDidYouMean } from './suggest.js';

/**
 * Checks what only the config and the contract together can tell: each chaos fault names a
 * route of the contract (as `METHOD /path`) or `*`, since a fault on a route that does not
 * exist would silently never fire; and no route answers a path a monitoring endpoint or the
 * chaos control routes serve, since the server would not start (the same path twice) or
 * the route would lose those requests (`GET /api/users/:id` and `/api/users/metrics`).
 *
 * @returns one `RG_CHAOS_UNKNOWN_ROUTE` finding for every such fault, at its `route`, and one
 * `RG_CONFIG_ENDPOINT_CLASH` for every endpoint a route answers, at its `endpoint`, to be
 * placed in the config file like the config's own diagnostics.
 */
export function checkConfigAgainstContract(
  config: NormalizedConfig,
  model: ApiModel,
): ConfigFinding[] {
  return [...checkChaosRoutes(config, model), ...checkEndpointsAgainstRoutes(config, model)];
}

function checkChaosRoutes(config: NormalizedConfig, model: ApiModel): ConfigFinding[] {
  const routes = model.routes.map((route) => `${route.method} ${route.path}`);

  return config.chaos.faults.flatMap((fault, index) => {
    if (fault.route === '*' || routes.includes(fault.route)) {
      return [];
    }

    return [
      {
        code: GeneratorErrorCodes.CHAOS_UNKNOWN_ROUTE,
        pointer: formatPointer(['chaos', 'faults', index, 'route']),
        message:
          `the chaos fault names the route '${fault.route}', ` +
          'which the contract does not declare',
        hint:
          formatDidYouMean(fault.route, routes) ??
          `use '*' or one of: ${routes.map((route) => `'${route}'`).join(', ')}`,
      },
    ];
  });
}

function checkEndpointsAgainstRoutes(config: NormalizedConfig, model: ApiModel): ConfigFinding[] {
  const endpoints: JsonObject = {
    monitoring: describeMonitoringConfig(config),
    chaos: {
      allowRuntimeControl: config.chaos.allowRuntimeControl,
      endpoint: config.chaos.endpoint,
    },
  };
  const findings: ConfigFinding[] = [];
  const reported = new Set<string>();
  for (const served of listServedEndpointPaths(endpoints)) {
    const route = model.routes.find(
      (candidate) =>
        served.methods.includes(candidate.method) && routesOverlap(candidate.path, served.path),
    );
    if (route === undefined || reported.has(served.name)) continue;
    reported.add(served.name);
    findings.push({
      code: GeneratorErrorCodes.CONFIG_ENDPOINT_CLASH,
      pointer: served.pointer,
      message:
        (served.path === served.endpoint
          ? `${describeServed(served)} is a path`
          : `${describeServed(served)} serves '${served.path}', a path`) +
        ` the contract's route '${route.method} ${route.path}' answers too`,
      hint: `set ${served.name}.endpoint to a path no route of the contract matches`,
    });
  }

  return findings;
}
