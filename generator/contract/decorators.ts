import { Node } from './ts-morph.js';
import type { Decorator } from 'ts-morph';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { HttpMethod } from '../model.js';
import { formatDidYouMean } from '../suggest.js';
import type { ProblemList } from './problems.js';
import { findRuntimeExport, RUNTIME_MODULE } from './runtime-symbols.js';

/** Where a decorator may stand: on the contract class, on a route, or on either. */
type Placement = 'class' | 'route' | 'both';

/** resilgen's decorators (those of runtime/decorators.ts) and where each may stand. */
const DECORATOR_PLACEMENTS = Object.freeze({
  Controller: 'class',
  Resilience: 'both',
  Get: 'route',
  Post: 'route',
  Put: 'route',
  Patch: 'route',
  Delete: 'route',
  Status: 'route',
  Cache: 'route',
  FallbackValue: 'route',
  Idempotent: 'route',
} satisfies Record<string, Placement>);

/** The name of one of resilgen's decorators. */
export type DecoratorName = keyof typeof DECORATOR_PLACEMENTS;

/** The HTTP method each method decorator declares. */
export const METHOD_DECORATORS: Readonly<Partial<Record<DecoratorName, HttpMethod>>> =
  Object.freeze({ Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE' });

const DECORATOR_NAMES: readonly DecoratorName[] = Object.freeze(
  Object.keys(DECORATOR_PLACEMENTS) as DecoratorName[],
);

/** One of resilgen's decorators, found on a class or a route. */
export interface FoundDecorator {
  readonly name: DecoratorName;
  readonly node: Decorator;
  /** The call's arguments, in order. */
  readonly arguments: readonly Node[];
}

/** Tells whether `name` is one of resilgen's decorators. */
export function isDecoratorName(name: string): name is DecoratorName {
  return Object.hasOwn(DECORATOR_PLACEMENTS, name);
}

/**
 * Reads the decorators of the contract class or of one of its members, keeping resilgen's
 * and reporting the rest: unknown names, names not imported from `resilgen/runtime`,
 * decorators that are not called, misplaced ones and repeated ones.
 */
export function readDecorators(
  decorators: readonly Decorator[],
  where: 'class' | 'route',
  problems: ProblemList,
): FoundDecorator[] {
  const found: FoundDecorator[] = [];
  for (const decorator of decorators) {
    const name = identifyDecorator(decorator, problems);
    if (name === undefined) continue;

    const expression = decorator.getExpression();
    if (!Node.isCallExpression(expression)) {
      const message = `@${name} must be called, received \`@${expression.getText()}\``;
      problems.report(decorator, Codes.CONTRACT_DECORATOR_ARGUMENT, message, `write @${name}(...)`);
      continue;
    }
    if (!isPlacedWell(name, where)) {
      reportMisplaced(decorator, name, where, problems);
      continue;
    }
    if (found.some((other) => other.name === name)) {
      const message = `@${name} appears twice on the same ${where}`;
      problems.report(decorator, Codes.CONTRACT_DECORATOR_REPEATED, message, 'keep one');
      continue;
    }
    found.push({ name, node: decorator, arguments: expression.getArguments() });
  }

  return found;
}

/**
 * Names what a decorator denotes: the `resilgen/runtime` export it refers to (through
 * aliases and namespaces), else the name it is written with.
 */
export function nameDecorator(decorator: Decorator): { name: string; fromRuntime: boolean } {
  const expression = decorator.getExpression();
  const callee = Node.isCallExpression(expression) ? expression.getExpression() : expression;
  const exported = findRuntimeExport(callee);

  return exported === undefined
    ? { name: nameOf(callee), fromRuntime: false }
    : { name: exported, fromRuntime: true };
}

function identifyDecorator(decorator: Decorator, problems: ProblemList): DecoratorName | undefined {
  const { name: written, fromRuntime } = nameDecorator(decorator);
  if (fromRuntime && isDecoratorName(written)) return written;
  if (!fromRuntime && isDecoratorName(written)) {
    const message = `@${written} is not imported from '${RUNTIME_MODULE}'`;
    const hint = `add: import { ${written} } from '${RUNTIME_MODULE}';`;
    problems.report(decorator, Codes.CONTRACT_DECORATOR_IMPORT, message, hint);

    return undefined;
  }
  const message =
    `unknown decorator @${written}: a contract takes only ` +
    `${DECORATOR_NAMES.map((name) => `@${name}`).join(', ')}`;
  problems.report(
    decorator,
    Codes.CONTRACT_DECORATOR_UNKNOWN,
    message,
    formatDidYouMean(written, DECORATOR_NAMES),
  );

  return undefined;
}

function nameOf(callee: Node): string {
  if (Node.isPropertyAccessExpression(callee)) return callee.getName();

  return callee.getText();
}

function isPlacedWell(name: DecoratorName, where: 'class' | 'route'): boolean {
  const placement: Placement = DECORATOR_PLACEMENTS[name];

  return placement === 'both' || placement === where;
}

function reportMisplaced(
  decorator: Decorator,
  name: DecoratorName,
  where: 'class' | 'route',
  problems: ProblemList,
): void {
  const message =
    where === 'class'
      ? `@${name} belongs on a route (a property of the class), not on the class`
      : `@${name} belongs on the contract class, not on a route`;
  problems.report(decorator, Codes.CONTRACT_DECORATOR_PLACEMENT, message);
}
