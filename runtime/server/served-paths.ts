import type { ChaosSettings } from '../chaos/options.js';
import { RuntimeErrorCodes } from '../error-codes.js';
import { RuntimeError } from '../errors.js';
import type { MonitoringSettings } from '../monitoring-options.js';
import { listBreakerControlUrls, listEndpointPaths, routesOverlap } from './path-syntax.js';

/** A path the server answers besides the contract's routes, and who asked for it. */
interface ServedPath {
  readonly path: string;
  readonly methods: readonly string[];
  /** The option that put it there, as the error names it. */
  readonly option: string;
}

/**
 * Checks that the monitoring endpoints (the breaker control's `POST` routes included), the
 * chaos control routes and the contract's routes leave each other room: fastify would refuse
 * two routes on one path with its own error, and a contract route with a parameter
 * (`GET /api/users/:id`) would silently lose the requests for an endpoint it also matches
 * (`/api/users/metrics`) to the endpoint.
 *
 * @param monitoring the resolved endpoints, or `undefined` when monitoring is off.
 * @throws {@link RuntimeError} `RT_INVALID_SERVER_OPTIONS` naming the option and the route.
 */
export function checkServedPaths(
  routes: readonly { readonly method: string; readonly url: string }[],
  monitoring: MonitoringSettings['endpoints'] | undefined,
  chaos: ChaosSettings,
): void {
  const served: ServedPath[] = [];
  for (const [name, entry] of Object.entries(monitoring ?? {})) {
    if (!entry.enabled) continue;
    const option = `monitoring.config.${name}.endpoint`;
    for (const path of listEndpointPaths(name, entry.endpoint)) {
      served.push({ path, methods: ['GET'], option });
    }
    if ('allowControl' in entry && entry.allowControl === true) {
      for (const path of listBreakerControlUrls(entry.endpoint)) {
        served.push({ path, methods: ['POST'], option });
      }
    }
  }
  if (chaos.allowRuntimeControl) {
    const chaosPath = { path: chaos.endpoint, methods: ['GET', 'PUT'], option: 'chaos.endpoint' };
    const taken = served.find((other) => other.path === chaosPath.path);
    if (taken !== undefined) {
      failServerOption(
        chaosPath.option,
        `is ${taken.option}'s path ${JSON.stringify(taken.path)} as well`,
      );
    }
    served.push(chaosPath);
  }
  for (const route of routes) {
    const clash = served.find(
      (entry) => entry.methods.includes(route.method) && routesOverlap(route.url, entry.path),
    );
    if (clash !== undefined) {
      failServerOption(
        clash.option,
        `gives ${JSON.stringify(clash.path)}, which the route '${route.method} ${route.url}' ` +
          'answers too: move the endpoint to a path no route matches',
      );
    }
  }
}

/** Throws `RT_INVALID_SERVER_OPTIONS`: `Server option '<option>' <problem>`. */
export function failServerOption(option: string, problem: string): never {
  throw new RuntimeError(
    RuntimeErrorCodes.INVALID_SERVER_OPTIONS,
    `Server option '${option}' ${problem}`,
  );
}
