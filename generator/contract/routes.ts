import { Node, SyntaxKind } from './ts-morph.js';
import type { ClassMemberTypes, PropertyDeclaration, TypeNode } from 'ts-morph';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { HttpMethod, RouteModel, TypeIR } from '../model.js';
import type { NamedRoute } from '../emit/name-clashes.js';
import type { ControllerInfo } from './controller.js';
import { readStringArgument } from './decorator-arguments.js';
import { METHOD_DECORATORS, readDecorators } from './decorators.js';
import { readDocComment, reportStrayTags } from './jsdoc.js';
import { formatPathShape, formatPathTemplate, listPathParams, parsePathTemplate } from './paths.js';
import type { ProblemList } from './problems.js';
import type { PathSegment } from './paths.js';
import { bindParameters } from './route-parameters.js';
import { readRouteOptions } from './route-options.js';
import type { RouteOptions } from './route-options.js';
import { readRouteSignature } from './route-signature.js';
import type { TypeConverter } from './type-converter.js';

/** A route as read, with what the checks across routes need. */
export interface ReadRoute {
  readonly model: RouteModel;
  /** The HTTP method decorator, where a duplicate route is reported. */
  readonly methodNode: Node;
  /** The method and the path with parameter names erased: routes with equal keys collide. */
  readonly collisionKey: string;
  /** `@FallbackValue`'s argument, where a mismatch with the response type is reported. */
  readonly fallbackNode?: Node;
  /** What the check of generated names needs of the route. */
  readonly names: NamedRoute;
}

/** The whole-contract facts reading a route needs. */
export interface RouteSite {
  readonly controller: ControllerInfo;
  readonly knownProfiles: readonly string[];
  readonly converter: TypeConverter;
}

/**
 * Reads one member of the contract class as a route, reporting every problem with it.
 * Answers `undefined` when it cannot be read far enough to make a route.
 */
export function readRoute(member: ClassMemberTypes, site: RouteSite): ReadRoute | undefined {
  const problems = site.converter.problems;
  if (!Node.isPropertyDeclaration(member) || member.isStatic() || !hasPlainName(member)) {
    const message =
      'a member of a contract class must be a route: an instance property typed as a function, such as `getUser!: (id: number) => Promise<User>`';
    const at = Node.hasName(member) ? member.getNameNode() : member;
    problems.report(at, Codes.CONTRACT_ROUTE_TYPE, message);

    return undefined;
  }
  const decorators = readDecorators(member.getDecorators(), 'route', problems);
  const methods = decorators.filter((found) => METHOD_DECORATORS[found.name] !== undefined);
  if (methods.length !== 1) {
    const message =
      methods.length === 0
        ? `the route '${member.getName()}' has no HTTP method decorator`
        : `the route '${member.getName()}' has more than one HTTP method decorator`;
    const hint = "give it exactly one of @Get('/path'), @Post, @Put, @Patch, @Delete";
    problems.report(
      methods[1]?.node ?? member.getNameNode(),
      Codes.CONTRACT_ROUTE_METHOD,
      message,
      hint,
    );

    return undefined;
  }
  const methodDecorator = methods[0]!;
  const method = METHOD_DECORATORS[methodDecorator.name]!;
  const signature = readRouteSignature(member, site.converter);
  const routePath = readStringArgument(methodDecorator, problems);
  if (signature === undefined || routePath === undefined) return undefined;

  const segments = joinPaths(site.controller.basePath, routePath.value, routePath.node, site);
  const parameters = bindParameters(
    signature.parameters,
    { method, pathParams: segments && listPathParams(segments), pathNode: routePath.node },
    site.converter,
  );
  const response = convertResponse(signature.response, site.converter);
  const options = readRouteOptions(member, method, decorators, response, site);
  if (segments === undefined || options === undefined || response === null) return undefined;

  const path = formatPathTemplate(segments);
  const model = assembleRoute(
    member,
    {
      method,
      path,
      parameters,
      pathOrder: listPathParams(segments),
      response,
      options,
    },
    site,
  );

  const parameterLocations = new Map(
    signature.parameters.map((declaration) => [
      declaration.getName(),
      problems.locate(declaration.getNameNode()),
    ]),
  );
  const names = {
    name: model.name,
    location: model.location,
    method,
    pathParams: listPathParams(segments),
    parameterLocations,
  };

  return {
    model,
    methodNode: methodDecorator.node,
    collisionKey: `${method} ${formatPathShape(segments)}`,
    names,
    ...(options.fallbackNode === undefined ? {} : { fallbackNode: options.fallbackNode }),
  };
}

