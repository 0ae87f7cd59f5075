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

  return result;
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
