import type { Node, PropertyDeclaration } from 'ts-morph';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { HttpMethod, RouteModel, TypeIR } from '../model.js';
import {
  checkArgumentCount,
  readCacheArgument,
  readStatusArgument,
  readStringArgument,
} from './decorator-arguments.js';
import type { FoundDecorator } from './decorators.js';
import { readJsonLiteral } from './json-literal.js';
import { checkProfile } from './profiles.js';
import type { RouteSite } from './routes.js';

/** Decorators that only make sense on a read. */
const READ_ONLY_DECORATORS: readonly string[] = Object.freeze(['Cache', 'FallbackValue']);

/** What a route's decorators other than its HTTP method say. */
export interface RouteOptions {
  readonly profile: string;
  readonly status: number;
  readonly idempotent: boolean;
  readonly cache?: RouteModel['cache'];
  readonly fallback?: RouteModel['fallback'];
  readonly fallbackNode?: Node;
}

/**
 * Reads what a route's decorators say besides its method: profile (the class's unless the
 * route names one), status (204 for no response, else 200, unless `@Status`), idempotency,
 * cache and fallback. Reports each problem; answers `undefined` when there was one.
 */
export function readRouteOptions(
  member: PropertyDeclaration,
  method: HttpMethod,
  decorators: readonly FoundDecorator[],
  response: TypeIR | undefined | null,
  site: RouteSite,
): RouteOptions | undefined {
  const problems = site.converter.problems;
  let profile = site.controller.defaultProfile;
  let status = response === undefined ? 204 : 200;
  let complete = true;
  const extra: {
    cache?: RouteModel['cache'];
    fallback?: RouteModel['fallback'];
    fallbackNode?: Node;
  } = {};
  for (const found of decorators) {
    if (method !== 'GET' && READ_ONLY_DECORATORS.includes(found.name)) {
      const message = `@${found.name} applies to GET routes only, not to ${method}`;
      problems.report(
        found.node,
        Codes.CONTRACT_DECORATOR_PLACEMENT,
        message,
        `remove @${found.name}`,
      );
      complete = false;
      continue;
    }
    switch (found.name) {
      case 'Resilience': {
        const argument = readStringArgument(found, problems);
        if (argument === undefined) complete = false;
        else profile = checkProfile(argument, site.knownProfiles, problems);
        break;
      }
      case 'Status': {
        const code = readStatusArgument(found, problems);
        if (code === undefined) complete = false;
        else if (code === 204 && response !== undefined && response !== null) {
          const message = 'a 204 answer has no body, yet the route returns one';
          problems.report(
            found.node,
            Codes.CONTRACT_DECORATOR_ARGUMENT,
            message,
            'return Promise<void>, or choose another status',
          );
          complete = false;
        } else status = code;
        break;
      }
      case 'Cache': {
        const cache = readCacheArgument(found, problems);
        if (cache === undefined) complete = false;
        else extra.cache = cache;
        break;
      }
      case 'FallbackValue': {
        const fallback = checkArgumentCount(found, 1, problems)
          ? readJsonLiteral(found.arguments[0]!, problems)
          : undefined;
        if (fallback === undefined) complete = false;
        else Object.assign(extra, { fallback, fallbackNode: found.arguments[0]! });
        break;
      }
      case 'Idempotent':
        if (!checkArgumentCount(found, 0, problems)) complete = false;
        break;
      default:
        break;
    }
  }
  if (profile === undefined) {
    const message = `the route '${member.getName()}' has no resilience profile`;
    const hint = "add @Resilience('<profile>') to the route, or to the class for every route";
    problems.report(member.getNameNode(), Codes.CONTRACT_PROFILE_MISSING, message, hint);

    return undefined;
  }
  const idempotent = decorators.some((found) => found.name === 'Idempotent');

  return complete ? { profile, status, idempotent, ...extra } : undefined;
}
