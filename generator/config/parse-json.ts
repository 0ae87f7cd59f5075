import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { GeneratorErrorCodes } from '../error-codes.js';
import type { ConfigFinding, JsonPosition } from './diagnostics.js';
import { appendPointer } from './json-pointer.js';
import type { LineIndex } from './line-index.js';
import { findExcessNesting } from './nesting.js';
import { describeSyntaxErrors } from './syntax-errors.js';

/**
 * Keys that would reach `Object.prototype` through a careless merge or lookup. They are
 * rejected wherever they appear, and never copied into the parsed value.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

const BYTE_ORDER_MARK = '\uFEFF';

/** The result of {@link parseJsonDocument}. */
export interface ParsedJsonDocument {
  /** The document's value, with objects of null prototype; `undefined` when it did not parse. */
  readonly value: unknown;
  /** Where each member starts, by JSON pointer. */
  readonly positions: ReadonlyMap<string, JsonPosition>;
  /** Syntax errors, a byte order mark, duplicate keys and reserved keys. */
  readonly findings: readonly ConfigFinding[];
}

/**
 * Parses strict JSON (no comments, no trailing commas, no byte order mark, at most
 * 64 levels deep: {@link findExcessNesting}) and records where
 * each value and key starts, so that later checks can be reported at the right line and
 * column. Objects are built without a prototype and reserved keys are left out, so nothing
 * in a config can pollute `Object.prototype`.
 */
export function parseJsonDocument(text: string, lines: LineIndex): ParsedJsonDocument {
  const findings: ConfigFinding[] = [];
  const positions = new Map<string, JsonPosition>();
  let source = text;
  if (text.startsWith(BYTE_ORDER_MARK)) {
    findings.push({
      code: GeneratorErrorCodes.CONFIG_SYNTAX,
      pointer: '',
      offset: 0,
      message: 'the file starts with a byte order mark (BOM)',
      hint: 'save it as UTF-8 without BOM',
    });
    // A space keeps every later offset where it was, so positions still match the file.
    source = ` ${text.slice(1)}`;
  }
  const tooDeep = findExcessNesting(source);
  if (tooDeep !== undefined) {
    // Nothing else is looked at: parsing such a text would exhaust the stack.
    return { value: undefined, positions, findings: [...findings, tooDeep] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || root === undefined) {
    findings.push(...describeSyntaxErrors(source, errors, lines));

    return { value: undefined, positions, findings };
  }
  const builder = new ValueBuilder(positions, findings, lines);
  positions.set('', { keyOffset: undefined, valueOffset: root.offset });

  return { value: builder.build(root, ''), positions, findings };
}

class ValueBuilder {
  constructor(
    private readonly positions: Map<string, JsonPosition>,
    private readonly findings: ConfigFinding[],
    private readonly lines: LineIndex,
  ) {}

  build(node: Node, pointer: string): unknown {
    switch (node.type) {
      case 'object':
        return this.buildObject(node, pointer);
      case 'array':
        return (node.children ?? []).map((item, index) => {
          const itemPointer = appendPointer(pointer, index);
          this.positions.set(itemPointer, { keyOffset: undefined, valueOffset: item.offset });

          return this.build(item, itemPointer);
        });
      default:
        return node.value;
    }
  }

  private buildObject(node: Node, pointer: string): Record<string, unknown> {
    const result: Record<string, unknown> = Object.create(null);
    const firstSeen = new Map<string, number>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (keyNode === undefined || valueNode === undefined) {
        continue;
      }
      const key = String(keyNode.value);
      const memberPointer = appendPointer(pointer, key);
      const earlier = firstSeen.get(key);
      if (RESERVED_KEYS.has(key)) {
        this.findings.push({
          code: GeneratorErrorCodes.CONFIG_RESERVED_KEY,
          pointer: memberPointer,
          offset: keyNode.offset,
          message: `'${key}' is not allowed as a key`,
          hint: 'rename it: such a key could reach Object.prototype',
        });
        continue;
      }
      if (earlier !== undefined) {
        const { line, column } = this.lines.locate(earlier);
        this.findings.push({
          code: GeneratorErrorCodes.CONFIG_DUPLICATE_KEY,
          pointer: memberPointer,
          offset: keyNode.offset,
          message: `duplicate key '${key}' (first at ${line}:${column})`,
          hint: 'keep one of them: JSON readers disagree on which one wins',
        });
        continue;
      }
      firstSeen.set(key, keyNode.offset);
      this.positions.set(memberPointer, {
        keyOffset: keyNode.offset,
        valueOffset: valueNode.offset,
      });
      result[key] = this.build(valueNode, memberPointer);
    }

    return result;
  }
}
