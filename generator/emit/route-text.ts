import type { RouteModel, RouteParameter } from '../model.js';
import type { Expression, TypeNode } from '../print/code.js';
import { call, identifier, keywordType, stringLiteral } from '../print/nodes.js';
import { toIdentifier } from './identifiers.js';
import { toJsDocText } from './jsdoc.js';
import { toTypeNode } from './type-nodes.js';

/**
 * Pieces of code about one route that both the client and the server emitters write:
 * parameter lists, the path expression, the answer type, the route's JSDoc.
 */

/** A parameter of a generated method: its identifier and its type. */
export interface ParameterText {
  readonly name: string;
  readonly type: TypeNode;
  readonly optional: boolean;
  readonly source: RouteParameter;
}

/** The route's parameters as a generated method takes them, in the contract's order. */
export function listParameters(route: RouteModel): ParameterText[] {
  return route.parameters.map((parameter) => ({
    name: toIdentifier(parameter.name),
    type: toTypeNode(parameter.type, { docs: false }),
    optional: parameter.optional,
    source: parameter,
  }));
}

/** The type a route answers with: `void` for a route without a body. */
export function writeResponseType(route: RouteModel): TypeNode {
  return route.response === undefined
    ? keywordType('void')
    : toTypeNode(route.response, { docs: false });
}

/**
 * The expression of a route's path with its parameters encoded, as a concatenation of string
 * literals and `encodePathParam(...)` calls (never a template literal, so no path text can
 * open an interpolation).
 */
export function writePathExpression(
  route: RouteModel,
  valueOf: (name: string) => string,
): Expression {
  const parts: Expression[] = [];
  let literal = '';
  for (const segment of route.path.split('/').slice(1)) {
    literal += '/';
    if (segment.startsWith(':')) {
      parts.push(
        stringLiteral(literal),
        call('encodePathParam', [identifier(valueOf(segment.slice(1)))]),
      );
      literal = '';
    } else {
      literal += segment;
    }
  }
  if (literal !== '' || parts.length === 0) {
    parts.push(stringLiteral(literal === '' ? '/' : literal));
  }

  return parts.reduce((left, right) => ({ kind: 'binary', operator: '+', left, right }));
}

/**
 * The JSDoc of a route's generated method: its description, then its route and profile, and
 * a link to its policy constant when that is in scope.
 */
export function describeRoute(route: RouteModel, policyName?: string): string {
  const lines: string[] = [];
  if (route.description !== undefined) {
    lines.push(toJsDocText(route.description), '');
  }
  const link = policyName === undefined ? '.' : `: see {@link ${policyName}}.`;
  lines.push(toJsDocText(`\`${route.method} ${route.path}\`, profile \`${route.profile}\`${link}`));

  return lines.join('\n');
}
