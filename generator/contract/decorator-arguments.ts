import { Node } from './ts-morph.js';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { CacheModel } from '../model.js';
import { formatDidYouMean } from '../suggest.js';
import type { FoundDecorator } from './decorators.js';
import type { ProblemList } from './problems.js';

/** A string argument of a decorator, with the node it was written at. */
export interface StringArgument {
  readonly value: string;
  readonly node: Node;
}

/** The options `@Cache` takes, each required or not. */
const CACHE_OPTIONS = Object.freeze({ ttl: true, staleTtl: false });

/** The success statuses `@Status` accepts. */
const SUCCESS_STATUS = Object.freeze({ min: 200, max: 299 });

const NO_EVALUATION = 'resilgen reads the contract without running it, so write the value itself';

/**
 * Checks that `found` has exactly `count` arguments, reporting it otherwise.
 * Answers whether it has.
 */
export function checkArgumentCount(
  found: FoundDecorator,
  count: number,
  problems: ProblemList,
): boolean {
  if (found.arguments.length === count) return true;

  const wanted = count === 0 ? 'no argument' : count === 1 ? 'one argument' : `${count} arguments`;
  const message = `@${found.name} takes ${wanted}, received ${found.arguments.length}`;
  problems.report(found.node, Codes.CONTRACT_DECORATOR_ARGUMENT, message);

  return false;
}

/** Reads the single string-literal argument of `@Controller`, `@Resilience` or `@Get` and co. */
export function readStringArgument(
  found: FoundDecorator,
  problems: ProblemList,
): StringArgument | undefined {
  if (!checkArgumentCount(found, 1, problems)) return undefined;

  const node = unwrapExpression(found.arguments[0]!);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
    return { value: node.getLiteralValue(), node };
  }
  const message = `@${found.name} takes a string literal, received \`${node.getText()}\``;
  problems.report(node, Codes.CONTRACT_DECORATOR_ARGUMENT, message, NO_EVALUATION);

  return undefined;
}

/** Reads `@Status(code)`: an integer literal from 200 to 299. */
export function readStatusArgument(
  found: FoundDecorator,
  problems: ProblemList,
): number | undefined {
  if (!checkArgumentCount(found, 1, problems)) return undefined;

  const node = unwrapExpression(found.arguments[0]!);
  const value = Node.isNumericLiteral(node) ? node.getLiteralValue() : undefined;
  if (value !== undefined && Number.isInteger(value)) {
    if (value >= SUCCESS_STATUS.min && value <= SUCCESS_STATUS.max) return value;
  }
  const message = `@Status takes a success status, an integer from ${SUCCESS_STATUS.min} to ${SUCCESS_STATUS.max}, received \`${node.getText()}\``;
  const hint = value === undefined ? NO_EVALUATION : 'error statuses need no declaration';
  problems.report(node, Codes.CONTRACT_DECORATOR_ARGUMENT, message, hint);

  return undefined;
}

/**
 * Reads `@Cache({ ttl, staleTtl? })`: an object literal whose values are non-negative
 * integer literals (milliseconds); `ttl: 0` keeps only the stale copy, for fallbacks. Unknown,
 * repeated or missing options and wrong values are reported, never skipped.
 */
export function readCacheArgument(
  found: FoundDecorator,
  problems: ProblemList,
): CacheModel | undefined {
  if (!checkArgumentCount(found, 1, problems)) return undefined;

  const node = unwrapExpression(found.arguments[0]!);
  if (!Node.isObjectLiteralExpression(node)) {
    const message = `@Cache takes an object literal such as { ttl: 60_000 }, received \`${node.getText()}\``;
    problems.report(node, Codes.CONTRACT_DECORATOR_ARGUMENT, message, NO_EVALUATION);

    return undefined;
  }
  const values = new Map<string, number | undefined>();
  let misspelt = false;
  for (const property of node.getProperties()) {
    const name = readOptionName(property, problems);
    if (name === undefined) {
      misspelt = true;
      continue;
    }

    if (values.has(name)) {
      problems.report(property, Codes.CONTRACT_DECORATOR_OPTION, `@Cache option '${name}' repeats`);
      continue;
    }
    values.set(name, readMillisecondsOption(property, name, problems));
  }
  if (!values.has('ttl')) {
    if (misspelt) return undefined;

    const message = '@Cache needs the option ttl, in milliseconds';
    problems.report(
      node,
      Codes.CONTRACT_DECORATOR_OPTION,
      message,
      'write @Cache({ ttl: 60_000 })',
    );

    return undefined;
  }
  const ttlMs = values.get('ttl');
  const staleTtlMs = values.get('staleTtl');
  if (ttlMs === undefined || (values.has('staleTtl') && staleTtlMs === undefined)) return undefined;

  return staleTtlMs === undefined ? { ttlMs } : { ttlMs, staleTtlMs };
}

function readOptionName(property: Node, problems: ProblemList): string | undefined {
  if (!Node.isPropertyAssignment(property)) {
    const message = `@Cache options are written \`name: value\`, received \`${property.getText()}\``;
    problems.report(property, Codes.CONTRACT_DECORATOR_OPTION, message, NO_EVALUATION);

    return undefined;
  }
  const nameNode = property.getNameNode();
  const name = Node.isIdentifier(nameNode)
    ? nameNode.getText()
    : Node.isStringLiteral(nameNode)
      ? nameNode.getLiteralValue()
      : undefined;
  if (name !== undefined && Object.hasOwn(CACHE_OPTIONS, name)) return name;

  const written = name ?? nameNode.getText();
  const known = Object.keys(CACHE_OPTIONS);
  const message = `unknown @Cache option '${written}': it takes ${known.join(', ')}`;
  problems.report(
    nameNode,
    Codes.CONTRACT_DECORATOR_OPTION,
    message,
    formatDidYouMean(written, known),
  );

  return undefined;
}

function readMillisecondsOption(
  property: Node,
  name: string,
  problems: ProblemList,
): number | undefined {
  if (!Node.isPropertyAssignment(property)) return undefined;

  const node = unwrapExpression(property.getInitializerOrThrow());
  const value = Node.isNumericLiteral(node) ? node.getLiteralValue() : undefined;
  if (value !== undefined && Number.isSafeInteger(value) && value >= 0) return value;

  const message =
    `@Cache option '${name}' takes an integer literal of at least 0 ` +
    `(milliseconds), received \`${node.getText()}\``;
  problems.report(node, Codes.CONTRACT_DECORATOR_OPTION, message);

  return undefined;
}

/**
 * Looks through parentheses and type-only wrappers (`as`, `satisfies`, `<T>x`, `x!`), which
 * change nothing at run time, to the expression itself.
 */
export function unwrapExpression(node: Node): Node {
  let current = node;
  while (
    Node.isParenthesizedExpression(current) ||
    Node.isAsExpression(current) ||
    Node.isSatisfiesExpression(current) ||
    Node.isTypeAssertion(current) ||
    Node.isNonNullExpression(current)
  ) {
    current = current.getExpression();
  }

  return current;
}
