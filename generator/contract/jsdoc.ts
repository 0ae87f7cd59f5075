import { ts } from './ts-morph.js';
import type { JSDocTag, JSDocableNode } from 'ts-morph';
import type { FormatName } from 'ajv-formats';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import { findNearest, formatDidYouMean } from '../suggest.js';
import type { ProblemList } from './problems.js';

/** How a schema tag's text is read. */
type TagValueKind = 'format' | 'pattern' | 'count' | 'number' | 'positive' | 'flag';

/** The JSDoc tags that carry into the JSON Schema, and how each one's value is read. */
const SCHEMA_TAGS = Object.freeze({
  format: 'format',
  pattern: 'pattern',
  minLength: 'count',
  maxLength: 'count',
  minimum: 'number',
  maximum: 'number',
  exclusiveMinimum: 'number',
  exclusiveMaximum: 'number',
  multipleOf: 'positive',
  minItems: 'count',
  maxItems: 'count',
  uniqueItems: 'flag',
  integer: 'flag',
} satisfies Record<string, TagValueKind>);

/** The name of a JSDoc tag that carries into the schema. */
export type SchemaTagName = keyof typeof SCHEMA_TAGS;

const SCHEMA_TAG_NAMES = Object.freeze(Object.keys(SCHEMA_TAGS)) as readonly SchemaTagName[];

/** Documentation tags that are fine on their own and never mistaken for schema tags. */
const DOCUMENTATION_TAGS: ReadonlySet<string> = new Set([
  'author',
  'default',
  'deprecated',
  'description',
  'example',
  'internal',
  'link',
  'param',
  'remarks',
  'return',
  'returns',
  'see',
  'since',
  'summary',
  'throws',
]);

/** The formats `@format` accepts: those ajv-formats (which fastify loads) validates. */
export const FORMAT_NAMES: readonly FormatName[] = Object.freeze([
  'date',
  'time',
  'date-time',
  'iso-time',
  'iso-date-time',
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'json-pointer-uri-fragment',
  'relative-json-pointer',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'binary',
] satisfies FormatName[]);

/** A schema tag read from JSDoc, its value checked. */
export interface SchemaTag {
  readonly name: SchemaTagName;
  /** The format name or pattern text, the number, or `true` for a flag tag. */
  readonly value: string | number | true;
  readonly node: JSDocTag;
}

/** What a declaration's JSDoc says: its text and its schema tags. */
export interface DocComment {
  /** The comment's text before the tags, raw; absent when there is none. */
  readonly description?: string;
  readonly tags: readonly SchemaTag[];
}

// TODO: carry `@deprecated` into the model (routes and properties) — matters once emitters should
// mark deprecated client methods and fields.
/**
 * Reads the JSDoc nearest to `node`: its text and its schema tags. Reports a tag whose
 * value is wrong, a repeated schema tag, and an unknown tag close to a schema tag's name
 * (`@minLenght`), which would otherwise be silently ignored.
 */
export function readDocComment(node: JSDocableNode, problems: ProblemList): DocComment {
  const doc = node.getJsDocs().at(-1);
  if (doc === undefined) return { tags: [] };

  const description = ts.getTextOfJSDocComment(doc.compilerNode.comment);
  const tags: SchemaTag[] = [];
  for (const tag of doc.getTags()) {
    const tagName = tag.getTagName();
    if (!Object.hasOwn(SCHEMA_TAGS, tagName)) {
      reportIfMisspelt(tag, tagName, problems);
      continue;
    }
    const name = tagName as SchemaTagName;
    if (tags.some((other) => other.name === name)) {
      problems.report(tag, Codes.CONTRACT_JSDOC_TAG, `@${name} appears twice`, 'keep one');
      continue;
    }
    const value = readTagValue(tag, name, problems);
    if (value !== undefined) tags.push({ name, value, node: tag });
  }

  return description === undefined || description === '' ? { tags } : { description, tags };
}

function reportIfMisspelt(tag: JSDocTag, tagName: string, problems: ProblemList): void {
  if (DOCUMENTATION_TAGS.has(tagName)) return;
  if (findNearest(tagName, SCHEMA_TAG_NAMES) === undefined) return;

  const message = `unknown JSDoc tag @${tagName}`;
  problems.report(
    tag,
    Codes.CONTRACT_JSDOC_TAG,
    message,
    formatDidYouMean(tagName, SCHEMA_TAG_NAMES),
  );
}

function readTagValue(
  tag: JSDocTag,
  name: SchemaTagName,
  problems: ProblemList,
): string | number | true | undefined {
  const text = (ts.getTextOfJSDocComment(tag.compilerNode.comment) ?? '').trim();
  const kind: TagValueKind = SCHEMA_TAGS[name];
  const problem = findValueProblem(kind, text);
  if (problem === undefined) return parseTagValue(kind, text);

  const message = `@${name} ${problem}, received ${text === '' ? 'nothing' : `'${text}'`}`;
  const hint = kind === 'format' ? formatDidYouMean(text, FORMAT_NAMES) : undefined;
  problems.report(tag, Codes.CONTRACT_JSDOC_TAG, message, hint);

  return undefined;
}

const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function findValueProblem(kind: TagValueKind, text: string): string | undefined {
  switch (kind) {
    case 'format':
      return (FORMAT_NAMES as readonly string[]).includes(text)
        ? undefined
        : `takes one of ${FORMAT_NAMES.join(', ')}`;
    case 'pattern':
      return isRegExp(text)
        ? undefined
        : 'takes a regular expression (ECMAScript, with the u flag)';
    case 'count':
      return /^\d+$/.test(text) && Number.isSafeInteger(Number(text))
        ? undefined
        : 'takes a whole number of at least 0';
    case 'number':
      return DECIMAL.test(text) && Number.isFinite(Number(text)) ? undefined : 'takes a number';
    case 'positive':
      return DECIMAL.test(text) && Number(text) > 0 && Number.isFinite(Number(text))
        ? undefined
        : 'takes a number greater than 0';
    case 'flag':
      return text === '' ? undefined : 'takes no value';
  }
}

function parseTagValue(kind: TagValueKind, text: string): string | number | true {
  if (kind === 'flag') return true;
  if (kind === 'format' || kind === 'pattern') return text;

  return Number(text);
}

function isRegExp(text: string): boolean {
  if (text === '') return false;

  try {
    // Compiling a pattern runs no contract code; ajv compiles it the same way.
    new RegExp(text, 'u');

    return true;
  } catch {
    return false;
  }
}

/** Reports schema tags written where no schema takes them (on a contract class or route). */
export function reportStrayTags(
  tags: readonly SchemaTag[],
  where: string,
  problems: ProblemList,
): void {
  for (const tag of tags) {
    const message = `@${tag.name} means nothing on ${where}`;
    const hint = 'put it on a property or on a type declaration';
    problems.report(tag.node, Codes.CONTRACT_JSDOC_TAG, message, hint);
  }
}
