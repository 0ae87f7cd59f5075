import { Node, SyntaxKind } from './ts-morph.js';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { JsonValue } from '../model.js';
import { unwrapExpression } from './decorator-arguments.js';
import type { ProblemList } from './problems.js';

/** The value read from a JSON literal; `value` may itself be `null`. */
export interface JsonLiteral {
  readonly value: JsonValue;
}

const JSON_ONLY =
  'only JSON literals are allowed: objects, arrays, strings, numbers, booleans, null';

/**
 * Reads the expression of `@FallbackValue(...)` as JSON data without evaluating it: object
 * and array literals, string literals (and templates without `${}`), finite numbers
 * (optionally negated), `true`, `false` and `null`. Reports every part that is anything
 * else, and answers `undefined` when there was one.
 */
export function readJsonLiteral(node: Node, problems: ProblemList): JsonLiteral | undefined {
  const value = readValue(node, problems);

  return value === undefined ? undefined : { value };
}

function readValue(written: Node, problems: ProblemList): JsonValue | undefined {
  const node = unwrapExpression(written);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
    return node.getLiteralValue();
  }
  if (Node.isNumericLiteral(node)) return readFiniteNumber(node, node.getLiteralValue(), problems);
  if (Node.isPrefixUnaryExpression(node)) return readNegativeNumber(node, problems);
  if (Node.isTrueLiteral(node)) return true;
  if (Node.isFalseLiteral(node)) return false;
  if (Node.isNullLiteral(node)) return null;
  if (Node.isArrayLiteralExpression(node)) return readArray(node.getElements(), problems);
  if (Node.isObjectLiteralExpression(node)) return readObject(node.getProperties(), problems);

  reportNotJson(node, problems);

  return undefined;
}

function readFiniteNumber(node: Node, value: number, problems: ProblemList): number | undefined {
  if (Number.isFinite(value)) return value;

  reportNotJson(node, problems);

  return undefined;
}

function readNegativeNumber(node: Node, problems: ProblemList): number | undefined {
  if (!Node.isPrefixUnaryExpression(node)) return undefined;

  const operand = unwrapExpression(node.getOperand());
  if (node.getOperatorToken() === SyntaxKind.MinusToken && Node.isNumericLiteral(operand)) {
    return readFiniteNumber(node, -operand.getLiteralValue(), problems);
  }
  reportNotJson(node, problems);

  return undefined;
}

// Lists and objects read every part, so that all bad parts are reported, and then fail whole.
function readArray(elements: readonly Node[], problems: ProblemList): JsonValue[] | undefined {
  const values: JsonValue[] = [];
  let complete = true;
  for (const element of elements) {
    const value = readValue(element, problems);
    if (value === undefined) complete = false;
    else values.push(value);
  }

  return complete ? values : undefined;
}

function readObject(properties: readonly Node[], problems: ProblemList): JsonValue | undefined {
  const result: Record<string, JsonValue> = {};
  const seen = new Set<string>();
  let complete = true;
  for (const property of properties) {
    const key = readKey(property, problems);
    if (key === undefined || !Node.isPropertyAssignment(property)) {
      complete = false;
      continue;
    }
    if (seen.has(key)) {
      const message = `@FallbackValue: the key '${key}' repeats`;
      problems.report(property, Codes.CONTRACT_FALLBACK_NOT_JSON, message, 'keep one');
      complete = false;
      continue;
    }
    seen.add(key);
    const value = readValue(property.getInitializerOrThrow(), problems);
    if (value === undefined) complete = false;
    // defineProperty, so that no key (whatever it spells) can reach the prototype.
    else
      Object.defineProperty(result, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }

  return complete ? result : undefined;
}

function readKey(property: Node, problems: ProblemList): string | undefined {
  if (!Node.isPropertyAssignment(property)) {
    reportNotJson(property, problems);

    return undefined;
  }
  const name = property.getNameNode();
  const key = Node.isIdentifier(name)
    ? name.getText()
    : Node.isStringLiteral(name) || Node.isNumericLiteral(name)
      ? String(name.getLiteralValue())
      : undefined;
  if (key === undefined) {
    reportNotJson(name, problems);

    return undefined;
  }
  if (key === '__proto__') {
    const message = `@FallbackValue: the key '__proto__' would set the object's prototype in JavaScript, not a key`;
    problems.report(name, Codes.CONTRACT_FALLBACK_NOT_JSON, message, 'rename the key');

    return undefined;
  }

  return key;
}

function reportNotJson(node: Node, problems: ProblemList): void {
  const text = node.getText();
  const message = `@FallbackValue holds \`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\`, which is not a JSON literal`;
  const hint = ['undefined', 'NaN', 'Infinity', '-Infinity'].includes(text)
    ? 'JSON has no such value: use null'
    : JSON_ONLY;
  problems.report(node, Codes.CONTRACT_FALLBACK_NOT_JSON, message, hint);
}
