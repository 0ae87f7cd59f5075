import type { ConfigFinding } from './config/diagnostics.js';
import { formatPointer } from './config/json-pointer.js';
import type { NormalizedConfig } from './config/types.js';
import { GeneratorErrorCodes } from './error-codes.js';
import type { ApiModel } from './model.js';
import { formatDidYouMean } from './suggest.js';

/**
 * Checks what only the config and the contract together can tell: each chaos fault names a
 * route of the contract (as `METHOD /path`) or `*`. A fault on a route that does not exist
 * would silently never fire.
 *
 * @returns one `RG_CHAOS_UNKNOWN_ROUTE` finding for every such fault, at its `route`, to be
 * placed in the config file like the config's own diagnostics.
 */
export function checkConfigAgainstContract(
  config: NormalizedConfig,
  model: ApiModel,
): ConfigFinding[] {
  const routes = model.routes.map((route) => `${route.method} ${route.path}`);

  return config.chaos.faults.flatMap((fault, index) => {
    if (fault.route === '*' || routes.includes(fault.route)) {
      return [];
    }

    return [
      {
        code: GeneratorErrorCodes.CHAOS_UNKNOWN_ROUTE,
        pointer: formatPointer(['chaos', 'faults', index, 'route']),
        message: `the chaos fault names the route '${fault.route}', which the contract does not declare`,
        hint:
          formatDidYouMean(fault.route, routes) ??
          `use '*' or one of: ${routes.map((route) => `'${route}'`).join(', ')}`,
      },
    ];
  });
}
