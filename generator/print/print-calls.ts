import type { Call, Expression } from './code.js';
import { nodeTypeOf, type Place } from './context.js';
import {
  breakParent,
  conditionalGroup,
  group,
  hardline,
  ifBreak,
  indent,
  join,
  line,
  softline,
  unsure,
  willBreak,
  type Doc,
} from './doc.js';
import { printElementLookup, printExpression } from './print-expressions.js';
import { printTypeArguments } from './print-types.js';

/**
 * Calls in prettier's layout: arguments on one line, or the last one hugging the
 * parentheses when it is an object or array, or one argument a line; and calls on member
 * accesses as prettier's member chains, which break before each `.call()` when too long.
 */

/** Lays out a call standing at `place`. */
export function printCall(call: Call, place: Place): Doc {
  if (isMemberish(call.callee)) {
    return printMemberChain(call, place);
  }

  const printed = [
    printExpression(call.callee, { parent: 'callee' }),
    printTypeArguments(call.typeArguments),
    printCallArguments(call.arguments),
  ];

  // A curried call (`f(a)(b)`) is grouped so its inner arguments break last.
  return call.callee.kind === 'call' ? group(printed) : printed;
}

function isMemberish(expression: Expression): boolean {
  return expression.kind === 'member' || expression.kind === 'element';
}

/** `(a, b, c)`, as prettier's `printCallArguments`. */
export function printCallArguments(args: readonly Expression[]): Doc {
  if (args.length === 0) {
    // A group, as prettier's: it marks where its printer decides a layout, which matters
    // after a hard line printed flat.
    return group('()');
  }
  const place: Place = { parent: 'argument' };
  const printed = args.map((arg, index) =>
    index === args.length - 1
      ? printExpression(arg, place)
      : [printExpression(arg, place), ',', line],
  );
  const allBroken = (): Doc =>
    group(['(', indent([line, ...printed]), ',', line, ')'], { shouldBreak: true });
  if (isFunctionComposition(args)) {
    return allBroken();
  }
  if (shouldHugLastArgument(args)) {
    const head = printed.slice(0, -1);
    if (head.some(willBreak)) {
      return allBroken();
    }
    const last = printExpression(args.at(-1)!, { ...place, expandLastArg: true });
    if (willBreak(last)) {
      return [
        breakParent,
        conditionalGroup([['(', ...head, group(last, { shouldBreak: true }), ')'], allBroken()]),
      ];
    }

    return conditionalGroup([
      ['(', ...head, last, ')'],
      ['(', ...head, group(last, { shouldBreak: true }), ')'],
      allBroken(),
    ]);
  }

  return group(['(', indent([softline, ...printed]), ifBreak(','), softline, ')'], {
    shouldBreak: printed.some(willBreak),
  });
}

/** Arguments that are calls taking functions: prettier puts each on its own line. */
function isFunctionComposition(args: readonly Expression[]): boolean {
  return (
    args.length > 1 &&
    args.some(
      (arg) =>
        (arg.kind === 'call' || arg.kind === 'new') &&
        arg.arguments.some((inner) => inner.kind === 'arrow'),
    )
  );
}

function shouldHugLastArgument(args: readonly Expression[]): boolean {
  const last = args.at(-1)!;
  const penultimate = args.at(-2);

  return (
    couldExpand(last, false) &&
    (penultimate === undefined || nodeTypeOf(penultimate) !== nodeTypeOf(last)) &&
    (args.length !== 2 || penultimate!.kind !== 'arrow' || last.kind !== 'array') &&
    !(
      args.length > 1 &&
      last.kind === 'array' &&
      last.elements.every((element) => element.kind === 'number')
    )
  );
}

/** An argument that may hug the call's parentheses: a non-empty object or array, or an arrow to one. */
function couldExpand(arg: Expression, arrowBody: boolean): boolean {
  switch (arg.kind) {
    case 'object':
      return arg.members.length > 0;
    case 'array':
      return arg.elements.length > 0;
    case 'as-const':
    case 'satisfies':
      return couldExpand(arg.expression, arrowBody);
    case 'arrow': {
      const { body } = arg;

      return (
        body.kind === 'object' ||
        body.kind === 'array' ||
        (body.kind === 'arrow' && couldExpand(body, true)) ||
        (!arrowBody && (body.kind === 'conditional' || body.kind === 'call'))
      );
    }
    default:
      return false;
  }
}

/** A link of a member chain: the head, a member access, or a call's arguments. */
type Link = Expression;

/** The links of a chain, head first: `a.b(c).d()` is `a`, `.b`, `(c)`, `.d`, `()`. */
function listLinks(call: Call): Link[] {
  const links: Link[] = [];
  let node: Expression = call;
  for (;;) {
    links.unshift(node);
    if (node.kind === 'call' && (isMemberish(node.callee) || node.callee.kind === 'call')) {
      node = node.callee;
    } else if (node.kind === 'member' || node.kind === 'element') {
      node = node.object;
    } else {
      return links;
    }
  }
}

