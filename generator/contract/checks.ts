import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { NamedType } from '../model.js';
import { buildRootSchema } from './json-schema.js';
import type { ProblemList } from './problems.js';
import type { ReadRoute } from './routes.js';

// ajv-formats is CommonJS with `exports.default`: under NodeNext its default import is the
// module object, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

/**
 * Reports routes that answer the same method and path. Parameter names do not count:
 * `GET /:id` and `GET /:userId` are the same route to a router. The later route is
 * reported, pointing to the earlier one.
 */
export function checkDuplicateRoutes(routes: readonly ReadRoute[], problems: ProblemList): void {
  const first = new Map<string, ReadRoute>();
  for (const route of routes) {
    const earlier = first.get(route.collisionKey);
    if (earlier === undefined) {
      first.set(route.collisionKey, route);
      continue;
    }
    const { name, location } = earlier.model;
    const message = `the route '${route.model.name}' answers ${route.model.method} ${route.model.path}, as '${name}' (line ${location.line}) does already`;
    const hint =
      'give one of them another method or path (parameter names do not tell paths apart)';
    problems.report(route.methodNode, Codes.CONTRACT_ROUTE_DUPLICATE, message, hint);
  }
}

/**
 * Reports `@FallbackValue`s that the route's response schema rejects (with formats, as the
 * server would check them), and fallbacks on routes that answer no body.
 */
export function checkFallbacks(
  routes: readonly ReadRoute[],
  types: readonly NamedType[],
  problems: ProblemList,
): void {
  let ajv: Ajv | undefined;
  for (const route of routes) {
    const { fallback, response } = route.model;
    if (fallback === undefined || route.fallbackNode === undefined) continue;

    if (response === undefined) {
      const message = `the route '${route.model.name}' answers no body, so it has nothing to fall back to`;
      problems.report(
        route.fallbackNode,
        Codes.CONTRACT_FALLBACK_MISMATCH,
        message,
        'remove @FallbackValue',
      );
      continue;
    }
    ajv ??= createValidator();
    const validate = ajv.compile(buildRootSchema(response, types));
    if (validate(fallback.value)) continue;

    const message = `@FallbackValue does not match the response type of '${route.model.name}': ${describeErrors(validate.errors ?? [])}`;
    problems.report(route.fallbackNode, Codes.CONTRACT_FALLBACK_MISMATCH, message);
  }
}

function createValidator(): Ajv {
  // strict: false because the schemas are ours and checked by their own tests; allErrors
  // so that the message lists every mismatch.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);

  return ajv;
}

function describeErrors(errors: readonly ErrorObject[]): string {
  return errors
    .map(
      (error) =>
        `${error.instancePath === '' ? 'the value' : error.instancePath} ${error.message ?? 'is invalid'}`,
    )
    .join('; ');
}
