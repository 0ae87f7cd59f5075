import { createScanner } from 'jsonc-parser';
import { GeneratorErrorCodes } from '../error-codes.js';
import type { ConfigFinding } from './diagnostics.js';
import { findPointerAt } from './syntax-errors.js';

/**
 * How deep the objects and arrays of a config may nest. The deepest keys a valid config has
 * (`resilience.<profile>.retry.budget.ratio`) are 5 levels down; the parser, the schema and
 * the checks each go one call deeper per level, and would exhaust the stack some thousands of
 * levels down. docs/config.md states this limit.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Finds the first `{` or `[` that opens a level deeper than {@link MAX_NESTING_DEPTH}, before
 * anything recurses through the text. It reads the parser's own tokens, so a bracket inside a
 * string or a comment does not count.
 */
export function findExcessNesting(text: string): ConfigFinding | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  // The token kinds are a const enum, which this build cannot import; a token's first
  // character tells the brackets apart (no other token starts with one).
  for (scanner.scan(); scanner.getTokenOffset() < text.length; scanner.scan()) {
    const char = text[scanner.getTokenOffset()];
    if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      depth = Math.max(0, depth - 1);
    }
    if (depth > MAX_NESTING_DEPTH) {
      const offset = scanner.getTokenOffset();

      return {
        code: GeneratorErrorCodes.CONFIG_TOO_DEEP,
        // The text up to here nests no deeper than the limit, so finding the pointer is safe.
        pointer: findPointerAt(text, offset),
        offset,
        message: `objects and arrays nest more than ${MAX_NESTING_DEPTH} levels deep here`,
        hint: 'no key of a config lies that deep; remove the extra nesting',
      };
    }
  }

  return undefined;
}