/** How a link prints in a chain: the head whole, a member as its lookup, a call as its arguments. */
function printLink(link: Link, isHead: boolean): Doc {
  if (isHead) {
    return printExpression(link, { parent: 'member-object', outside: 'callee' });
  }
  switch (link.kind) {
    case 'call':
      return [printTypeArguments(link.typeArguments), printCallArguments(link.arguments)];
    case 'member':
      return `.${link.name}`;
    case 'element':
      return printElementLookup(link.index);
    default:
      throw new Error(`Internal error: a ${link.kind} inside a member chain.`);
  }
}

/** Splits a chain into prettier's groups: the head, then one group per `.name(...)`. */
function groupChain(call: Call, place: Place): { groups: Link[][]; links: Link[]; merge: boolean } {
  const links = listLinks(call);
  const isNumberIndex = (link: Link): boolean =>
    link.kind === 'element' && link.index.kind === 'number';
  const first: Link[] = [links[0]!];
  let index = 1;
  for (; index < links.length; index++) {
    const link = links[index]!;
    if (link.kind !== 'call' && !isNumberIndex(link)) break;
    first.push(link);
  }
  if (links[0]!.kind !== 'call') {
    for (; index + 1 < links.length; index++) {
      if (!isMemberish(links[index]!) || !isMemberish(links[index + 1]!)) break;
      first.push(links[index]!);
    }
  }
  const groups: Link[][] = [first];
  let current: Link[] = [];
  let seenCall = false;
  for (; index < links.length; index++) {
    const link = links[index]!;
    if (seenCall && isMemberish(link) && !isNumberIndex(link)) {
      groups.push(current);
      current = [];
      seenCall = false;
    }
    if (link.kind === 'call') seenCall = true;
    current.push(link);
  }
  if (current.length > 0) groups.push(current);

  return { groups, links, merge: shouldMergeHead(groups, place) };
}

/** Keeps the first call on the head's line for `this.x()`, factories (`Object.keys()`), short names. */
function shouldMergeHead(groups: readonly Link[][], place: Place): boolean {
  if (groups.length < 2) {
    return false;
  }
  const isFactory = (name: string): boolean => /^[A-Z]|^[$_]+$/.test(name);
  const computed = groups[1]![0]!.kind === 'element';
  const head = groups[0]!;
  if (head.length === 1) {
    const node = head[0]!;
    if (node.kind !== 'identifier') {
      return false;
    }

    return (
      node.name === 'this' ||
      isFactory(node.name) ||
      (place.parent === 'statement' && node.name.length <= 2) ||
      computed
    );
  }
  const last = head.at(-1)!;

  return last.kind === 'member' && !last.name.startsWith('#') && (isFactory(last.name) || computed);
}

/** Tells whether prettier prints `call` as a broken-up member chain (more groups than its cutoff). */
export function isMemberChain(call: Call): boolean {
  if (!isMemberish(call.callee)) {
    return false;
  }
  const { groups, merge } = groupChain(call, { parent: 'argument' });

  return groups.length > (merge ? 3 : 2);
}

function printMemberChain(call: Call, place: Place): Doc {
  const { groups, links, merge } = groupChain(call, place);
  const printed = new Map(links.map((link, index) => [link, printLink(link, index === 0)]));
  const printGroup = (group: readonly Link[]): Doc => group.map((link) => printed.get(link)!);
  const oneLine = groups.map(printGroup);
  if (groups.length <= (merge ? 3 : 2)) {
    return group(oneLine);
  }
  const rest = groups.slice(merge ? 2 : 1);
  const expanded = [
    printGroup(groups[0]!),
    merge ? printGroup(groups[1]!) : '',
    indent([hardline, join(hardline, rest.map(printGroup))]),
  ];
  const calls = links.filter((link): link is Call => link.kind === 'call');
  if (calls.length > 2) {
    return [unsure('a member chain of more than two calls'), group(expanded)];
  }
  const lastGroup = oneLine.at(-1)!;
  const breaksInHead = oneLine.slice(0, -1).some(willBreak);
  const lastBreaksAfterFunctions =
    groups.at(-1)!.at(-1)!.kind === 'call' &&
    willBreak(lastGroup) &&
    calls.slice(0, -1).some((node) => node.arguments.some((arg) => arg.kind === 'arrow'));
  if (breaksInHead || lastBreaksAfterFunctions) {
    return group(expanded);
  }

  return [willBreak(oneLine) ? breakParent : '', conditionalGroup([oneLine, expanded])];
}
