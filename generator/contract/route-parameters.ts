import { Node } from './ts-morph.js';
import type { ParameterDeclaration } from 'ts-morph';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { HttpMethod, ParameterPlace, RouteParameter, TypeIR } from '../model.js';
import { formatDidYouMean } from '../suggest.js';
import { describeType } from './constraints.js';
import type { TypeConverter } from './type-converter.js';

/** The parameter names that bind to a part of the request other than the path. */
const NAMED_PLACES: ReadonlyMap<string, ParameterPlace> = new Map([
  ['body', 'body'],
  ['query', 'query'],
  ['headers', 'headers'],
]);

/** Methods whose requests carry no body. */
const BODYLESS_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'DELETE']);

/** What binding a route's parameters needs to know about the route. */
export interface BindingSite {
  readonly method: HttpMethod;
  /** The path's parameter names in order; `undefined` when the path could not be read. */
  readonly pathParams: readonly string[] | undefined;
  /** Where unbound path parameters are reported: the path's string literal. */
  readonly pathNode: Node;
}

// TODO: read JSDoc schema tags on route parameters (`@minimum 1` on `id`) — matters once a path
// parameter needs a constraint; until then give it a named type with the tags.
/**
 * Binds a route's function parameters by name: a path parameter's name, `body`, `query`
 * or `headers`. Reports a parameter that binds to nothing, a path parameter without a
 * function parameter, a body on GET or DELETE, and types that cannot travel where their
 * parameter does. Answers the parameters in declaration order, those that could be read.
 */
export function bindParameters(
  declarations: readonly ParameterDeclaration[],
  site: BindingSite,
  converter: TypeConverter,
): RouteParameter[] {
  const parameters: RouteParameter[] = [];
  for (const declaration of declarations) {
    const parameter = bindParameter(declaration, site, converter);
    if (parameter !== undefined) parameters.push(parameter);
  }
  const declared = new Set(declarations.map((declaration) => declaration.getName()));
  for (const name of site.pathParams ?? []) {
    if (declared.has(name)) continue;

    const message = `the path parameter ':${name}' has no function parameter named '${name}'`;
    const hint = `add ${name}: string (or number) to the function type's parameters`;
    converter.problems.report(site.pathNode, Codes.CONTRACT_PATH_PARAM_UNBOUND, message, hint);
  }

  return parameters;
}

function bindParameter(
  declaration: ParameterDeclaration,
  site: BindingSite,
  converter: TypeConverter,
): RouteParameter | undefined {
  const problems = converter.problems;
  const nameNode = declaration.getNameNode();
  if (!Node.isIdentifier(nameNode) || declaration.isRestParameter()) {
    const message = `a route parameter is a plain name such as 'id' or 'body', received \`${declaration.getText()}\``;
    problems.report(
      declaration,
      Codes.CONTRACT_PARAM_TYPE,
      message,
      'name the parameter; binding is by name',
    );

    return undefined;
  }
  const name = nameNode.getText();
  const place = findPlace(name, site);
  if (place === undefined) {
    reportUnknown(declaration, name, site, converter);

    return undefined;
  }
  const typeNode = declaration.getTypeNode();
  if (typeNode === undefined) {
    const message = `the parameter '${name}' needs a type`;
    problems.report(declaration, Codes.CONTRACT_PARAM_TYPE, message);

    return undefined;
  }
  const optional = declaration.hasQuestionToken();
  const type = converter.convertType(typeNode, { optional });
  if (type === undefined) return undefined;

  checkPlace(declaration, { name, in: place, type, optional }, site, converter);

  return { name, in: place, type, optional };
}

function findPlace(name: string, site: BindingSite): ParameterPlace | undefined {
  if (site.pathParams === undefined) return NAMED_PLACES.get(name) ?? 'path';
  if (site.pathParams.includes(name)) return 'path';

  return NAMED_PLACES.get(name);
}

function reportUnknown(
  declaration: ParameterDeclaration,
  name: string,
  site: BindingSite,
  converter: TypeConverter,
): void {
  const candidates = [...(site.pathParams ?? []), ...NAMED_PLACES.keys()];
  const path = (site.pathParams ?? []).map((param) => `:${param}`).join(', ') || 'none';
  const message = `the parameter '${name}' binds to nothing: it is no path parameter (${path}), nor body, query or headers`;
  const hint =
    formatDidYouMean(name, candidates) ?? `add :${name} to the path, or rename the parameter`;
  converter.problems.report(declaration.getNameNode(), Codes.CONTRACT_PARAM_UNKNOWN, message, hint);
}

function checkPlace(
  declaration: ParameterDeclaration,
  parameter: RouteParameter,
  site: BindingSite,
  converter: TypeConverter,
): void {
  const problems = converter.problems;
  const at = declaration.getNameNode();
  switch (parameter.in) {
    case 'body':
      if (BODYLESS_METHODS.has(site.method)) {
        const message = `a ${site.method} request carries no body, yet the route declares one`;
        const hint = 'send the data as query parameters, or use POST, PUT or PATCH';
        problems.report(at, Codes.CONTRACT_BODY_NOT_ALLOWED, message, hint);
      }
      return;
    case 'path':
      if (parameter.optional) {
        problems.report(
          at,
          Codes.CONTRACT_PARAM_TYPE,
          `the path parameter '${parameter.name}' cannot be optional`,
          'remove the ?',
        );
      }
      if (!isScalar(parameter.type, converter)) {
        reportShape(
          at,
          parameter,
          'a string, number, integer, boolean or union of literals',
          converter,
        );
      }
      return;
    case 'query':
    case 'headers':
      checkFields(at, parameter, converter);
      return;
  }
}

// Query parameters may repeat (arrays); headers are single values.
function checkFields(at: Node, parameter: RouteParameter, converter: TypeConverter): void {
  const resolved = converter.named.resolve(parameter.type);
  const fits =
    resolved?.kind === 'object' &&
    resolved.properties.every(
      ({ type }) =>
        isScalar(type, converter) ||
        (parameter.in === 'query' && type.kind === 'array' && isScalar(type.items, converter)),
    );
  if (fits) return;

  const wanted =
    parameter.in === 'query'
      ? 'an object type whose properties are strings, numbers, booleans, literals or arrays of them'
      : 'an object type whose properties are strings, numbers, booleans or literals';
  reportShape(at, parameter, wanted, converter);
}

function reportShape(
  at: Node,
  parameter: RouteParameter,
  wanted: string,
  converter: TypeConverter,
): void {
  const message = `'${parameter.name}' (${parameter.in}) must be ${wanted}, received ${describeType(parameter.type)}`;
  converter.problems.report(at, Codes.CONTRACT_PARAM_TYPE, message);
}

function isScalar(type: TypeIR, converter: TypeConverter): boolean {
  const resolved = converter.named.resolve(type);
  switch (resolved?.kind) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'literal':
    case 'enum':
      return true;
    default:
      return false;
  }
}
