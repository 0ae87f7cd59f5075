import { createRequire } from 'node:module';
import type { Ajv, ErrorObject } from 'ajv';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import { findNameClashes, type ContractNames } from '../emit/name-clashes.js';
import type { JsonValue, NamedType, TypeIR } from '../model.js';
import { buildRootSchema, type JsonSchema } from './json-schema.js';
import type { ProblemList } from './problems.js';
import type { ReadRoute } from './routes.js';
import { isSurelyValid } from './surely-valid.js';

// ajv is loaded only for a contract with fallbacks: most runs never need it.
const requireModule = createRequire(import.meta.url);

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
 * Reports the contract's names that generated code cannot carry: a route, class or path
 * parameter named like something generated code uses on its own or like a member every
 * JavaScript object has, two routes that become one identifier, a type named like an import
 * or a declaration of the generated files. All of them, each at its name.
 */
export function checkGeneratedNames(contract: ContractNames, problems: ProblemList): void {
  for (const { location, code, message, hint } of findNameClashes(contract)) {
    problems.reportAt(location, code, message, hint);
  }
}

/**
 * Reports `@FallbackValue`s that the route's response schema rejects (with formats, as the
 * server would check them), and fallbacks on routes that answer no body. A value that surely
 * matches its type needs no schema; the others are validated with ajv.
 */
export function checkFallbacks(
  routes: readonly ReadRoute[],
  types: readonly NamedType[],
  problems: ProblemList,
): void {
  const checked: { route: ReadRoute; type: TypeIR; value: JsonValue }[] = [];
  const byName = new Map(types.map((named) => [named.name, named]));
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
    if (!isSurelyValid(response, fallback.value, byName)) {
      checked.push({ route, type: response, value: fallback.value });
    }
  }
  const errors = checked.length === 0 ? [] : validateFallbacks(checked, types);
  checked.forEach(({ route }, index) => {
    if (errors[index]!.length === 0) return;

    const message =
      '@FallbackValue does not match the response type of ' +
      `'${route.model.name}': ${describeErrors(errors[index]!)}`;
    problems.report(route.fallbackNode!, Codes.CONTRACT_FALLBACK_MISMATCH, message);
  });
}

/**
 * Validates each value against its type's schema, all with one schema compiled once: one
 * property per value, the named types' definitions shared at the root. Compiling a schema
 * per route cost most of the time reading a 500-route contract took. The errors come back
 * per value, with paths as if each value had been validated alone.
 */
function validateFallbacks(
  cases: readonly { type: TypeIR; value: JsonValue }[],
  types: readonly NamedType[],
): ErrorObject[][] {
  const properties: Record<string, JsonSchema> = {};
  const definitions: Record<string, JsonSchema> = {};
  cases.forEach(({ type }, index) => {
    const { $defs, ...schema } = buildRootSchema(type, types) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    Object.assign(definitions, $defs);
    properties[String(index)] = schema;
  });
  const validate = createValidator().compile({
    type: 'object',
    properties,
    ...(Object.keys(definitions).length === 0 ? {} : { $defs: definitions }),
  });
  validate(Object.fromEntries(cases.map(({ value }, index) => [String(index), value])));
  const errors = cases.map((): ErrorObject[] => []);
  for (const error of validate.errors ?? []) {
    const [, index, ...path] = error.instancePath.split('/');
    const instancePath = path.length === 0 ? '' : `/${path.join('/')}`;
    errors[Number(index)]!.push({ ...error, instancePath });
  }

  return errors;
}

function createValidator(): Ajv {
  const { Ajv } = requireModule('ajv') as typeof import('ajv');
  const { default: addFormats } = requireModule('ajv-formats') as {
    default: typeof import('ajv-formats').default;
  };
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
