import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { TypeIR } from '../model.js';
import type { SchemaTag, SchemaTagName } from './jsdoc.js';
import type { ProblemList } from './problems.js';

/** The kind of type each schema tag constrains. */
const TAG_TARGETS = Object.freeze({
  format: 'string',
  pattern: 'string',
  minLength: 'string',
  maxLength: 'string',
  minimum: 'number',
  maximum: 'number',
  exclusiveMinimum: 'number',
  exclusiveMaximum: 'number',
  multipleOf: 'number',
  integer: 'number',
  minItems: 'array',
  maxItems: 'array',
  uniqueItems: 'array',
} satisfies Record<SchemaTagName, 'string' | 'number' | 'array'>);

/**
 * Applies JSDoc schema tags to the type they document: string tags to a string, number
 * tags to a number or integer (`@integer` makes an integer), array tags to an array. A
 * nullable type takes them on its non-null part. A tag that does not fit is reported.
 */
export function applySchemaTags(
  type: TypeIR,
  tags: readonly SchemaTag[],
  problems: ProblemList,
): TypeIR {
  if (tags.length === 0) return type;
  if (type.kind === 'nullable') {
    return { kind: 'nullable', type: applySchemaTags(type.type, tags, problems) };
  }
  let result: TypeIR = type;
  for (const tag of tags) {
    const target = TAG_TARGETS[tag.name];
    const fits =
      target === 'number'
        ? result.kind === 'number' || result.kind === 'integer'
        : result.kind === target;
    if (!fits) {
      reportMisfit(tag, target, type, problems);
      continue;
    }
    result = applyTag(result, tag);
  }
  const empty = describeEmptyRange(result);
  if (empty !== undefined) {
    problems.report(tags.at(-1)!.node, Codes.CONTRACT_JSDOC_TAG, empty, 'loosen one of the bounds');
  }

  return result;
}

/**
 * Says why no value fits the bounds the tags gave, or `undefined` when some value does: a
 * request or an answer could then never be valid. An integer also keeps to the integers
 * JavaScript holds exactly, as its schema does.
 */
function describeEmptyRange(type: TypeIR): string | undefined {
  if (type.kind === 'string' && (type.minLength ?? 0) > (type.maxLength ?? Infinity)) {
    return `no string fits: @minLength ${type.minLength} is more than @maxLength ${type.maxLength}`;
  }
  if (type.kind === 'array' && (type.minItems ?? 0) > (type.maxItems ?? Infinity)) {
    return `no array fits: @minItems ${type.minItems} is more than @maxItems ${type.maxItems}`;
  }
  if (type.kind !== 'number' && type.kind !== 'integer') {
    return undefined;
  }
  if (type.kind === 'integer') {
    const least = Math.max(
      type.minimum === undefined ? -Infinity : Math.ceil(type.minimum),
      type.exclusiveMinimum === undefined ? -Infinity : Math.floor(type.exclusiveMinimum) + 1,
      Number.MIN_SAFE_INTEGER,
    );
    const most = Math.min(
      type.maximum === undefined ? Infinity : Math.floor(type.maximum),
      type.exclusiveMaximum === undefined ? Infinity : Math.ceil(type.exclusiveMaximum) - 1,
      Number.MAX_SAFE_INTEGER,
    );

    return least > most
      ? `no integer fits: the bounds ask for one of at least ${least} and at most ${most}` +
          ' (integers stay within ±9007199254740991, which JavaScript holds exactly)'
      : undefined;
  }
  const lower = Math.max(type.minimum ?? -Infinity, type.exclusiveMinimum ?? -Infinity);
  const upper = Math.min(type.maximum ?? Infinity, type.exclusiveMaximum ?? Infinity);
  const touching =
    lower === upper && (type.exclusiveMinimum === lower || type.exclusiveMaximum === upper);

  if (!(lower > upper || touching)) {
    return undefined;
  }
  const from = type.exclusiveMinimum === lower ? `more than ${lower}` : `at least ${lower}`;
  const to = type.exclusiveMaximum === upper ? `less than ${upper}` : `at most ${upper}`;

  return `no number fits: the bounds ask for one ${from} and ${to}`;
}

function applyTag(type: TypeIR, tag: SchemaTag): TypeIR {
  if (tag.name === 'integer') return { ...type, kind: 'integer' } as TypeIR;
  // uniqueItems is a flag: its value is `true`, which is what the model keeps.
  return { ...type, [tag.name]: tag.value } as TypeIR;
}

function reportMisfit(
  tag: SchemaTag,
  target: 'string' | 'number' | 'array',
  type: TypeIR,
  problems: ProblemList,
): void {
  const wanted = target === 'array' ? 'an array' : `a ${target}`;
  const message = `@${tag.name} applies to ${wanted}, not to ${describeType(type)}`;
  const hint =
    type.kind === 'ref'
      ? `put the tag on the declaration of '${type.name}', or write the type here`
      : undefined;
  problems.report(tag.node, Codes.CONTRACT_JSDOC_TAG, message, hint);
}

/** Describes a type in a few words, for messages: `a string`, `the type 'User'`. */
export function describeType(type: TypeIR): string {
  switch (type.kind) {
    case 'ref':
      return `the type '${type.name}'`;
    case 'object':
      return 'an object';
    case 'record':
      return 'a record';
    case 'array':
      return 'an array';
    case 'enum':
      return 'a union of literals';
    case 'literal':
      return `the literal ${JSON.stringify(type.value)}`;
    case 'nullable':
      return `${describeType(type.type)} or null`;
    case 'union':
      return 'a union';
    case 'null':
      return 'null';
    case 'integer':
      return 'an integer';
    case 'string':
    case 'number':
    case 'boolean':
      return `a ${type.kind}`;
  }
}
