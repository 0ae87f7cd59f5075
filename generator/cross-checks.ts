import type { NormalizedConfig } from './config/types.js';
import { GeneratorErrorCodes } from './error-codes.js';
import { GeneratorError } from './errors.js';
import type { ApiModel } from './model.js';
import { formatDidYouMean } from './suggest.js';

/**
 * Checks what only the config and the contract together can tell: each chaos fault names a
 * route of the contract (as `METHOD /path`) or `*`. A fault on a route that does not exist
 * would silently never fire.
 *
 * @throws {@link GeneratorError} `RG_CHAOS_UNKNOWN_ROUTE`, pointing into the config.
 */
export function checkConfigAgainstContract(config: NormalizedConfig, model: ApiModel): void {
  const routes = model.routes.map((route) => `${route.method} ${route.path}`);
  config.chaos.faults.forEach((fault, index) => {
    if (fault.route === '*' || routes.includes(fault.route)) {
      return;
    }
    throw new GeneratorError(
      GeneratorErrorCodes.CHAOS_UNKNOWN_ROUTE,
      `${config.source.file}  /chaos/faults/${index}/route  the chaos fault names the route ` +
        `'${fault.route}', which the contract does not declare`,
      {
        pointer: `/chaos/faults/${index}/route`,
        hint:
          formatDidYouMean(fault.route, routes) ??
          `use '*' or one of: ${routes.map((route) => `'${route}'`).join(', ')}`,
      },
    );
  });
}