/**
 * What the check of generated names needs of a member {@link readRoute} could not read into a
 * route, so that a name generated code cannot carry is reported with the member's other
 * problems; `undefined` for a member that has no plain name.
 */
export function nameUnreadRoute(
  member: ClassMemberTypes,
  problems: ProblemList,
): NamedRoute | undefined {
  if (!Node.isPropertyDeclaration(member) || member.isStatic() || !hasPlainName(member)) {
    return undefined;
  }

  return {
    name: readPropertyName(member),
    location: problems.locate(member.getNameNode()),
    pathParams: [],
    parameterLocations: new Map(),
  };
}

function hasPlainName(member: PropertyDeclaration): boolean {
  const kind = member.getNameNode().getKind();

  return kind === SyntaxKind.Identifier || kind === SyntaxKind.StringLiteral;
}

// Joins the base and route paths; answers undefined (after reporting) when either is malformed.
function joinPaths(
  basePath: readonly PathSegment[],
  routePath: string,
  node: Node,
  site: RouteSite,
): PathSegment[] | undefined {
  const parsed = parsePathTemplate(routePath);
  const problems = site.converter.problems;
  for (const { message, hint } of parsed.problems) {
    problems.report(node, Codes.CONTRACT_PATH_MALFORMED, message, hint);
  }
  const baseParams = new Set(listPathParams(basePath));
  const repeated = listPathParams(parsed.segments).filter((name) => baseParams.has(name));
  for (const name of repeated) {
    const message = `the path parameter ':${name}' is already in the controller's path`;
    problems.report(node, Codes.CONTRACT_PATH_MALFORMED, message, 'rename one');
  }

  return parsed.problems.length === 0 && repeated.length === 0
    ? [...basePath, ...parsed.segments]
    : undefined;
}

// Promise<void> (or Promise<undefined>) answers no body: undefined. null means "not readable".
function convertResponse(node: TypeNode, converter: TypeConverter): TypeIR | undefined | null {
  const kind = node.getKind();
  if (kind === SyntaxKind.VoidKeyword || kind === SyntaxKind.UndefinedKeyword) return undefined;

  return converter.convertType(node) ?? null;
}

interface RouteParts {
  readonly method: HttpMethod;
  readonly path: string;
  readonly parameters: RouteModel['parameters'];
  readonly pathOrder: readonly string[];
  readonly response: TypeIR | undefined;
  readonly options: RouteOptions;
}

function assembleRoute(
  member: PropertyDeclaration,
  parts: RouteParts,
  site: RouteSite,
): RouteModel {
  const problems = site.converter.problems;
  const doc = readDocComment(member, problems);
  reportStrayTags(doc.tags, 'a route', problems);
  const { parameters, options } = parts;
  const byPlace = (place: string) => parameters.find((parameter) => parameter.in === place);
  const query = byPlace('query');
  const headers = byPlace('headers');
  const body = byPlace('body');
  const pathParams = parts.pathOrder.flatMap((name) => parameters.filter((p) => p.name === name));

  return {
    name: readPropertyName(member),
    method: parts.method,
    path: parts.path,
    parameters,
    pathParams,
    ...(query === undefined ? {} : { query }),
    ...(headers === undefined ? {} : { headers }),
    ...(body === undefined ? {} : { body }),
    ...(parts.response === undefined ? {} : { response: parts.response }),
    status: options.status,
    profile: options.profile,
    idempotent: options.idempotent,
    ...(options.cache === undefined ? {} : { cache: options.cache }),
    ...(options.fallback === undefined ? {} : { fallback: options.fallback }),
    ...(doc.description === undefined ? {} : { description: doc.description }),
    location: problems.locate(member.getNameNode()),
  };
}

function readPropertyName(member: PropertyDeclaration): string {
  const node = member.getNameNode();

  return Node.isStringLiteral(node) ? node.getLiteralValue() : node.getText();
}
